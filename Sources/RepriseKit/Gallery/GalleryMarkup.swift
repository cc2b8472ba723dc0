import Foundation

/// Pieces shared by the gallery pages: the document shell, the rails, the baseline, batch costs
/// and image markup. Every piece of user text is escaped here or by the caller.
enum GalleryMarkup {
  /// `text` escaped for HTML.
  static func e(_ text: String) -> String { HTMLEscaping.escape(text) }

  /// The whole document: marker comment, doctype, head with the inlined style, then `body`.
  /// - Parameter extraCSS: more rules after the shared stylesheet (the lineage page's).
  static func document(title: String, body: String, extraCSS: String = "") -> String {
    var lines = [
      GalleryFile.marker,
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"color-scheme\" content=\"light dark\">",
      "<meta name=\"referrer\" content=\"no-referrer\">",
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src 'self' data: file:; style-src 'unsafe-inline'\">",
      "<title>\(e(title))</title>",
      "<style>",
      GalleryStyle.css + (extraCSS.isEmpty ? "" : "\n" + extraCSS),
      "</style>",
      "</head>",
      "<body>",
    ]
    lines.append(body)
    lines += ["</body>", "</html>"]
    return lines.joined(separator: "\n") + "\n"
  }

  /// `$0.0400`, or `n/a` when unknown.
  static func cost(_ value: Double?) -> String {
    guard let value else { return "n/a" }
    return "$" + String(format: "%.4f", value)
  }

  /// The first 12 hex digits.
  static func short(_ hash: String) -> String { String(hash.prefix(12)) }

  /// The index as the manifest pads it in file names (at least 2 digits).
  static func label(_ index: Int, width: Int) -> String {
    let digits = String(index)
    return "#" + (digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits)
  }

  /// The padding width for a manifest's indices.
  static func width(_ manifest: Manifest) -> Int { max(2, String(manifest.jobs.last?.index ?? 1).count) }

  /// Alt text: index and delta.
  static func alt(_ job: ManifestJob, prefix: String = "Variant") -> String {
    "\(prefix) \(job.index): \(job.delta)"
  }

  /// `<img>` (wrapped in a link to the full file when not embedded), or a placeholder saying why not.
  /// - Parameter ratio: the placeholder's aspect ratio (`W/H`), so it lines up with its neighbours.
  static func image(_ reference: GalleryImageReference, alt: String, width: Int?, height: Int?, lazy: Bool, placeholder: String, ratio: String? = nil) -> String
  {
    guard let src = reference.src else {
      let style = ratio.map { " style=\"aspect-ratio:\(e($0))\"" } ?? ""
      return "<div class=\"noimg\"\(style)>\(e(placeholder))</div>"
    }
    var img = "<img src=\"\(e(src))\" alt=\"\(e(alt))\""
    if let width, let height, width > 0, height > 0 { img += " width=\"\(width)\" height=\"\(height)\"" }
    img += (lazy ? " loading=\"lazy\"" : "") + ">"
    if let link = reference.link {
      return "<a class=\"thumb\" href=\"\(e(link))\" aria-label=\"Open full image: \(e(alt))\">\(img)</a>"
    }
    return "<div class=\"thumb\">\(img)</div>"
  }

  /// The aspect ratio (`W/H`) for placeholders: the first output's size, else the spec's
  /// `--aspect-ratio`, else square.
  static func placeholderRatio(_ cards: [GalleryJobCard], spec: ManifestSpec) -> String {
    if let card = cards.first(where: { $0.succeeded && ($0.width ?? 0) > 0 && ($0.height ?? 0) > 0 }) {
      return "\(card.width!)/\(card.height!)"
    }
    let parts = (spec.aspectRatio ?? "1:1").split(separator: ":")
    if parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 { return "\(w)/\(h)" }
    return "1/1"
  }

  /// The state badge of a card.
  static func badge(_ card: GalleryJobCard) -> String {
    "<span class=\"badge \(card.badgeClass)\">\(e(card.label))</span>" + (card.pick == nil ? "" : " <span class=\"badge pick\">picked</span>")
  }

  /// One `<dt>`/`<dd>` pair (the value already HTML).
  static func fact(_ name: String, _ valueHTML: String) -> String {
    "<div><dt>\(e(name))</dt><dd>\(valueHTML)</dd></div>"
  }

  /// The rails panel: model, strength, locks, must-keep, rails applied, size and seeds.
  static func rails(_ spec: ManifestSpec, headingID: String, title: String = "Rails") -> String {
    var facts: [String] = []
    facts.append(fact("Model", "<code>\(e(spec.model))</code>"))
    facts.append(fact("Variation strength", e(spec.variationStrength)))
    facts.append(fact("Palette lock", spec.lockPalette ? "on" : "off"))
    facts.append(fact("Composition lock", spec.lockComposition ? "on" : "off"))
    let mustKeep = spec.mustKeep.isEmpty ? "none" : "<ul>" + spec.mustKeep.map { "<li>\(e($0))</li>" }.joined() + "</ul>"
    facts.append(fact("Must keep", mustKeep))
    if let palette = spec.palette { facts.append(fact("Brand palette", palette.map(swatch).joined(separator: " "))) }
    let applied = spec.railsApplied.isEmpty ? "none" : spec.railsApplied.map { "<code>\(e($0))</code>" }.joined(separator: ", ")
    facts.append(fact("Rails applied", applied))
    facts.append(fact("Aspect ratio", e(spec.aspectRatio ?? "model default")))
    if let size = spec.imageSize { facts.append(fact("Image size", e(size))) }
    facts.append(fact("Seeds", "\(e(spec.seedRule.kind)), base \(spec.seedRule.base)"))
    return "<section class=\"panel\" aria-labelledby=\"\(headingID)\"><h2 id=\"\(headingID)\">\(e(title))</h2><dl class=\"facts\">"
      + facts.joined() + "</dl></section>"
  }

  /// One brand colour (validated `#RRGGBB`): a swatch and its hex.
  static func swatch(_ colour: String) -> String {
    "<span class=\"brand-colour\"><span aria-hidden=\"true\" style=\"display:inline-block;width:1em;height:1em;border:1px solid var(--line);"
      + "border-radius:3px;vertical-align:-2px;background:\(e(colour))\"></span> <code>\(e(colour))</code></span>"
  }

  /// The baseline panel (thumbnail and source), or nothing without a baseline.
  static func baseline(_ spec: ManifestSpec, manifestFolder: String, resolver: GalleryImageResolver, headingID: String, title: String = "Baseline") -> String {
    guard let baseline = spec.baseline else { return "" }
    var figure: String
    var caption = "<code>\(e(baseline.source))</code> (\(e(baseline.sourceKind)))"
    switch baseline.location {
    case .file(let path, _):
      let absolute = PathMath.absolute(path, base: manifestFolder)
      let reference = resolver.reference(forImageAt: absolute)
      if reference.src != nil, let sha = baseline.sha256,
        let bytes = try? FileSystem.readFile(absolute, limit: GalleryImageResolver.embedLimit), SHA256.hash(bytes).hexString != sha
      {
        caption += "; <strong>changed since it was planned</strong> (sha256 differs)"
      }
      figure = image(
        reference, alt: "Baseline image", width: baseline.width, height: baseline.height, lazy: false, placeholder: reference.problem ?? "no image")
    case .url:
      figure = "<div class=\"noimg\">Remote baseline: not fetched (the gallery never uses the network).</div>"
    }
    if let sha = baseline.sha256 { caption += " · sha256 <code>\(e(short(sha)))</code>" }
    figure = "<figure>" + figure + "<figcaption>\(caption)</figcaption></figure>"
    return "<section class=\"panel baseline\" aria-labelledby=\"\(headingID)\"><h2 id=\"\(headingID)\">\(e(title))</h2>\(figure)</section>"
  }

  /// The batches table: each batch's indices, jobs succeeded and total cost, then the total.
  static func batches(_ source: GallerySource, headingID: String, title: String = "Cost by batch") -> String {
    let cards = source.cards
    var rows: [String] = []
    for (n, batch) in source.manifest.batches.enumerated() {
      let range = batch.indices
      let inBatch = cards.filter { range?.contains($0.job.index) ?? false }
      let ok = inBatch.filter(\.succeeded).count
      let indices = range.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" } ?? "none"
      let cost = inBatch.reduce(0) { $0 + ($1.cost ?? 0) }
      rows.append(
        "<tr><th scope=\"row\">\(n + 1)</th><td>\(indices)</td><td class=\"num\">\(ok)/\(inBatch.count)</td><td "
          + "class=\"num\">\(GalleryMarkup.cost(cost))</td></tr>"
      )
    }
    let ok = cards.filter(\.succeeded).count
    return "<section class=\"panel\" aria-labelledby=\"\(headingID)\"><h2 id=\"\(headingID)\">\(e(title))</h2><table>"
      + "<thead><tr><th scope=\"col\">Batch</th><th scope=\"col\">Indices</th><th scope=\"col\" class=\"num\">OK</th><th scope=\"col\" "
        + "class=\"num\">Cost</th></tr></thead>"
      + "<tbody>" + rows.joined() + "</tbody>"
      + "<tfoot><tr><th scope=\"row\" colspan=\"2\">Total</th><td class=\"num\">\(ok)/\(cards.count)</td><td "
        + "class=\"num\">\(cost(source.totalCost))</td></tr></tfoot>"
      + "</table></section>"
  }

  /// `N jobs: a ok, b failed, ...` (zero counts left out).
  static func counts(_ cards: [GalleryJobCard]) -> String {
    var parts: [String] = []
    for label in ["ok", "failed", "running", "pending", "not queued"] {
      let n = cards.filter { $0.label == label }.count
      if n > 0 { parts.append("\(n) \(label)") }
    }
    let jobs = cards.count == 1 ? "1 job" : "\(cards.count) jobs"
    return parts.isEmpty ? jobs : jobs + ": " + parts.joined(separator: ", ")
  }

  /// The path of `path` relative to the page's folder, for showing.
  static func shown(_ path: String, from folder: String) -> String { PathMath.relative(from: folder, to: path) }
}
