import Foundation

/// `diff`: what changed between two manifests (spec, batches, jobs by index) and, when both have
/// results, between their outputs.
package enum DiffTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "diff", title: "Compare two manifests",
    description: "Compare two manifests: spec, batches and jobs matched by index, long text word by word; when both have results "
      + "(their imagegen-queue folders), each job's output too. identical is true when nothing differs. Read-only.",
    parameters: [
      MCPParameter("old", .string, "The earlier manifest.", required: true), MCPParameter("new", .string, "The later manifest.", required: true),
    ],
    outputSchema: MCPTool.objectSchema(
      ["identical": MCPTool.type("boolean"), "changes": .object(["type": .string("array"), "items": MCPTool.type("object")])],
      required: ["identical", "changes"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let paths = [try arguments.requiredPath("old"), try arguments.requiredPath("new")]
        let documents = try paths.map { path throws(RepriseError) in try ManifestDocument.load(path: path, name: context.root.relative(path)) }
        let diff = ManifestDiff(documents[0].manifest, documents[1].manifest)
        let queues = paths.map { ($0 as NSString).deletingLastPathComponent + "/imagegen-queue" }
        var outputs: OutputComparison?
        if queues.allSatisfy({ FileSystem.isDirectory($0 + "/results") || FileSystem.isDirectory($0 + "/failed") }) {
          outputs = OutputComparison(
            documents[0].manifest, QueueStore(layout: QueueLayout(root: queues[0])), documents[1].manifest, QueueStore(layout: QueueLayout(root: queues[1])))
        }
        var members = diff.json.objectValue ?? [:]
        members["outputs"] = outputs?.json ?? .null
        let identical = diff.isEmpty && !(outputs?.hasDifferences ?? false)
        members["identical"] = .bool(identical)
        if members["changes"] == nil { members["changes"] = .array([]) }
        return .success(.object(members), summary: identical ? "identical" : diff.text)
      }
    })
}
