/// One tool the server offers: how `tools/list` describes it and what `tools/call` runs.
package struct MCPTool: Sendable {
  /// e.g. `plan_variants`.
  package let name: String
  /// A short human title.
  package let title: String
  /// What it does, for the model.
  package let description: String
  /// Its arguments (the `inputSchema`).
  package let parameters: [MCPParameter]
  /// The JSON Schema of its `structuredContent`.
  package let outputSchema: JSONValue
  /// Read-only, destructive, idempotent, open-world.
  package let annotations: MCPToolAnnotations
  /// Runs a checked call. Operation failures are `MCPToolResult.failure`; a thrown `MCPError` is
  /// answered as a JSON-RPC error.
  package let run: @Sendable (MCPArguments, MCPToolContext) async throws(MCPError) -> MCPToolResult

  /// A tool as given.
  package init(
    name: String, title: String, description: String, parameters: [MCPParameter], outputSchema: JSONValue, annotations: MCPToolAnnotations,
    run: @escaping @Sendable (MCPArguments, MCPToolContext) async throws(MCPError) -> MCPToolResult
  ) {
    self.name = name
    self.title = title
    self.description = description
    self.parameters = parameters
    self.outputSchema = outputSchema
    self.annotations = annotations
    self.run = run
  }

  /// Its `tools/list` entry.
  package var json: JSONValue {
    .object([
      "name": .string(name), "title": .string(title), "description": .string(description), "inputSchema": MCPParameter.inputSchema(parameters),
      "outputSchema": outputSchema, "annotations": annotations.json(title: title),
    ])
  }

  /// An object schema with `properties` (name: JSON type or schema) of which `required` are
  /// always present; other members are allowed.
  package static func objectSchema(_ properties: [String: JSONValue], required: [String]) -> JSONValue {
    .object(["type": .string("object"), "properties": .object(properties), "required": .strings(required)])
  }

  /// `{"type": type}`.
  package static func type(_ type: String) -> JSONValue { .object(["type": .string(type)]) }
}
