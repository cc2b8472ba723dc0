/// What a tool does to the world, as MCP's tool annotations say it: clients use these to decide
/// what to run without asking.
package struct MCPToolAnnotations: Sendable, Equatable {
  /// Reads only: changes no file, sends no request.
  package let readOnly: Bool
  /// May replace or remove what was there (reprise never does: outputs are never placed over a file).
  package let destructive: Bool
  /// Calling it again with the same arguments changes nothing more.
  package let idempotent: Bool
  /// Talks to something outside the root (OpenRouter).
  package let openWorld: Bool

  /// Annotations as given.
  package init(readOnly: Bool, destructive: Bool = false, idempotent: Bool, openWorld: Bool = false) {
    self.readOnly = readOnly
    self.destructive = destructive
    self.idempotent = idempotent
    self.openWorld = openWorld
  }

  /// The `annotations` member of a tool.
  package func json(title: String) -> JSONValue {
    .object([
      "title": .string(title), "readOnlyHint": .bool(readOnly), "destructiveHint": .bool(destructive), "idempotentHint": .bool(idempotent),
      "openWorldHint": .bool(openWorld),
    ])
  }
}
