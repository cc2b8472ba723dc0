/// What a tool call returns: content for the model, the typed `structuredContent` its output
/// schema describes, and whether the operation failed (a tool error the model can act on, as
/// opposed to a JSON-RPC error for a malformed call).
package struct MCPToolResult: Sendable, Equatable {
  /// Text and resource links.
  package var content: [MCPContent]
  /// The result object (matches the tool's `outputSchema`); nil for an error result.
  package var structured: JSONValue?
  /// True when the operation failed.
  package var isError: Bool

  /// A result as given.
  package init(content: [MCPContent], structured: JSONValue?, isError: Bool = false) {
    self.content = content
    self.structured = structured
    self.isError = isError
  }

  /// A successful result: `structured`, also as text (clients without structured content read
  /// that), then `links`.
  package static func success(_ structured: JSONValue, summary: String, links: [MCPContent] = []) -> MCPToolResult {
    MCPToolResult(content: [.text(summary + "\n" + JSONWriter.pretty(structured))] + links, structured: structured)
  }

  /// A failed operation: its one-line reason.
  package static func failure(_ message: String) -> MCPToolResult {
    MCPToolResult(content: [.text("error: " + message)], structured: nil, isError: true)
  }

  /// The `tools/call` result.
  package var json: JSONValue {
    var members: [String: JSONValue] = ["content": .array(content.map(\.json)), "isError": .bool(isError)]
    if let structured { members["structuredContent"] = structured }
    return .object(members)
  }
}

extension MCPToolResult {
  /// Runs a tool body: a `RepriseError` (a refused plan, a bad manifest, a missing key) becomes a
  /// failed result the model can act on, an `MCPError` is passed on as a JSON-RPC error, and
  /// anything else is an internal error (-32603).
  package static func catching(_ body: () async throws -> MCPToolResult) async throws(MCPError) -> MCPToolResult {
    do { return try await body() } catch let error as MCPError { throw error } catch let error as RepriseError {
      return .failure(error.message)
    } catch {
      throw MCPError(.internalError, "internal error: \(PlainReason.of(error))")
    }
  }
}
