/// The measures on gallery cards: a drift badge, the output's palette as swatches beside the
/// baseline's, and the pHash distance and SSIM to the baseline.
enum GalleryMeasuresMarkup {
  /// `palette drifted` / `composition drifted` / `locks kept` / `not measured` badge, or "".
  static func badge(_ measures: ImageMeasures?) -> String {
    guard let measures else { return "" }
    if measures.notMeasured != nil { return " <span class=\"badge none\">not measured</span>" }
    let drifted = measures.locks.filter { $0.state == .drifted }.map(\.lock.name)
    if !drifted.isEmpty { return " <span class=\"badge bad drift\">\(drifted.joined(separator: " + ")) drifted</span>" }
    if measures.locks.contains(where: { $0.state == .kept }) { return " <span class=\"badge ok\">locks kept</span>" }
    return ""
  }

  /// A row of swatches, one per palette colour, widths by share.
  static func swatches(_ palette: [PaletteColour], label: String) -> String {
    let items = palette.map { c in
      let percent = MeasureRounding.text(c.share * 100, 1)
      return "<span class=\"swatch\" style=\"background:\(HTMLEscaping.escape(c.hex));flex-grow:\(max(1, Int((c.share * 100).rounded())))\" "
        + "title=\"\(HTMLEscaping.escape(c.hex)) \(percent)%\"></span>"
    }
    return "<span class=\"swatches\" role=\"img\" aria-label=\"\(HTMLEscaping.escape(label)): \(palette.map(\.hex).joined(separator: ", "))\">"
      + items.joined() + "</span>"
  }

  /// The facts: palette (and the baseline's), pHash distance, SSIM, verdict lines; "" without measures.
  static func facts(_ measures: ImageMeasures?) -> String {
    guard let measures else { return "" }
    typealias M = GalleryMarkup
    if let reason = measures.notMeasured { return M.fact("Measures", "not measured: \(HTMLEscaping.escape(reason))") }
    var html = M.fact("Palette", swatches(measures.palette, label: "Output palette"))
    if let b = measures.baseline {
      if let reason = b.notMeasured {
        html += M.fact("Baseline", "not measured: \(HTMLEscaping.escape(reason))")
      } else {
        html += M.fact("Baseline palette", swatches(b.palette, label: "Baseline palette"))
        html += M.fact("pHash distance", b.hashDistance.map { "\($0)/64" } ?? "n/a")
        html += M.fact("SSIM", b.ssim.map { MeasureRounding.text($0, 4) } ?? "n/a")
      }
    }
    for verdict in measures.locks { html += M.fact("Lock", HTMLEscaping.escape(verdict.line)) }
    return html
  }

  /// The index of the card that drifted most from its baseline (`MeasureSummary.driftScore`), if any was compared.
  static func mostDrifted(_ cards: [GalleryJobCard]) -> Int? {
    var best: (index: Int, score: Double)?
    for card in cards {
      guard let score = MeasureSummary.driftScore(card.measures) else { continue }
      if best == nil || score > best!.score { best = (card.job.index, score) }
    }
    return best?.index
  }
}
