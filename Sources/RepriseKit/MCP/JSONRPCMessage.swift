/// One incoming line, classified: a request (it has an id and wants an answer), a notification
/// (no id, no answer), or a response to something the server sent.
package enum JSONRPCMessage: Sendable, Equatable {
  /// `method` with `params`, to be answered under `id` (a string or an integer).
  case request(id: JSONValue, method: String, params: [String: JSONValue])
  /// `method` with `params`; never answered.
  case notification(method: String, params: [String: JSONValue])
  /// A result or error for a request the server sent (the server sends none, so it is ignored).
  case response(id: JSONValue)

  /// Classifies one line.
  /// - Throws: `MCPError` -32700 for text that is not JSON, -32600 for JSON that is not a JSON-RPC
  ///   2.0 message (the error carries the id when one could be read, in `id(of:)`).
  package static func parse(_ line: [UInt8]) throws(MCPError) -> JSONRPCMessage {
    let value: JSONValue
    do { value = try JSONParser().parse(line) } catch { throw MCPError(.parseError, "parse error: the line is not JSON (\(error))") }
    if case .array = value { throw MCPError(.invalidRequest, "invalid request: JSON-RPC batches are not supported by MCP; send one message a line") }
    guard let members = value.objectValue else { throw MCPError(.invalidRequest, "invalid request: a message is a JSON object, got \(value.kindName)") }
    guard members["jsonrpc"]?.stringValue == "2.0" else { throw MCPError(.invalidRequest, "invalid request: \"jsonrpc\" must be \"2.0\"") }
    let id = members["id"]
    if let id, !isValidID(id) { throw MCPError(.invalidRequest, "invalid request: \"id\" must be a string or an integer, got \(id.kindName)") }
    guard let methodValue = members["method"] else {
      if let id, members["result"] != nil || members["error"] != nil { return .response(id: id) }
      throw MCPError(.invalidRequest, "invalid request: \"method\" is missing")
    }
    guard let method = methodValue.stringValue, !method.isEmpty else {
      throw MCPError(.invalidRequest, "invalid request: \"method\" must be a non-empty string")
    }
    var params: [String: JSONValue] = [:]
    if let given = members["params"], !given.isNull {
      guard let object = given.objectValue else { throw MCPError(.invalidParams, "invalid params: \"params\" of \(method) must be an object") }
      params = object
    }
    guard let id else { return .notification(method: method, params: params) }
    return .request(id: id, method: method, params: params)
  }

  /// The id a malformed line carried, if it is readable, so its error can be matched; else null.
  package static func id(of line: [UInt8]) -> JSONValue {
    guard let value = try? JSONParser().parse(line), let id = value["id"], isValidID(id) else { return .null }
    return id
  }

  /// JSON-RPC ids here: strings and integers (MCP forbids null).
  static func isValidID(_ id: JSONValue) -> Bool {
    switch id {
    case .string: return true
    case .int: return true
    case .double(let d): return d.rounded() == d
    default: return false
    }
  }

  /// A result answering `id`.
  package static func result(_ result: JSONValue, id: JSONValue) -> JSONValue {
    .object(["jsonrpc": .string("2.0"), "id": id, "result": result])
  }

  /// An error answering `id` (null when the request's id could not be read).
  package static func error(_ error: MCPError, id: JSONValue) -> JSONValue {
    .object(["jsonrpc": .string("2.0"), "id": id, "error": error.json])
  }

  /// A notification the server sends.
  package static func notification(_ method: String, params: JSONValue) -> JSONValue {
    .object(["jsonrpc": .string("2.0"), "method": .string(method), "params": params])
  }
}
