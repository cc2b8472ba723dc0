/// `measure`: `reprise measure IMAGE [--baseline FILE] [--palette HEX,...]` as a tool: the image's
/// dominant palette and perceptual hash, its SSIM, pHash distance and palette distance to a
/// baseline, its distance to brand colours, and the verdicts.
package enum MeasureTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "measure", title: "Measure an image (palette, pHash, SSIM, verdicts)",
    description: "Measure an image inside the root: its dominant palette, perceptual hash and, with a baseline, SSIM, pHash distance and "
      + "palette distance (weighted CIEDE2000) to it, with the palette and composition verdicts; with palette, the distance to those "
      + "brand colours and the brand palette verdict. Read-only; the same numbers the drain records in each result's measures.",
    parameters: [
      MCPParameter("image", .string, "The image path (inside the root) or its file:// URI.", required: true),
      MCPParameter("baseline", .string, "An image to compare with (inside the root)."),
      MCPParameter("palette", .string, "Brand colours, e.g. '#0A2540,#FF5A5F' (#RRGGBB or #RGB)."),
      MCPParameter("palette_threshold", .number, "Palette kept while the weighted CIEDE2000 is at most this (default 10).", range: 0...100),
      MCPParameter("composition_threshold", .number, "Composition kept while SSIM is at least this (default 0.80).", range: 0...1),
    ],
    outputSchema: MCPTool.objectSchema(
      [
        "file": MCPTool.type("string"), "sha256": MCPTool.type("string"), "bytes": MCPTool.type("integer"),
        "measures": .object(["type": .string("object")]), "verdicts": .object(["type": .string("array"), "items": MCPTool.type("string")]),
      ], required: ["file", "sha256", "bytes", "measures", "verdicts"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let path = try arguments.requiredPath("image")
        let baseline = try arguments.path("baseline")
        let palette = try arguments.string("palette").map { text throws(RepriseError) in try BrandPalette.parse(text, flag: "palette") }
        var thresholds = MeasureThresholds.standard
        if let v = arguments.double("palette_threshold") { thresholds.paletteDistance = v }
        if let v = arguments.double("composition_threshold") { thresholds.compositionSSIM = v }
        let root = context.root
        let limits = thresholds
        let report = try await BlockingWork.run(throwing: { () throws(RepriseError) in
          try MeasureOperation.run(
            path: path, shown: root.relative(path), baselinePath: baseline, baselineShown: baseline.map { root.relative($0) }, palette: palette,
            thresholds: limits)
        })
        guard case .object(var structured) = report.json else { throw RepriseError.badInput("measure: no report") }
        structured["file"] = .string(path)
        structured["verdicts"] = .strings(MeasureSummary.verdicts(report.measures))
        let verdicts = MeasureSummary.verdicts(report.measures)
        return .success(.object(structured), summary: verdicts.isEmpty ? "measured" : verdicts.joined(separator: "; "))
      }
    })
}
