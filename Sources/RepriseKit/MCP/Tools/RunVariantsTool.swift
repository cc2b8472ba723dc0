/// `run_variants`: plan, write the manifest, queue the jobs and hand them to a background worker;
/// returns the acknowledgement (with its request id) at once. `wait` or `status` follow it.
package enum RunVariantsTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "run_variants", title: "Queue image variants",
    description: "Plan a batch of variants, record it in <out_dir>/<prefix>-manifest.json, queue the jobs and start a background worker. "
      + "Returns at once with the request id; then call wait (or status) with it. Running the same arguments again queues nothing new "
      + "for jobs that already succeeded. Sends the jobs to OpenRouter (costs money).",
    parameters: MCPVariantsRequest.parameters + [
      MCPParameter("max_background_workers", .integer, "Live background workers allowed (default 2).", range: 0...16)
    ],
    outputSchema: MCPTool.objectSchema(
      [
        "status": MCPTool.type("string"), "request_id": MCPTool.type("string"), "manifest": MCPTool.type("string"),
        "jobs": .object(["type": .string("array"), "items": MCPTool.type("string")]), "queue_dir": MCPTool.type("string"),
        "worker_state": MCPTool.type("string"), "outputs": .object(["type": .string("array"), "items": MCPTool.type("string")]),
      ], required: ["status", "request_id", "jobs", "queue_dir", "worker_state"]),
    annotations: MCPToolAnnotations(readOnly: false, idempotent: true, openWorld: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let (options, hints) = try MCPVariantsRequest.options(arguments, environment: context.environment)
        let run = try VariantsRun(options: options, hints: hints, currentDirectory: context.root.path, environment: context.environment)
        let settings = JobRunSettings(
          client: try MCPVariantsRequest.client(environment: context.environment), queueDir: nil, drain: DrainOptions(), embed: true,
          handling: .background(maxWorkers: arguments.int("max_background_workers") ?? 2))
        guard case .handedOff(let ack) = try await run.run(settings, events: { _ in }) else {
          throw MCPError(.internalError, "internal error: the background hand-off did not happen")
        }
        let requestID = ack["request_id"]?.stringValue ?? ""
        let jobs = ack["jobs"]?.arrayValue?.count ?? 0
        return .success(ack, summary: "queued \(jobs) job(s) as request \(requestID); call wait with this request_id")
      }
    })
}
