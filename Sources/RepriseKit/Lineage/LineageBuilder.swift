import Foundation

/// `reprise lineage`: reads every manifest under a folder and links each to the job whose output
/// became its baseline.
///
/// A manifest's parent is the one its `spec.parent` names (`reprise iterate`): the manifest holding
/// that job (index and job id), one whose `manifest_id` is still the recorded one first, then the
/// first by path. Without `spec.parent` (older manifests, or a parent outside the folder scanned)
/// it is the manifest with a succeeded result (in `<its folder>/imagegen-queue`)
/// whose output `sha256` or `provider_sha256` equals the child's `spec.baseline.sha256`. When
/// several outputs match, the first by path then index wins. Roots have no baseline, or one no
/// output matches; a cycle (possible only with copied images) is broken at its first path.
package enum LineageBuilder {
  /// A manifest read from disk with its queue's outputs.
  private struct Scanned: Sendable {
    /// The node, without parent or children yet.
    let node: LineageNode
    /// `spec.baseline.sha256`, if any.
    let baselineSHA256: String?
    /// Each succeeded job's output digests, as the parent a child would name.
    let outputs: [LineageParent]
    /// `spec.parent`, if recorded.
    let recordedParent: IterationParent?
    /// Every job as `<index> <job_id>`.
    let jobKeys: Set<String>
    /// The measures of each succeeded output (nil for a record without them).
    let measures: [ImageMeasures?]
  }

  /// Scans `root` (absolute).
  /// - Throws: `RepriseError` (exit 2) when `root` is not a folder; `shown` names it.
  package static func build(root: String, shown: String) throws(RepriseError) -> LineageReport {
    guard FileSystem.isDirectory(root) else { throw .badInput("'\(shown)' is not a folder") }
    let found = ManifestFinder.find(under: root)
    var warnings = found.warnings
    var scanned: [Scanned] = []
    for path in found.paths {
      let absolute = (root as NSString).appendingPathComponent(path)
      let document: ManifestDocument
      do { document = try ManifestDocument.load(path: absolute, name: path) } catch {
        warnings.append("warning: \(error.message): skipped")
        continue
      }
      scanned.append(scan(document.manifest, path: path, absolute: absolute) { warnings.append($0) })
    }
    var owners: [String: LineageParent] = [:]
    for item in scanned {
      for output in item.outputs where owners[output.sha256] == nil { owners[output.sha256] = output }
    }
    var nodes = scanned.map { item in
      var node = item.node
      node.parent = item.recordedParent.flatMap { recorded(by: $0, child: node.path, in: scanned) }
        ?? item.baselineSHA256.flatMap { owners[$0] }.flatMap { $0.manifest == node.path ? nil : $0 }
      if node.parent != nil, !item.measures.isEmpty { node.drift = LineageDrift(measures: item.measures) }
      return node
    }
    breakCycles(&nodes)
    for at in nodes.indices where nodes[at].parent == nil { nodes[at].drift = nil }
    let positions = Dictionary(nodes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    for node in nodes {
      if let parent = node.parent, let at = positions[parent.manifest] { nodes[at].children.append(node.path) }
    }
    return LineageReport(nodes: nodes, warnings: warnings)
  }

  /// Reads one manifest's results, cost and picks.
  private static func scan(_ manifest: Manifest, path: String, absolute: String, warn: (String) -> Void) -> Scanned {
    let folder = (absolute as NSString).deletingLastPathComponent
    let store = QueueStore(layout: QueueLayout(root: (folder as NSString).appendingPathComponent("imagegen-queue")))
    var succeeded = 0
    var cost = 0.0
    var outputs: [LineageParent] = []
    var measures: [ImageMeasures?] = []
    for job in manifest.jobs.sorted(by: { $0.index < $1.index }) {
      guard let record = store.result(of: job.jobID) else { continue }
      cost += record.cost ?? 0
      guard record.status == .succeeded, let output = record.output else { continue }
      succeeded += 1
      measures.append(record.measures)
      for sha in Set([output.sha256, output.providerSHA256]).sorted() where !sha.isEmpty {
        outputs.append(LineageParent(manifest: path, index: job.index, jobID: job.jobID, sha256: sha))
      }
    }
    let picks = PickFile.loadForShowing(forManifest: manifest, manifestPath: absolute, manifestName: path, warn: warn)
    let node = LineageNode(
      path: path, manifestID: manifest.manifestID, jobs: manifest.jobs.count, succeeded: succeeded, cost: cost, picks: picks?.indices ?? [],
      parent: nil)
    return Scanned(
      node: node, baselineSHA256: manifest.spec.baseline?.sha256, outputs: outputs, recordedParent: manifest.spec.parent,
      jobKeys: Set(manifest.jobs.map { "\($0.index) \($0.jobID)" }), measures: measures)
  }

  /// The manifest holding the job `parent` names (its recorded id first, then by path).
  private static func recorded(by parent: IterationParent, child: String, in scanned: [Scanned]) -> LineageParent? {
    let key = "\(parent.index) \(parent.jobID)"
    let holders = scanned.filter { $0.node.path != child && $0.jobKeys.contains(key) }
    guard let holder = holders.first(where: { $0.node.manifestID == parent.manifestID }) ?? holders.first else { return nil }
    return LineageParent(manifest: holder.node.path, index: parent.index, jobID: parent.jobID, sha256: parent.sha256)
  }

  /// Makes the first path of every parent cycle a root, so every manifest is in the tree once.
  private static func breakCycles(_ nodes: inout [LineageNode]) {
    let positions = Dictionary(nodes.enumerated().map { ($1.path, $0) }, uniquingKeysWith: { a, _ in a })
    for start in nodes.indices {
      var seen: [Int] = [start]
      var at = start
      while let parent = nodes[at].parent, let next = positions[parent.manifest] {
        if let loop = seen.firstIndex(of: next) {
          if let first = seen[loop...].min(by: { nodes[$0].path < nodes[$1].path }) { nodes[first].parent = nil }
          break
        }
        seen.append(next)
        at = next
      }
    }
  }
}
