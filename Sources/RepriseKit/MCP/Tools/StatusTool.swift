/// `status`: the one consolidated report of a request's or manifest's jobs, with every image as
/// a resource link.
package enum StatusTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "status", title: "Request status",
    description: "Report the jobs of a request id (or a manifest): succeeded, failed with reasons, pending, running or stalled, the "
      + "total cost, and every image as a resource_link (file URI, size, sha256, cost, duration). Read-only; returns at once.",
    parameters: MCPStatusQuery.parameters, outputSchema: MCPStatusQuery.outputSchema,
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let query = try MCPStatusQuery(arguments)
        let report = await BlockingWork.run { query.report() }
        let (structured, links) = query.result(report, root: context.root)
        return .success(structured, summary: report.lines.last(where: { $0.contains(" jobs: ") }) ?? "status", links: links)
      }
    })
}
