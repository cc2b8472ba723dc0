import Foundation

/// `reprise gallery --lineage DIR`: every iteration under a folder on one page, one row per
/// manifest in tree order (children indented under their parent), each row a strip of its jobs'
/// thumbnails with picked ones marked; a child's row links to the parent job's thumbnail it
/// came from, and that thumbnail links back to the child rows. Self-contained and deterministic
/// like the other gallery pages (no scripts, nothing from the network).
package struct LineageGalleryPage: Sendable {
  /// One row: the node, its depth and the manifest with its results.
  package struct Row: Sendable {
    /// The lineage node.
    package let node: LineageNode
    /// 0 for a root.
    package let depth: Int
    /// The manifest and its results.
    package let source: GallerySource
  }

  /// The rows in tree order.
  package let rows: [Row]
  /// The folder scanned (absolute), for the title.
  package let rootName: String
  /// Where the page is written (absolute); image paths are relative to its folder.
  package let htmlPath: String
  /// Inline images as data URLs.
  package let embed: Bool

  /// A page for `report` (made under `root`, absolute). Manifests that cannot be read now are
  /// left out (the report already warned about unreadable ones).
  package init(report: LineageReport, root: String, rootName: String, htmlPath: String, embed: Bool) {
    var rows: [Row] = []
    for (node, depth) in report.treeOrder {
      let path = (root as NSString).appendingPathComponent(node.path)
      guard let document = try? ManifestDocument.load(path: path, name: node.path) else { continue }
      let queue = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("imagegen-queue")
      let picks = PickFile.loadForShowing(forManifest: document.manifest, manifestPath: path, manifestName: node.path, warn: { _ in })
      rows.append(Row(node: node, depth: depth, source: GallerySource(manifest: document.manifest, manifestPath: path, queueRoot: queue, picks: picks)))
    }
    self.rows = rows
    self.rootName = rootName
    self.htmlPath = htmlPath
    self.embed = embed
  }

  /// The folder the page is written to.
  var htmlFolder: String { PathMath.absolute("..", base: htmlPath) }

  /// The anchor of row `n` (1-based).
  static func rowID(_ n: Int) -> String { "it-\(n)" }

  /// The anchor of a job's thumbnail in row `n`.
  static func jobID(_ n: Int, index: Int) -> String { "it-\(n)-job-\(index)" }

  /// The HTML text.
  package func render() -> String {
    typealias M = GalleryMarkup
    let resolver = GalleryImageResolver(htmlFolder: htmlFolder, embed: embed)
    let position = Dictionary(rows.enumerated().map { ($1.node.path, $0 + 1) }, uniquingKeysWith: { a, _ in a })
    // Children by parent row and job index, in row order.
    var children: [String: [(row: Int, path: String)]] = [:]
    for (n, row) in rows.enumerated() {
      guard let parent = row.node.parent, let at = position[parent.manifest] else { continue }
      children[Self.jobID(at, index: parent.index), default: []].append((n + 1, row.node.path))
    }
    let roots = rows.count(where: { $0.node.parent == nil })
    let cost = rows.reduce(0) { $0 + $1.node.cost }
    var body: [String] = []
    body.append("<a class=\"skip\" href=\"#iterations\">Skip to the iterations</a>")
    body.append("<div class=\"wrap\">")
    body.append("<header>")
    body.append("<p class=\"eyebrow\">reprise lineage</p>")
    body.append("<h1>\(M.e(rootName))</h1>")
    body.append(
      "<p class=\"summary\">\(rows.count) \(rows.count == 1 ? "iteration" : "iterations"), \(roots) \(roots == 1 ? "root" : "roots") · total cost "
        + "<strong>\(M.cost(cost))</strong></p>")
    body.append("</header>")
    body.append("<main id=\"iterations\" tabindex=\"-1\">")
    body.append(rows.isEmpty ? "<p>No manifests found.</p>" : "<ol class=\"iterations\">")
    for (n, row) in rows.enumerated() {
      body.append(rowHTML(row, number: n + 1, parentRow: row.node.parent.flatMap { position[$0.manifest] }, children: children, resolver: resolver))
    }
    if !rows.isEmpty { body.append("</ol>") }
    body.append("</main>")
    body.append(
      "<footer><p>Written by <code>reprise gallery --lineage</code> from the manifests under the folder and their queue records. "
        + "Self-contained: it loads nothing from the network.</p></footer>")
    body.append("</div>")
    return M.document(
      title: "\(rootName): reprise lineage (\(rows.count) \(rows.count == 1 ? "iteration" : "iterations"))", body: body.joined(separator: "\n"),
      extraCSS: LineageGalleryStyle.css)
  }

  /// One iteration's row.
  func rowHTML(_ row: Row, number n: Int, parentRow: Int?, children: [String: [(row: Int, path: String)]], resolver: GalleryImageResolver) -> String {
    typealias M = GalleryMarkup
    let node = row.node
    let titleID = "\(Self.rowID(n))-title"
    var html = "<li class=\"iteration\" id=\"\(Self.rowID(n))\" style=\"--depth:\(row.depth)\">"
    html += "<section class=\"panel\" aria-labelledby=\"\(titleID)\">"
    html += "<div class=\"it-head\"><h2 id=\"\(titleID)\"><code>\(M.e(node.path))</code></h2>"
    html += "<span class=\"gen\">generation \(row.depth + 1)</span></div>"
    let picked = node.picks.isEmpty ? "no picks" : "picks \(IndexRanges.text(node.picks))"
    html += "<p class=\"it-facts\">\(node.jobs) \(node.jobs == 1 ? "job" : "jobs"), \(node.succeeded) succeeded, \(M.cost(node.cost)), \(picked)</p>"
    if let parent = node.parent {
      let target = parentRow.map { Self.jobID($0, index: parent.index) }
      let label = "\(M.e(parent.manifest)) #\(parent.index)"
      html += "<p class=\"from\">"
      if let baseline = row.source.manifest.spec.baseline, case .file(let path, _) = baseline.location {
        let reference = resolver.reference(forImageAt: PathMath.absolute(path, base: row.source.manifestFolder))
        if let src = reference.src { html += "<img src=\"\(M.e(src))\" alt=\"Baseline: \(label)\" width=\"56\" height=\"56\">" }
      }
      html += "<span>From " + (target.map { "<a class=\"parent-link\" href=\"#\($0)\">\(label)</a>" } ?? label) + "</span></p>"
      if let drift = node.drift {
        let state = drift.measured == 0 ? "none" : drift.drifted > 0 ? "bad" : "ok"
        html += "<p class=\"drift drift-\(state)\">\(M.e(drift.line))</p>"
      }
    }
    html += "<p class=\"it-prompt\">\(M.e(row.source.manifest.spec.prompt))</p>"
    html += "<ul class=\"strip\">"
    let width = M.width(row.source.manifest)
    for card in row.source.cards {
      html += frameHTML(card, row: n, width: width, children: children[Self.jobID(n, index: card.job.index)] ?? [], resolver: resolver)
    }
    html += "</ul></section></li>"
    return html
  }

  /// One job's thumbnail, label, badges and links to the iterations made from it.
  func frameHTML(_ card: GalleryJobCard, row: Int, width: Int, children: [(row: Int, path: String)], resolver: GalleryImageResolver) -> String {
    typealias M = GalleryMarkup
    let job = card.job
    let reference: GalleryImageReference = card.output.map { resolver.reference(forImageAt: $0) } ?? .unavailable(card.label)
    var html = "<li class=\"frame state-\(M.e(card.state))\(card.pick == nil ? "" : " picked")\" id=\"\(Self.jobID(row, index: job.index))\">"
    html += M.image(reference, alt: M.alt(job), width: card.width, height: card.height, lazy: row > 3, placeholder: reference.problem ?? "no image")
    html += "<div class=\"frame-body\"><div class=\"frame-head\"><strong>\(M.label(job.index, width: width))</strong>\(M.badge(card))</div>"
    if let note = card.pick?.note { html += "<span class=\"note\">\(M.e(note))</span>" }
    if !children.isEmpty {
      html += "<ul class=\"children\">"
      for child in children { html += "<li>→ <a class=\"child-link\" href=\"#\(Self.rowID(child.row))\">\(M.e(child.path))</a></li>" }
      html += "</ul>"
    }
    html += "</div></li>"
    return html
  }
}
