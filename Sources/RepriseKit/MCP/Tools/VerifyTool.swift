import Foundation

/// `verify`: a manifest's id, its baseline and every output checked against the result records.
package enum VerifyTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "verify", title: "Verify a manifest's outputs",
    description: "Recompute a manifest's id, re-read its local baseline and check every output exists with the sha256 its result "
      + "record holds. status is ok or drift; findings list every job. Read-only.",
    parameters: [
      MCPParameter("manifest", .string, "The manifest path (inside the root).", required: true),
      MCPParameter("queue_dir", .string, "Queue folder holding the results (default: beside the manifest)."),
    ],
    outputSchema: MCPTool.objectSchema(
      [
        "manifest": MCPTool.type("string"), "manifest_id": MCPTool.type("string"),
        "status": .object(["type": .string("string"), "enum": .strings(["ok", "drift"])]),
        "findings": .object(["type": .string("array"), "items": MCPTool.type("object")]),
      ], required: ["manifest", "manifest_id", "status", "findings"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let path = try arguments.requiredPath("manifest")
        let queue = try arguments.path("queue_dir") ?? (path as NSString).deletingLastPathComponent + "/imagegen-queue"
        let name = context.root.relative(path)
        let findings = try await BlockingWork.run(throwing: { () throws(RepriseError) in
          let document = try ManifestDocument.load(path: path, name: name)
          let found = try ManifestVerifier.verify(document, manifestPath: path, name: name, store: QueueStore(layout: QueueLayout(root: queue)))
          return (document.storedID, found)
        })
        let drift = findings.1.filter(\.isDrift)
        let structured: JSONValue = .object([
          "manifest": .string(path), "manifest_id": .string(findings.0), "status": .string(drift.isEmpty ? "ok" : "drift"),
          "findings": .array(findings.1.map(\.json)),
        ])
        let summary = drift.isEmpty ? "verified: nothing lost or changed" : "\(drift.count) finding(s) drifted"
        return MCPToolResult(content: MCPToolResult.success(structured, summary: summary).content, structured: structured, isError: false)
      }
    })
}
