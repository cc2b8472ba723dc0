import Foundation

/// One manifest in `reprise lineage`: its counts, cost and picks, and its place in the tree.
package struct LineageNode: Sendable, Equatable {
  /// The manifest's path, relative to the folder scanned.
  package let path: String
  /// Its `manifest_id`.
  package let manifestID: String
  /// Its job count.
  package let jobs: Int
  /// Jobs with a succeeded result record in its queue.
  package let succeeded: Int
  /// What its recorded jobs cost, in USD (succeeded and failed records).
  package let cost: Double
  /// The picked job indices, sorted.
  package let picks: [Int]
  /// The job whose output is this manifest's baseline; nil for a root.
  package var parent: LineageParent?
  /// Paths of the manifests made from this one's outputs, sorted.
  package var children: [String] = []
  /// For a child with succeeded outputs: how far they drifted from its baseline (the parent's
  /// image), by their recorded measures; nil otherwise.
  package var drift: LineageDrift?

  /// A node as given (no children yet).
  package init(path: String, manifestID: String, jobs: Int, succeeded: Int, cost: Double, picks: [Int], parent: LineageParent?) {
    self.path = path
    self.manifestID = manifestID
    self.jobs = jobs
    self.succeeded = succeeded
    self.cost = cost
    self.picks = picks
    self.parent = parent
  }

  /// The `--json` form.
  package var json: JSONValue {
    .object([
      "path": .string(path), "manifest_id": .string(manifestID), "jobs": .int(Int64(jobs)), "succeeded": .int(Int64(succeeded)),
      "cost": .double(cost), "picks": .array(picks.map { .int(Int64($0)) }), "parent": parent?.json ?? .null,
      "children": .strings(children), "drift": drift?.json ?? .null,
    ])
  }

  /// The text line, without indentation.
  package var line: String {
    let picked = picks.isEmpty ? "no picks" : "picks \(IndexRanges.text(picks))"
    let head = "\(path)  \(jobs) \(jobs == 1 ? "job" : "jobs"), \(succeeded) succeeded, $\(String(format: "%.4f", cost)), \(picked)"
    return head + (parent.map { "  from \($0.manifest) #\($0.index)" } ?? "") + (drift.map { "  " + $0.line } ?? "")
  }
}
