/// Every tool `reprise mcp` offers, in `tools/list` order.
package enum MCPToolbox {
  /// The tools.
  package static let tools: [MCPTool] = [
    PlanVariantsTool.tool, RunVariantsTool.tool, StatusTool.tool, WaitTool.tool, RerunTool.tool, DiffTool.tool, VerifyTool.tool, InspectTool.tool,
    GalleryTool.tool, ModelsTool.tool, MeasureTool.tool, IterateTool.tool,
  ]
}
