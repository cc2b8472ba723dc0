import Foundation

/// The MCP server: answers JSON-RPC 2.0 messages, one a line, with reprise's tools and the
/// resources under its root. It never stops on a bad message: each gets the error code it
/// deserves (-32700 not JSON, -32600 not a request, -32601 no such method, -32602 bad params,
/// -32603 an internal failure) and the next line is read. Requests run concurrently, so a
/// `wait` never blocks a `ping` or a `status`.
package final class MCPServer: @unchecked Sendable {
  /// The protocol versions negotiated, newest first.
  package static let protocolVersions = ["2025-11-25", "2025-06-18", "2025-03-26"]
  /// The server's name in `serverInfo`.
  package static let name = "reprise"

  /// The tools, in `tools/list` order.
  package let tools: [MCPTool]
  /// The root.
  package let root: MCPRoot
  /// Where messages go.
  package let output: MCPOutput
  private let environment: [String: String]
  private let version: String
  private let log: @Sendable (String) -> Void
  private let lock = NSLock()
  private var negotiated: String?
  private var running: [Int: Task<Void, Never>] = [:]
  private var nextTask = 0

  /// A server over `root` with `tools`, writing to `output`, logging (redacted) to `log`.
  package init(
    root: MCPRoot, tools: [MCPTool], environment: [String: String], version: String, output: MCPOutput, log: @escaping @Sendable (String) -> Void
  ) {
    self.root = root
    self.tools = tools
    self.environment = environment
    self.version = version
    self.output = output
    self.log = log
  }

  /// The negotiated protocol version, once `initialize` was answered.
  package var protocolVersion: String? {
    lock.lock()
    defer { lock.unlock() }
    return negotiated
  }

  /// Handles one framed item; a request is answered on its own task (see `finish`).
  package func receive(_ item: MCPLineBuffer.Item) {
    switch item {
    case .oversized:
      output.send(JSONRPCMessage.error(MCPError(.invalidRequest, "invalid request: the message is longer than the server accepts"), id: .null))
    case .line(let bytes):
      let message: JSONRPCMessage
      do { message = try JSONRPCMessage.parse(bytes) } catch {
        log("mcp: refused a message: \(error.message)")
        output.send(JSONRPCMessage.error(error, id: JSONRPCMessage.id(of: bytes)))
        return
      }
      switch message {
      case .response: return
      case .notification(let method, _):
        if method != "notifications/initialized" && method != "notifications/cancelled" { log("mcp: ignored notification \(method)") }
      case .request(let id, let method, let params):
        lock.lock()
        let key = nextTask
        nextTask += 1
        lock.unlock()
        let task = Task {
          await self.answer(id: id, method: method, params: params)
          self.lock.withLock { self.running[key] = nil }
        }
        lock.lock()
        if !task.isCancelled { running[key] = task }
        lock.unlock()
      }
    }
  }

  /// Waits for every request received so far to be answered (at end of input).
  package func finish() async {
    let tasks = lock.withLock { Array(running.values) }
    for task in tasks { await task.value }
  }

  /// Answers one request (its result or error is sent to `output`).
  package func answer(id: JSONValue, method: String, params: [String: JSONValue]) async {
    do {
      let result = try await dispatch(method: method, params: params)
      output.send(JSONRPCMessage.result(result, id: id))
    } catch {
      if error.code == .internalError { log("mcp: \(method) failed: \(output.redact(error.message))") }
      output.send(JSONRPCMessage.error(error, id: id))
    }
  }

  private func dispatch(method: String, params: [String: JSONValue]) async throws(MCPError) -> JSONValue {
    switch method {
    case "initialize": return try initialize(params)
    case "ping": return .object([:])
    case "tools/list": return .object(["tools": .array(tools.map(\.json))])
    case "tools/call": return try await call(params)
    case "resources/list": return MCPResourceCatalog(root: root).list()
    case "resources/templates/list": return .object(["resourceTemplates": .array([])])
    case "resources/read":
      guard let uri = params["uri"]?.stringValue else { throw .invalidParams("resources/read needs \"uri\" (a string)") }
      return try MCPResourceCatalog(root: root).read(uri)
    case "logging/setLevel":
      guard params["level"]?.stringValue != nil else { throw .invalidParams("logging/setLevel needs \"level\" (a string)") }
      return .object([:])
    default: throw MCPError(.methodNotFound, "method not found: \(method)")
    }
  }

  private func initialize(_ params: [String: JSONValue]) throws(MCPError) -> JSONValue {
    guard let requested = params["protocolVersion"]?.stringValue else { throw .invalidParams("initialize needs \"protocolVersion\" (a string)") }
    // The client's version when we speak it, else our newest (the client then decides).
    let chosen = Self.protocolVersions.contains(requested) ? requested : Self.protocolVersions[0]
    lock.lock()
    negotiated = chosen
    lock.unlock()
    return .object([
      "protocolVersion": .string(chosen),
      "capabilities": .object([
        "tools": .object(["listChanged": .bool(false)]), "resources": .object(["listChanged": .bool(false), "subscribe": .bool(false)]),
        "logging": .object([:]),
      ]),
      "serverInfo": .object(["name": .string(Self.name), "title": .string("reprise image variants"), "version": .string(version)]),
      "instructions": .string(
        "Plan with plan_variants, queue with run_variants (returns a request id at once), then wait or status on that id. "
          + "Images come back as resource_link items (file URIs under the root); read them with resources/read. "
          + "Every path is relative to the server's root (\(root.path)) or inside it."),
    ])
  }

  private func call(_ params: [String: JSONValue]) async throws(MCPError) -> JSONValue {
    guard let name = params["name"]?.stringValue else { throw .invalidParams("tools/call needs \"name\" (a string)") }
    guard let tool = tools.first(where: { $0.name == name }) else {
      throw .invalidParams("unknown tool '\(name)' (tools: \(tools.map(\.name).joined(separator: ", ")))")
    }
    var given: [String: JSONValue] = [:]
    if let arguments = params["arguments"], !arguments.isNull {
      guard let object = arguments.objectValue else { throw .invalidParams("tools/call \"arguments\" must be an object") }
      given = object
    }
    let arguments = try MCPArguments(given, parameters: tool.parameters, root: root, tool: name)
    let token = params["_meta"]?["progressToken"]
    let output = self.output
    let context = MCPToolContext(root: root, environment: environment) { progress, total, message in
      guard let token, !token.isNull else { return }
      var members: [String: JSONValue] = ["progressToken": token, "progress": .double(progress), "message": .string(message)]
      if let total { members["total"] = .double(total) }
      output.send(JSONRPCMessage.notification("notifications/progress", params: .object(members)))
    }
    return try await tool.run(arguments, context).json
  }
}
