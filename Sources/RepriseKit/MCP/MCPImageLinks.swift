import Foundation

/// The images of a status report as MCP returns them: one `resource_link` per image (a file URI
/// under the root, never the bytes) and one typed row each for `structuredContent`, with path,
/// size, sha256, cost and duration.
package enum MCPImageLinks {
  /// The JSON Schema of one image row.
  package static let rowSchema: JSONValue = MCPTool.objectSchema(
    [
      "job_id": MCPTool.type("string"), "path": MCPTool.type("string"), "uri": MCPTool.type("string"), "size": MCPTool.type("integer"),
      "sha256": MCPTool.type("string"), "media_type": MCPTool.type("string"), "cost": .object(["type": .strings(["number", "null"])]),
      "duration_ms": .object(["type": .strings(["integer", "null"])]),
    ], required: ["job_id", "path", "uri", "size", "sha256"])

  /// The rows and links of every succeeded job of `report`.
  package static func of(_ report: JobStatusReport, root: MCPRoot) -> (rows: [JSONValue], links: [MCPContent]) {
    var rows: [JSONValue] = []
    var links: [MCPContent] = []
    for entry in report.entries where entry.state == "succeeded" {
      guard let record = entry.record else { continue }
      for image in record.images {
        let uri = MCPRoot.uri(image.path)
        let duration = record.latencyMS
        rows.append(.object([
          "job_id": .string(entry.jobID), "path": .string(image.path), "uri": .string(uri), "size": .int(Int64(image.bytes)),
          "sha256": .string(image.sha256), "media_type": .string(image.mediaType), "width": .optional(image.width), "height": .optional(image.height),
          "cost": record.cost.map { .double($0) } ?? .null, "duration_ms": .optional(duration),
        ]))
        let cost = record.cost.map { "$" + String(format: "%.4f", $0) } ?? "cost unknown"
        let took = duration.map { "\($0) ms" } ?? "duration unknown"
        links.append(.resourceLink(
          uri: uri, name: root.relative(image.path), mimeType: image.mediaType, size: image.bytes,
          description: "\(entry.jobID): \(image.bytes) bytes, sha256 \(image.sha256), \(cost), \(took)",
          meta: [
            "sha256": .string(image.sha256), "cost": record.cost.map { .double($0) } ?? .null, "duration_ms": .optional(duration),
            "path": .string(image.path),
          ]))
      }
    }
    return (rows, links)
  }
}
