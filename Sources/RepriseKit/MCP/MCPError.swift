/// A JSON-RPC error the server answers a request with: one of the codes JSON-RPC 2.0 and MCP
/// define, a one-line message, and optional data.
package struct MCPError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The JSON-RPC error codes the server uses.
  package enum Code: Int64, Sendable {
    /// The line is not JSON.
    case parseError = -32700
    /// JSON, but not a JSON-RPC 2.0 request or notification (or a batch, which MCP removed).
    case invalidRequest = -32600
    /// No such method.
    case methodNotFound = -32601
    /// The method exists but its parameters are wrong: a missing or mistyped argument, an unknown
    /// tool, a path outside the root.
    case invalidParams = -32602
    /// The server failed while answering.
    case internalError = -32603
    /// MCP: `resources/read` of a URI that names no resource.
    case resourceNotFound = -32002
  }

  /// The code.
  package let code: Code
  /// One line for the caller.
  package let message: String
  /// Extra detail (e.g. the supported protocol versions), or nil.
  package let data: JSONValue?

  /// An error as given.
  package init(_ code: Code, _ message: String, data: JSONValue? = nil) {
    self.code = code
    self.message = message
    self.data = data
  }

  /// The JSON-RPC `error` member.
  package var json: JSONValue {
    var members: [String: JSONValue] = ["code": .int(code.rawValue), "message": .string(message)]
    if let data { members["data"] = data }
    return .object(members)
  }

  /// `-32602: message`.
  package var description: String { "\(code.rawValue): \(message)" }

  /// Invalid params.
  package static func invalidParams(_ message: String) -> MCPError { MCPError(.invalidParams, message) }
}
