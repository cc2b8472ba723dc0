import Foundation

/// `wait`: polls a request until every job has ended (or nothing will work on them), or until the
/// caller's timeout, sending a progress notification whenever a job ends.
package enum WaitTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "wait", title: "Wait for a request",
    description: "Wait until every job of a request id (or manifest) has ended, or the timeout passes, with progress notifications "
      + "(jobs ended / total). Returns the same report as status plus timed_out. A stalled request (no worker alive) returns at once: "
      + "call run_variants again or run the resume_command.",
    parameters: MCPStatusQuery.parameters + [
      MCPParameter("timeout_seconds", .number, "Longest wait (default 300).", range: 0...3600)
    ],
    outputSchema: outputSchema, annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let query = try MCPStatusQuery(arguments)
        let deadline = Date().addingTimeInterval(arguments.double("timeout_seconds") ?? 300)
        var lastEnded = -1
        while true {
          let report = await BlockingWork.run { query.report() }
          let counts = report.counts
          let ended = (counts["succeeded"] ?? 0) + (counts["failed"] ?? 0) + (counts["missing"] ?? 0)
          if ended != lastEnded {
            context.progress(Double(ended), Double(report.entries.count), "\(ended) of \(report.entries.count) jobs ended")
            lastEnded = ended
          }
          let running = report.exitCode == .stillRunning
          if !running || Date() >= deadline {
            let (structured, links) = query.result(report, root: context.root, extra: ["timed_out": .bool(running)])
            let summary = running ? "timed out: \(ended) of \(report.entries.count) jobs ended" : "\(ended) of \(report.entries.count) jobs ended"
            return .success(structured, summary: summary, links: links)
          }
          try await Task.sleep(nanoseconds: 250_000_000)
        }
      }
    })

  static let outputSchema: JSONValue = {
    guard case .object(var members) = MCPStatusQuery.outputSchema, case .object(var properties)? = members["properties"] else {
      return MCPStatusQuery.outputSchema
    }
    properties["timed_out"] = MCPTool.type("boolean")
    members["properties"] = .object(properties)
    members["required"] = .array((members["required"]?.arrayValue ?? []) + [.string("timed_out")])
    return .object(members)
  }()
}
