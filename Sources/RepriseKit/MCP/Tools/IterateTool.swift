/// `iterate`: `reprise iterate --from MANIFEST INDEX` as a tool. The parent job's verified output
/// becomes the baseline of a new batch that inherits the parent's spec (prompt, model, must-keep,
/// palette, locks) unless an argument overrides it, in the default folder (`<stem>-v<n>` beside
/// the parent). Plans only (writes nothing) unless `run` is true: then it is `run_variants`
/// (manifest written, jobs queued, a background worker started).
package enum IterateTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "iterate", title: "Iterate from a job's image",
    description: "Start the next iteration from one job's output: that image (verified against its record) becomes the baseline of a new "
      + "batch inheriting the parent's prompt, model, must-keep items, palette and locks, in <parent folder>/<stem>-v<n>. Without run it "
      + "only plans (writes nothing), like plan_variants; with run true it queues the jobs in the background like run_variants (costs money).",
    parameters: [
      MCPParameter("manifest", .string, "The parent manifest (inside the root).", required: true),
      MCPParameter("index", .integer, "The parent job's index.", required: true, range: 0...1_000_000),
      MCPParameter("confirm_external_upload", .boolean, "Required: the user agreed to send the image to OpenRouter as the baseline."),
      MCPParameter("prompt", .string, "Replaces the parent's prompt."),
      MCPParameter("prompt_append", .string, "Added to the parent's prompt on a new line."),
      MCPParameter("count", .integer, "How many variants (default the parent's job count).", range: 1...1000),
      MCPParameter("palette", .string, "Brand colours replacing the parent's, or none to drop them."),
      MCPParameter("request_id", .string, "The caller's id for this batch."),
      MCPParameter("run", .boolean, "Queue the jobs (default false: plan only)."),
    ],
    outputSchema: MCPTool.objectSchema(
      [
        "manifest": MCPTool.type("string"), "parent": .object(["type": .string("object")]),
        "jobs": .object(["type": .string("array")]), "request_id": MCPTool.type("string"),
      ], required: ["manifest", "parent", "jobs"]),
    annotations: MCPToolAnnotations(readOnly: false, idempotent: true, openWorld: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let root = context.root.path
        let source = try IterationSource.fromManifest(try arguments.requiredPath("manifest"), index: arguments.int("index") ?? 0, currentDirectory: root)
        guard arguments.flag("confirm_external_upload") else {
          throw RepriseError.badInput(
            "'\(context.root.relative(source.imagePath))' becomes the baseline and would be uploaded to OpenRouter: "
              + "call again with confirm_external_upload true if the user agreed")
        }
        var overrides = IterationOverrides()
        if arguments.string("prompt_append") != nil, arguments.string("prompt") != nil {
          throw RepriseError.usage("prompt_append adds to the parent's prompt: it cannot be combined with prompt")
        }
        overrides.prompt = arguments.string("prompt")
        overrides.promptAppend = arguments.string("prompt_append")
        overrides.count = arguments.int("count")
        if let text = arguments.string("palette") { overrides.palette = .some(text == "none" ? nil : try BrandPalette.parse(text, flag: "palette")) }
        let folder = try IterationFolder.resolve(
          parentManifest: source.manifestPath, parentPrefix: source.manifest.spec.prefix, outDir: nil, prefix: nil, currentDirectory: root)
        var options = IterationPlanner.options(from: source, overrides: overrides, folder: folder, workspaceRoot: root)
        let configuration = OpenRouterConfiguration(environment: context.environment)
        options.capabilityTable = ModelCache(environment: context.environment).capabilityTable(baseURL: configuration.baseURL)
        options.provider = source.manifest.requestTarget(of: source.job).request.provider
        options.useDiscovery(ModelDiscovery.cached(model: options.model, environment: context.environment))
        options.confirmExternalUpload = true
        options.requestID = arguments.string("request_id")
        try options.validate()
        let parent: JSONValue = .object([
          "manifest": .string(source.manifestPath), "index": .int(Int64(source.job.index)), "job_id": .string(source.job.jobID),
          "image": .string(source.imagePath), "sha256": .string(source.sha256),
        ])
        let hints = ClarifyHints.hints(for: options.prompt)
        let run = try VariantsRun(options: options, hints: hints, currentDirectory: root, environment: context.environment)
        let manifest = PathMath.absolute(run.plan.manifestPath, base: root)
        guard arguments.flag("run") else {
          let structured: JSONValue = .object([
            "manifest": .string(manifest), "manifest_id": .string(run.plan.manifest.manifestID), "parent": parent,
            "jobs": .array(MCPVariantsRequest.jobRows(run.plan, root: context.root)), "clarify_hints": .strings(hints),
          ])
          return .success(structured, summary: "planned \(run.plan.plannedJobs.count) job(s) from #\(source.job.index); nothing written")
        }
        let settings = JobRunSettings(
          client: try MCPVariantsRequest.client(environment: context.environment), queueDir: nil, drain: DrainOptions(), embed: true,
          handling: .background(maxWorkers: 2))
        guard case .handedOff(let ack) = try await run.run(settings, events: { _ in }), case .object(var members) = ack else {
          throw MCPError(.internalError, "internal error: the background hand-off did not happen")
        }
        members["manifest"] = .string(manifest)
        members["parent"] = parent
        let requestID = members["request_id"]?.stringValue ?? ""
        return .success(.object(members), summary: "queued the iteration as request \(requestID); call wait with this request_id")
      }
    })
}
