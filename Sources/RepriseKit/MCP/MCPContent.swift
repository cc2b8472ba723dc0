/// One item of a tool result's `content`.
package enum MCPContent: Sendable, Equatable {
  /// Text for the model.
  case text(String)
  /// A file the caller can read with `resources/read` (or open itself): its URI, name, media type,
  /// size and a description; `meta` carries typed details (sha256, cost, duration).
  case resourceLink(uri: String, name: String, mimeType: String?, size: Int?, description: String, meta: [String: JSONValue])
  /// A small image inline (only for `preview: true`).
  case image(base64: String, mimeType: String)

  /// The wire form.
  package var json: JSONValue {
    switch self {
    case .text(let text): return .object(["type": .string("text"), "text": .string(text)])
    case .resourceLink(let uri, let name, let mimeType, let size, let description, let meta):
      var members: [String: JSONValue] = ["type": .string("resource_link"), "uri": .string(uri), "name": .string(name), "description": .string(description)]
      if let mimeType { members["mimeType"] = .string(mimeType) }
      if let size { members["size"] = .int(Int64(size)) }
      if !meta.isEmpty { members["_meta"] = .object(meta) }
      return .object(members)
    case .image(let base64, let mimeType): return .object(["type": .string("image"), "data": .string(base64), "mimeType": .string(mimeType)])
    }
  }
}
