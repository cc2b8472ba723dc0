import Foundation

/// `models`: OpenRouter's image models with their prices, from the cache when fresh.
package enum ModelsTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "models", title: "List image models",
    description: "List OpenRouter's models that output images, with their image prices, from the local cache when it is fresh "
      + "(else fetched and cached). Read-only.",
    parameters: [MCPParameter("refresh", .boolean, "Fetch again even when the cache is fresh.")],
    outputSchema: MCPTool.objectSchema(
      ["source": MCPTool.type("string"), "models": .object(["type": .string("array"), "items": MCPTool.type("object")])], required: ["source", "models"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true, openWorld: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let list = try await ImageModelList.load(environment: context.environment, refresh: arguments.flag("refresh"))
        return .success(list.json, summary: "\(list.models.count) image models (\(list.source))")
      }
    })
}
