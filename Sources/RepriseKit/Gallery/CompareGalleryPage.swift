/// Two iterations side by side by index (two sweeps: by cell and variant, as `diff` pairs them,
/// `SweepJobPairs`): for each pair, A's and B's image, what changed in the job (prompt, delta,
/// seed, request hash, from `ManifestDiff`) and whether the output bytes are identical, different
/// or failed. Spec changes and each side's cost per batch are in the header.
package struct CompareGalleryPage: Sendable {
  /// The earlier iteration.
  package let a: GallerySource
  /// The later iteration.
  package let b: GallerySource
  /// Where the page is written (absolute); image paths are relative to its folder.
  package let htmlPath: String
  /// Inline images as data URLs.
  package let embed: Bool

  /// A page comparing `a` (earlier) with `b` (later), to be written at `htmlPath` (absolute).
  package init(a: GallerySource, b: GallerySource, htmlPath: String, embed: Bool) {
    self.a = a
    self.b = b
    self.htmlPath = htmlPath
    self.embed = embed
  }

  /// One pair of the comparison.
  package struct Row: Sendable {
    /// The job index (B's job's, else A's).
    package let index: Int
    /// The pair's cell and variant when both sides are sweeps (`model=x aspect-ratio=1:1`, 2); nil
    /// when paired by index.
    package let cell: (cell: SweepCell, variant: Int)?
    /// A's job, if A has this index.
    package let a: GalleryJobCard?
    /// B's job, if B has this index.
    package let b: GalleryJobCard?
    /// The job's changes from `ManifestDiff` (paths `jobs[index=N]...` or `jobs[cell=...,variant=V]...`).
    package let changes: [ManifestChange]
    /// How the outputs compare.
    package let bytes: GalleryByteComparison

    /// The names of the job fields that changed (`prompt`, `delta`, `seed`, `request hash`),
    /// or `only in A` / `only in B`.
    package var changedFields: [String] {
      var names: [String] = []
      for change in changes {
        switch change.op {
        case .add: names.append("only in B")
        case .remove: names.append("only in A")
        case .replace:
          let field = change.path.split(separator: ".").last.map(String.init) ?? change.path
          if let name = CompareGalleryPage.fieldNames[field], !names.contains(name) { names.append(name) }
        }
      }
      return names
    }

    /// True when the job was added, removed, or its prompt, delta, seed or request hash changed.
    package var isChanged: Bool { !changedFields.isEmpty }
  }

  /// Job fields shown, in the order `ManifestDiff` reports them; `delta_id` and `job_id` follow
  /// from the delta and the request hash, and `out` from the prefix (a spec change).
  static let fieldNames = ["prompt": "prompt", "delta": "delta", "seed": "seed", "request_sha256": "request hash"]

  /// The diff of the two manifests.
  package var diff: ManifestDiff { ManifestDiff(a.manifest, b.manifest) }

  /// True when both sides are sweeps: rows pair jobs by (cell, variant).
  package var bySweepCell: Bool { a.manifest.spec.sweep != nil && b.manifest.spec.sweep != nil }

  /// Every pair of jobs, in `SweepJobPairs` order: by index, or for two sweeps by cell (B's cell
  /// order, then A's), then variant.
  package var rows: [Row] {
    let diff = self.diff
    let jobChanges = diff.changes.filter { $0.path.hasPrefix("jobs[") }
    let cardsA = Dictionary(a.cards.map { ($0.job.index, $0) }, uniquingKeysWith: { x, _ in x })
    let cardsB = Dictionary(b.cards.map { ($0.job.index, $0) }, uniquingKeysWith: { x, _ in x })
    let sweeps = bySweepCell
    return SweepJobPairs(a.manifest, b.manifest).pairs.map { pair in
      let cardA = pair.old.flatMap { cardsA[$0.index] }
      let cardB = pair.new.flatMap { cardsB[$0.index] }
      let changes = jobChanges.filter { $0.path == pair.path || $0.path.hasPrefix(pair.path + ".") }
      let job = pair.new ?? pair.old
      let cell = sweeps ? job.flatMap { j in j.cell.flatMap { c in j.variant.map { (cell: c, variant: $0) } } } : nil
      return Row(index: pair.index, cell: cell, a: cardA, b: cardB, changes: changes, bytes: GalleryByteComparison(cardA, cardB))
    }
  }

  /// The folder the page is written to.
  var htmlFolder: String { PathMath.absolute("..", base: htmlPath) }

  /// The HTML text.
  package func render() -> String {
    typealias M = GalleryMarkup
    let diff = self.diff
    let rows = self.rows
    let resolver = GalleryImageResolver(htmlFolder: htmlFolder, embed: embed)
    let width = max(M.width(a.manifest), M.width(b.manifest))
    var body: [String] = []
    body.append("<a class=\"skip\" href=\"#pairs\">Skip to the comparison</a>")
    body.append("<div class=\"wrap\">")
    body.append("<header>")
    body.append("<p class=\"eyebrow\">reprise gallery · comparison</p>")
    body.append("<h1>\(M.e(a.manifest.spec.prefix)) → \(M.e(b.manifest.spec.prefix))</h1>")
    var tally: [String] = []
    for kind in [GalleryByteComparison.identical, .different, .failed, .unavailable] {
      let n = rows.filter { $0.bytes == kind }.count
      if n > 0 { tally.append("\(n) \(kind.label)") }
    }
    let changed = rows.filter(\.isChanged).count
    let unit = bySweepCell ? (rows.count == 1 ? "cell variant" : "cell variants") : (rows.count == 1 ? "index" : "indices")
    body.append("<p class=\"summary\">\(rows.count) \(unit): \(changed) changed; \(M.e(tally.joined(separator: ", ")))</p>")
    body.append(
      "<p class=\"ids\">A <code>\(M.e(M.shown(a.manifestPath, from: htmlFolder)))</code> (\(M.cost(a.totalCost))) · B "
        + "<code>\(M.e(M.shown(b.manifestPath, from: htmlFolder)))</code> (\(M.cost(b.totalCost))) · manifest ids \(diff.idsEqual ? "equal" : "differ") · "
          + "bytes compared as the provider sent them</p>"
    )
    body.append("<div class=\"panels\">")
    body.append("<div class=\"stack\">")
    body.append(specChanges(diff))
    body.append(
      "<section class=\"panel grow\" aria-labelledby=\"prompt-b-heading\"><h2 id=\"prompt-b-heading\">Prompt (B)</h2><p "
        + "class=\"prompt\">\(M.e(b.manifest.spec.prompt))</p></section>"
    )
    body.append("</div>")
    body.append(M.rails(b.manifest.spec, headingID: "rails-b-heading", title: "Rails (B)"))
    body.append("<div class=\"stack\">")
    body.append(M.batches(a, headingID: "batches-a-heading", title: "Cost by batch (A)"))
    body.append(M.batches(b, headingID: "batches-b-heading", title: "Cost by batch (B)"))
    body.append(M.baseline(b.manifest.spec, manifestFolder: b.manifestFolder, resolver: resolver, headingID: "baseline-b-heading", title: "Baseline (B)"))
    body.append("</div>")
    body.append("</div>")
    body.append("</header>")
    body.append("<main id=\"pairs\" tabindex=\"-1\">")
    body.append(bySweepCell ? "<h2>Jobs by cell and variant</h2>" : "<h2>Jobs by index</h2>")
    body.append("<ul class=\"pairs\">")
    let ratio = GalleryMarkup.placeholderRatio(b.cards + a.cards, spec: b.manifest.spec)
    let mostDrifted = GalleryMeasuresMarkup.mostDrifted(b.cards)
    for (n, row) in rows.enumerated() {
      var html = rowHTML(row, number: n + 1, width: width, ratio: ratio, resolver: resolver, lazy: n >= GalleryPage.eagerCards / 2)
      if let drifted = mostDrifted, row.b?.job.index == drifted {
        let mark = "<div class=\"pair-head\"><span class=\"badge bad drift-most\">drifted most</span>"
        html = html.replacingOccurrences(of: "<div class=\"pair-head\">", with: mark)
      }
      body.append("<li>" + html + "</li>")
    }
    body.append("</ul>")
    body.append("</main>")
    body.append(
      "<footer><p>Written by <code>reprise gallery --compare</code> from two manifests and their queue records. Self-contained: it loads nothing from the "
        + "network.</p></footer>"
    )
    body.append("</div>")
    return M.document(title: "\(a.manifest.spec.prefix) vs \(b.manifest.spec.prefix): reprise comparison", body: body.joined(separator: "\n"))
  }

  /// The spec and batch differences panel.
  func specChanges(_ diff: ManifestDiff) -> String {
    typealias M = GalleryMarkup
    let changes = diff.changes.filter { !$0.path.hasPrefix("jobs") }
    var items: [String] = []
    for change in changes {
      let path = "<code>\(M.e(change.path))</code>"
      switch change.op {
      case .add: items.append("<li>\(path) added: <code>\(M.e(CompareGalleryPage.describe(change.new)))</code></li>")
      case .remove: items.append("<li>\(path) removed: <code>\(M.e(CompareGalleryPage.describe(change.old)))</code></li>")
      case .replace:
        if case .string(let x)? = change.old, case .string(let y)? = change.new, x.contains(" ") || y.contains(" ") {
          items.append("<li>\(path): \(GalleryWordDiff.html(x, y))</li>")
        } else {
          items.append(
            "<li>\(path): <del>\(M.e(CompareGalleryPage.describe(change.old)))</del> → <ins>\(M.e(CompareGalleryPage.describe(change.new)))</ins></li>")
        }
      }
    }
    let list = items.isEmpty ? "<p>The specs and batches are the same.</p>" : "<ul class=\"diffs\">" + items.joined() + "</ul>"
    return "<section class=\"panel\" aria-labelledby=\"spec-heading\"><h2 id=\"spec-heading\">Spec changes (A → B)</h2>\(list)</section>"
  }

  /// One pair (the `number`th, 1-based): both sides, the badges and the job's changes. Rows paired
  /// by index are anchored `index-N`; pairs of two sweeps `pair-N` (an index may appear twice)
  /// and headed by their cell and variant.
  func rowHTML(_ row: Row, number: Int, width: Int, ratio: String, resolver: GalleryImageResolver, lazy: Bool) -> String {
    typealias M = GalleryMarkup
    let anchor = row.cell == nil ? "index-\(row.index)" : "pair-\(number)"
    let titleID = row.cell == nil ? "pair-\(row.index)-title" : "pair-\(number)-title"
    let changed = row.isChanged
    let missing = row.cell == nil ? "no job at this index" : "no job in this cell and variant"
    let sides = [
      side("A", row.a, ratio: ratio, resolver: resolver, lazy: lazy, missing: missing),
      side("B", row.b, ratio: ratio, resolver: resolver, lazy: lazy, missing: missing),
    ]
    let focusable = sides.contains { $0.linked } ? "" : " tabindex=\"0\""
    var html =
      "<article class=\"pair \(changed ? "changed" : "unchanged") bytes-\(row.bytes.rawValue)\" id=\"\(anchor)\" "
        + "aria-labelledby=\"\(titleID)\"\(focusable)>"
    if let cell = row.cell {
      let indices = [row.a.map { "A \(M.label($0.job.index, width: width))" }, row.b.map { "B \(M.label($0.job.index, width: width))" }].compactMap { $0 }
      html += "<div class=\"pair-head\"><h3 id=\"\(titleID)\"><code>\(M.e(cell.cell.description))</code> · variant \(cell.variant)</h3>"
      html += "<span class=\"badge none\">\(M.e(indices.joined(separator: ", ")))</span>"
    } else {
      html += "<div class=\"pair-head\"><h3 id=\"\(titleID)\">\(M.label(row.index, width: width))</h3>"
    }
    let bytesClass: String
    switch row.bytes {
    case .identical: bytesClass = "ok"
    case .different: bytesClass = "wait"
    case .failed: bytesClass = "bad"
    case .unavailable: bytesClass = "none"
    }
    html += "<span class=\"badge \(bytesClass)\">\(M.e(row.bytes.label))</span>"
    html +=
      changed
      ? "<span class=\"badge chg\">changed: \(M.e(row.changedFields.joined(separator: ", ")))</span>" : "<span class=\"badge none\">job unchanged</span>"
    html += "</div>"
    html += "<div class=\"sides\">" + sides.map(\.html).joined() + "</div>"
    let details = changeItems(row)
    if !details.isEmpty { html += "<ul class=\"changes\">" + details.joined() + "</ul>" }
    html += "</article>"
    return html
  }

  /// One side of a row.
  func side(
    _ name: String, _ card: GalleryJobCard?, ratio: String, resolver: GalleryImageResolver, lazy: Bool, missing: String = "no job at this index"
  ) -> (html: String, linked: Bool) {
    typealias M = GalleryMarkup
    guard let card else {
      return (
        "<figure class=\"side\"><div class=\"noimg\" style=\"aspect-ratio:\(GalleryMarkup.e(ratio))\">Not in \(name)</div><figcaption><span "
          + "class=\"side-name\">\(name)</span><span>\(missing)</span></figcaption></figure>",
        false
      )
    }
    let reference: GalleryImageReference =
      card.output.map { resolver.reference(forImageAt: $0) }
      ?? .unavailable(card.state == "failed" ? "No image: the job failed" : "No image yet (\(card.label))")
    var html = "<figure class=\"side\(card.pick == nil ? "" : " picked")\">"
    html += M.image(
      reference, alt: M.alt(card.job, prefix: "Iteration \(name), variant"), width: card.width, height: card.height, lazy: lazy,
      placeholder: reference.problem ?? "no image", ratio: ratio)
    html += "<figcaption><span class=\"side-name\">\(name) \(M.badge(card))</span>"
    html +=
      "<span>seed \(card.job.seed) · bytes "
        + "\(card.providerSHA256.map { "<code title=\"sha256 as the provider sent it: \(M.e($0))\">\(M.e(M.short($0)))</code>" } ?? "n/a") · "
          + "\(M.cost(card.cost))</span>"
    html += "<span>\(M.e(card.job.delta))</span>"
    let verdicts = MeasureSummary.verdicts(card.measures)
    if !verdicts.isEmpty {
      html += "<span class=\"verdicts\">\(M.e(verdicts.joined(separator: "; ")))\(GalleryMeasuresMarkup.badge(card.measures))</span>"
    }
    if let palette = card.measures?.palette, !palette.isEmpty { html += GalleryMeasuresMarkup.swatches(palette, label: "\(name) palette") }
    if card.state == "failed" || card.state == "missing", let reason = card.reason {
      html += "<span class=\"reason\"><strong>\(card.state == "failed" ? "Failed" : "Not run"):</strong> \(M.e(reason))</span>"
    }
    html += "</figcaption></figure>"
    return (html, reference.link != nil)
  }

  /// The job's changes, one list item each.
  func changeItems(_ row: Row) -> [String] {
    typealias M = GalleryMarkup
    var items: [String] = []
    for change in row.changes where change.op == .replace {
      let field = change.path.split(separator: ".").last.map(String.init) ?? ""
      guard let name = CompareGalleryPage.fieldNames[field] else { continue }
      switch (field, change.old, change.new) {
      case ("prompt", .string(let x)?, .string(let y)?):
        items.append("<li><details><summary>prompt changed</summary><p class=\"prompt\">\(GalleryWordDiff.html(x, y))</p></details></li>")
      case ("delta", .string(let x)?, .string(let y)?):
        items.append("<li>delta: <del>\(M.e(x))</del> → <ins>\(M.e(y))</ins></li>")
      case ("request_sha256", .string(let x)?, .string(let y)?):
        items.append("<li>\(name): <code>\(M.e(M.short(x)))</code> → <code>\(M.e(M.short(y)))</code></li>")
      default:
        items.append(
          "<li>\(name): <del>\(M.e(CompareGalleryPage.describe(change.old)))</del> → <ins>\(M.e(CompareGalleryPage.describe(change.new)))</ins></li>")
      }
    }
    return items
  }

  /// A value as short text.
  static func describe(_ value: JSONValue?) -> String {
    guard let value else { return "nothing" }
    if case .string(let s) = value { return s }
    if case .object(let members) = value, let jobID = members["job_id"]?.stringValue { return "job \(jobID)" }
    if case .object(let members) = value, let start = members["start_index"]?.intValue, let count = members["count"]?.intValue {
      return "start index \(start), count \(count)" + (members["max_jobs"]?.intValue.map { ", max jobs \($0)" } ?? "")
    }
    let text = JSONWriter.canonicalString(value)
    return text.count > 160 ? String(text.prefix(157)) + "..." : text
  }
}
