/// The gallery of a sweep: a grid whose columns are the values of one axis (`--x`, default the
/// first) and rows the values of another (`--y`, default the second; one row for a one-axis
/// sweep). Each grid cell shows its variants (every other axis's cells side by side), its cost,
/// ok count and median latency; failures stay in place with their reason; skipped cells say why.
package struct SweepGridPage: Sendable {
  /// The manifest (a sweep) and its results.
  package let source: GallerySource
  /// Where the page is written (absolute).
  package let htmlPath: String
  /// Inline images as data URLs.
  package let embed: Bool
  /// The column axis.
  package let x: SweepAxis
  /// The row axis, or nil for one row.
  package let y: SweepAxis?

  /// A page; `x`/`y` nil pick the defaults (the first two axes).
  /// - Throws: a usage error when an axis is not one of the sweep's, or both are the same.
  package init(source: GallerySource, htmlPath: String, embed: Bool, x: String?, y: String?) throws(RepriseError) {
    guard let sweep = source.manifest.spec.sweep else { throw .usage("--x/--y: the manifest is not a sweep (it has no spec.sweep)") }
    let names = sweep.axisNames
    let known = names.map(\.rawValue).joined(separator: ", ")
    func axis(_ given: String?, flag: String) throws(RepriseError) -> SweepAxis? {
      guard let given else { return nil }
      guard let axis = SweepAxis(rawValue: given), names.contains(axis) else {
        throw .usage("--\(flag) '\(given)' is not an axis of this sweep: use one of \(known)")
      }
      return axis
    }
    let givenX = try axis(x, flag: "x")
    let givenY = try axis(y, flag: "y")
    if let givenX, givenX == givenY { throw .usage("--x and --y are both '\(givenX.rawValue)': pick two different axes") }
    let chosenX = givenX ?? names.first { $0 != givenY }!
    self.x = chosenX
    self.y = givenY ?? names.first { $0 != chosenX }
    self.source = source
    self.htmlPath = htmlPath
    self.embed = embed
  }

  /// The HTML text.
  package func render() -> String {
    typealias M = GalleryMarkup
    let manifest = source.manifest
    let spec = manifest.spec
    let sweep = spec.sweep!
    let cards = source.cards
    let resolver = GalleryImageResolver(htmlFolder: PathMath.absolute("..", base: htmlPath), embed: embed)
    let columns = sweep.axes.first { $0.axis == x }!.values
    let rows: [SweepValue?] = y.map { axis in sweep.axes.first { $0.axis == axis }!.values } ?? [nil]
    var body: [String] = ["<style>\(SweepGridPage.css)</style>", "<div class=\"wrap\">", "<header>"]
    body.append("<p class=\"eyebrow\">reprise sweep</p>")
    body.append("<h1>\(M.e(spec.prefix))</h1>")
    let axesText = sweep.axes.map { "\($0.axis.rawValue) (\($0.values.count))" }.joined(separator: " × ")
    body.append(
      "<p class=\"summary\">\(M.e(M.counts(cards))) · \(sweep.cells.count) cells: \(M.e(axesText)) · total cost <strong>"
        + "\(M.cost(source.totalCost))</strong>\(M.e(source.costPartsNote))</p>")
    body.append(
      "<p class=\"ids\">manifest <code>\(M.e(M.shown(source.manifestPath, from: PathMath.absolute("..", base: htmlPath))))</code> · "
        + "<code>\(M.e(String(manifest.manifestID.prefix(19))))</code> · columns: <strong>\(M.e(x.rawValue))</strong>"
        + (y.map { " · rows: <strong>\(M.e($0.rawValue))</strong>" } ?? "") + "</p>")
    if sweep.axes.first(where: { $0.axis == .prompt }) == nil {
      body.append("<p class=\"prompt\">\(M.e(spec.prompt))</p>")
    }
    body.append("</header>")
    body.append("<main id=\"grid\">")
    body.append("<table class=\"sweep\"><thead><tr><th scope=\"col\">\(M.e(y?.rawValue ?? ""))</th>")
    for column in columns { body.append("<th scope=\"col\">\(M.e(SweepGridPage.shown(column, axis: x)))</th>") }
    body.append("</tr></thead><tbody>")
    for row in rows {
      body.append("<tr><th scope=\"row\">\(row.map { M.e(SweepGridPage.shown($0, axis: y!)) } ?? "")</th>")
      for column in columns {
        body.append("<td>" + gridCell(column: column, row: row, sweep: sweep, cards: cards, resolver: resolver) + "</td>")
      }
      body.append("</tr>")
    }
    body.append("</tbody></table>")
    body.append("</main>")
    body.append("<footer><p>Written by <code>reprise gallery</code> from the manifest and its queue records. Self-contained.</p></footer>")
    body.append("</div>")
    return M.document(title: "\(spec.prefix): reprise sweep (\(sweep.cells.count) cells, \(cards.count) jobs)", body: body.joined(separator: "\n"))
  }

  /// One grid cell: totals, then each sweep cell in it with its variants (or why it was skipped).
  func gridCell(column: SweepValue, row: SweepValue?, sweep: SweepSpec, cards: [GalleryJobCard], resolver: GalleryImageResolver) -> String {
    typealias M = GalleryMarkup
    let matches = { (cell: SweepCell) in cell.value(x) == column && (row == nil || cell.value(y!) == row) }
    let inCell = cards.filter { $0.job.cell.map(matches) ?? false }
    var totals = SweepCellTotals()
    for card in inCell { totals.add(state: card.state, cost: card.cost, latencyMS: card.latencyMS) }
    var html = "<div class=\"totals\"><span>\(totals.succeeded)/\(totals.jobs) ok</span><span>\(M.cost(totals.cost))</span>"
    html += "<span>median \(M.e(totals.latencyText))</span></div>"
    let others = sweep.axisNames.filter { $0 != x && $0 != y }
    for skipped in sweep.skipped where matches(skipped.cell) {
      html += "<p class=\"skipped\"><strong>Skipped</strong>\(M.e(SweepGridPage.label(skipped.cell, others)))\(M.e(skipped.reason))</p>"
    }
    for cellSpec in sweep.cells where matches(cellSpec.cell) {
      let label = SweepGridPage.label(cellSpec.cell, others)
      if !label.isEmpty { html += "<p class=\"sub\">\(M.e(label))</p>" }
      html += "<ul class=\"variants\">"
      for card in inCell where card.job.cell == cellSpec.cell {
        html += "<li>" + variant(card, resolver: resolver) + "</li>"
      }
      html += "</ul>"
    }
    return html
  }

  /// One variant: its image (or what happened instead), number, state and cost.
  func variant(_ card: GalleryJobCard, resolver: GalleryImageResolver) -> String {
    typealias M = GalleryMarkup
    let reference: GalleryImageReference = card.output.map { resolver.reference(forImageAt: $0) } ?? .unavailable(placeholder(card))
    var html = "<figure class=\"v state-\(M.e(card.state))\" id=\"job-\(card.job.index)\">"
    html += M.image(
      reference, alt: "Variant \(card.job.variant ?? 0) of \(card.job.cell?.description ?? ""): \(card.job.delta)", width: card.width,
      height: card.height, lazy: false, placeholder: reference.problem ?? "no image")
    html += "<figcaption>v\(card.job.variant ?? 0) \(M.badge(card)) \(M.cost(card.cost))"
    if let ms = card.latencyMS, card.succeeded { html += " · \(ms) ms" }
    html += "</figcaption>"
    if card.state == "failed" || card.state == "missing", let reason = card.reason {
      html += "<p class=\"reason\">\(M.e(reason))</p>"
    }
    return html + "</figure>"
  }

  /// What to show instead of an image for a job without output.
  func placeholder(_ card: GalleryJobCard) -> String {
    switch card.state {
    case "failed": return "Failed"
    case "pending": return "Waiting"
    case "processing": return "Being generated"
    default: return "Not queued"
    }
  }

  /// A value as a header shows it (a model without its author, a prompt shortened).
  static func shown(_ value: SweepValue, axis: SweepAxis) -> String {
    let text = value.description
    if axis == .prompt, text.count > 60 { return String(text.prefix(57)) + "..." }
    return text
  }

  /// The values of `axes` in a cell, `seed=3 · prompt=...` then a separator; empty when none.
  static func label(_ cell: SweepCell, _ axes: [SweepAxis]) -> String {
    guard !axes.isEmpty else { return "" }
    return axes.compactMap { axis in cell.value(axis).map { "\(axis.rawValue)=\(shown($0, axis: axis))" } }.joined(separator: " · ") + ": "
  }

  /// The grid's own style (the gallery's stylesheet gives colours and fonts).
  static let css = """
    table.sweep{border-collapse:separate;border-spacing:8px;width:100%;table-layout:fixed}\
    table.sweep th{font-size:.9rem;overflow-wrap:anywhere;vertical-align:bottom}\
    table.sweep tbody th{vertical-align:top}table.sweep thead th:first-child{width:7em}\
    table.sweep td{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:8px;vertical-align:top}\
    .totals{display:flex;gap:10px;flex-wrap:wrap;font-size:.85rem;color:var(--muted);margin-bottom:6px}\
    .totals span:first-child{color:var(--fg);font-weight:600}\
    .variants{list-style:none;margin:0;padding:0;display:grid;gap:6px;grid-template-columns:repeat(auto-fill,minmax(90px,1fr))}\
    .v{margin:0}.v img{display:block;width:100%;height:auto;border-radius:6px}\
    .v figcaption{font-size:.75rem;margin-top:2px}.v .noimg{min-height:70px;font-size:.8rem;padding:6px}\
    .v.state-failed .noimg{background:var(--bad-bg);color:var(--bad-fg)}\
    .reason{font-size:.75rem;color:var(--bad-fg);margin:2px 0 0;overflow-wrap:anywhere}\
    .sub{font-size:.8rem;color:var(--muted);margin:6px 0 2px}\
    .skipped{font-size:.8rem;color:var(--muted);margin:4px 0}.skipped strong{margin-right:6px}
    """
}
