/// `plan_variants`: the dry run of `variants`. Plans the batch against the manifest as it is and
/// returns the jobs, their final prompts and the cost estimate; writes nothing.
package enum PlanVariantsTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "plan_variants", title: "Plan image variants (dry run)",
    description: "Plan a batch of variants of one prompt without writing or sending anything: the jobs, each final prompt, the seeds, "
      + "the manifest it would write and the cost estimate (from the cached model list). Call run_variants with the same arguments to run it.",
    parameters: MCPVariantsRequest.parameters,
    outputSchema: MCPTool.objectSchema(
      [
        "manifest": MCPTool.type("string"), "manifest_id": MCPTool.type("string"), "jobs_planned": MCPTool.type("integer"),
        "jobs_total": MCPTool.type("integer"), "jobs": .object(["type": .string("array"), "items": MCPVariantsRequest.jobSchema]),
        "clarify_hints": .object(["type": .string("array"), "items": MCPTool.type("string")]), "estimate": .object(["type": .strings(["object", "null"])]),
      ], required: ["manifest", "manifest_id", "jobs_planned", "jobs_total", "jobs", "clarify_hints", "estimate"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let (options, hints) = try MCPVariantsRequest.options(arguments, environment: context.environment)
        let run = try VariantsRun(options: options, hints: hints, currentDirectory: context.root.path, environment: context.environment)
        let prepared = run.plan
        let spec = prepared.manifest.spec
        let estimate = CostEstimate.fromCache(
          model: spec.model, images: prepared.plannedJobs.count, imageSize: spec.imageSize, environment: context.environment)
        let structured: JSONValue = .object([
          "manifest": .string(PathMath.absolute(prepared.manifestPath, base: context.root.path)), "manifest_id": .string(prepared.manifest.manifestID),
          "jobs_planned": .int(Int64(prepared.plannedJobs.count)), "jobs_total": .int(Int64(prepared.manifest.jobs.count)),
          "jobs": .array(MCPVariantsRequest.jobRows(prepared, root: context.root)), "clarify_hints": .strings(hints), "estimate": estimate?.json ?? .null,
        ])
        return .success(structured, summary: "planned \(prepared.plannedJobs.count) job(s); nothing written")
      }
    })
}
