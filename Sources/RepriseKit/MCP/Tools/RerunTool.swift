/// `rerun`: replay a manifest's jobs exactly into a new folder, in the background (the request
/// id comes back at once), or with `dry_run` only rebuild and check every request.
package enum RerunTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "rerun", title: "Replay a manifest",
    description: "Replay a manifest's jobs (or only some indices) into a new rerun folder beside it, never over an earlier output: queued "
      + "and handed to a background worker, returning the request id at once (then wait). dry_run: only rebuild every request and "
      + "check it matches the recorded sha256; sends nothing.",
    parameters: [
      MCPParameter("manifest", .string, "The manifest path (inside the root).", required: true),
      MCPParameter("only", .strings, "Only these indices, e.g. [\"1\", \"3-5\"]."),
      MCPParameter("out_dir", .string, "Where the rerun folder goes (default: the manifest's folder)."),
      MCPParameter("allow_baseline_change", .boolean, "Rerun with a changed local baseline."),
      MCPParameter("dry_run", .boolean, "Check every request; send nothing."),
    ],
    outputSchema: MCPTool.objectSchema(["status": MCPTool.type("string"), "manifest_id": MCPTool.type("string")], required: ["status"]),
    annotations: MCPToolAnnotations(readOnly: false, idempotent: false, openWorld: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let manifest = try arguments.requiredPath("manifest")
        let only = try indices(arguments.strings("only"))
        let options = RerunOptions(
          manifest: manifest, only: only, onlyText: only.map { _ in arguments.strings("only").joined(separator: ",") }, outDir: try arguments.path("out_dir"),
          allowBaselineChange: arguments.flag("allow_baseline_change"))
        if arguments.flag("dry_run") {
          let report = try RerunOperation.check(options, currentDirectory: context.root.path)
          let structured: JSONValue = .object([
            "status": .string(report.differing.isEmpty ? "ok" : "differs"), "manifest": .string(report.manifest), "manifest_id": .string(report.manifestID),
            "jobs": .array(report.checks.map { .object(["index": .int(Int64($0.index)), "job_id": .string($0.jobID), "matches": .bool($0.matches)]) }),
          ])
          return .success(structured, summary: "\(report.checks.count - report.differing.count) of \(report.checks.count) requests match")
        }
        let operation = try RerunOperation(options, currentDirectory: context.root.path, environment: context.environment)
        let settings = JobRunSettings(
          client: try MCPVariantsRequest.client(environment: context.environment), queueDir: nil, drain: DrainOptions(), embed: true,
          handling: .background(maxWorkers: 2))
        guard case .handedOff(let ack, let refused) = try await operation.run(settings, events: { _ in }) else {
          throw MCPError(.internalError, "internal error: the background hand-off did not happen")
        }
        return .success(ack, summary: "queued the rerun as request \(ack["request_id"]?.stringValue ?? "?") (\(refused) job(s) refused); call wait with it")
      }
    })

  /// `["1", "3-5"]` as a set of indices; nil when empty.
  static func indices(_ items: [String]) throws(MCPError) -> Set<Int>? {
    guard !items.isEmpty else { return nil }
    var set = Set<Int>()
    for item in items {
      let parts = item.split(separator: "-", omittingEmptySubsequences: false)
      guard (1...2).contains(parts.count), let low = Int(parts[0]), let high = Int(parts.last!), low >= 0, low <= high, high - low < 100_000 else {
        throw .invalidParams("rerun: argument 'only' item '\(item)' is not an index or a range like 3-5")
      }
      set.formUnion(low...high)
    }
    return set
  }
}
