/// The gallery of one manifest: a header with the prompt, rails, model, baseline and cost per
/// batch, then one card per job (image, index, delta, seed, status, short sha256, cost; failed
/// jobs show their reason). One self-contained, deterministic HTML document.
package struct GalleryPage: Sendable {
  /// Cards after this many load lazily.
  static let eagerCards = 12

  /// The manifest and its results.
  package let source: GallerySource
  /// Where the page is written (absolute); image paths are relative to its folder.
  package let htmlPath: String
  /// Inline images as data URLs.
  package let embed: Bool

  /// A page for `source`, to be written at `htmlPath` (absolute).
  package init(source: GallerySource, htmlPath: String, embed: Bool) {
    self.source = source
    self.htmlPath = htmlPath
    self.embed = embed
  }

  /// The folder the page is written to.
  var htmlFolder: String { PathMath.absolute("..", base: htmlPath) }

  /// The HTML text.
  package func render() -> String {
    typealias M = GalleryMarkup
    let manifest = source.manifest
    let spec = manifest.spec
    let cards = source.cards
    let resolver = GalleryImageResolver(htmlFolder: htmlFolder, embed: embed)
    var body: [String] = []
    body.append("<a class=\"skip\" href=\"#variants\">Skip to the variants</a>")
    body.append("<div class=\"wrap\">")
    body.append("<header>")
    body.append("<p class=\"eyebrow\">reprise gallery</p>")
    body.append("<h1>\(M.e(spec.prefix))</h1>")
    body.append("<p class=\"summary\">\(M.e(M.counts(cards))) · total cost <strong>\(M.cost(source.totalCost))</strong>\(M.e(source.costPartsNote))</p>")
    body.append(
      "<p class=\"ids\">manifest <code>\(M.e(M.shown(source.manifestPath, from: htmlFolder)))</code> · "
        + "<code>\(M.e(String(manifest.manifestID.prefix(19))))</code></p>"
    )
    body.append("<div class=\"panels\">")
    body.append("<div class=\"stack\">")
    body.append(
      "<section class=\"panel grow\" aria-labelledby=\"prompt-heading\"><h2 id=\"prompt-heading\">Prompt</h2><p "
        + "class=\"prompt\">\(M.e(spec.prompt))</p></section>"
    )
    body.append(M.batches(source, headingID: "batches-heading"))
    body.append("</div>")
    body.append(M.rails(spec, headingID: "rails-heading"))
    let baseline = M.baseline(spec, manifestFolder: source.manifestFolder, resolver: resolver, headingID: "baseline-heading")
    if !baseline.isEmpty { body.append(baseline) }
    body.append("</div>")
    body.append("</header>")
    body.append("<main id=\"variants\" tabindex=\"-1\">")
    body.append("<h2>Variants</h2>")
    body.append("<ul class=\"grid\">")
    let width = M.width(manifest)
    let ratio = M.placeholderRatio(cards, spec: spec)
    for (n, card) in cards.enumerated() {
      body.append("<li>" + cardHTML(card, width: width, ratio: ratio, resolver: resolver, lazy: n >= GalleryPage.eagerCards) + "</li>")
    }
    body.append("</ul>")
    body.append("</main>")
    body.append(
      "<footer><p>Written by <code>reprise gallery</code> from the manifest and its queue records. Self-contained: it loads nothing from the "
        + "network.</p></footer>"
    )
    body.append("</div>")
    return M.document(title: "\(spec.prefix): reprise gallery (\(cards.count) \(cards.count == 1 ? "job" : "jobs"))", body: body.joined(separator: "\n"))
  }

  /// One job's card.
  func cardHTML(_ card: GalleryJobCard, width: Int, ratio: String, resolver: GalleryImageResolver, lazy: Bool) -> String {
    typealias M = GalleryMarkup
    let job = card.job
    let reference: GalleryImageReference = card.output.map { resolver.reference(forImageAt: $0) } ?? .unavailable(placeholder(card))
    let titleID = "job-\(job.index)-title"
    let focusable = reference.link == nil ? " tabindex=\"0\"" : ""
    let classes = "card state-\(M.e(card.state))" + (card.pick == nil ? "" : " picked")
    var html = "<article class=\"\(classes)\" id=\"job-\(job.index)\" aria-labelledby=\"\(titleID)\"\(focusable)>"
    html += M.image(reference, alt: M.alt(job), width: card.width, height: card.height, lazy: lazy, placeholder: reference.problem ?? "no image", ratio: ratio)
    html += "<div class=\"card-body\">"
    html += "<div class=\"card-head\"><h3 id=\"\(titleID)\">\(M.label(job.index, width: width))</h3>\(M.badge(card))"
      + "\(GalleryMeasuresMarkup.badge(card.measures))</div>"
    html += "<p class=\"delta\">\(M.e(job.delta))</p>"
    if let note = card.pick?.note { html += "<p class=\"note\"><strong>Note:</strong> \(M.e(note))</p>" }
    html += "<dl class=\"facts\">"
    html += M.fact("Seed", "\(job.seed)")
    html += M.fact("sha256", card.sha256.map { "<code title=\"\(M.e($0))\">\(M.e(M.short($0)))</code>" } ?? "n/a")
    html += M.fact("Cost", M.cost(card.cost))
    html += M.fact("Job", "<code>\(M.e(job.jobID))</code>")
    html += GalleryMeasuresMarkup.facts(card.measures)
    html += "</dl>"
    if card.state == "failed" || card.state == "missing", let reason = card.reason {
      html += "<p class=\"reason\"><strong>\(card.state == "failed" ? "Failed" : "Not run"):</strong> \(M.e(reason))</p>"
    }
    html += "</div></article>"
    return html
  }

  /// What to show instead of an image for a job without output.
  func placeholder(_ card: GalleryJobCard) -> String {
    switch card.state {
    case "failed": return "No image: the job failed"
    case "pending": return "Waiting in the queue"
    case "processing": return "Being generated"
    default: return "Not queued yet"
    }
  }
}
