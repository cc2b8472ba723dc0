/// The jobs of two manifests paired for `diff`: by index, or when both are sweeps by (cell,
/// variant), so two sweeps compare cell by cell even when their cells sit at other indices.
package struct SweepJobPairs: Sendable {
  /// One pair: its path in changes (`jobs[index=3]` or `jobs[cell=model=x aspect-ratio=1:1,variant=2]`),
  /// and each side's job.
  package struct Pair: Sendable {
    /// The path prefix of the pair's changes.
    package let path: String
    /// The index shown in rows (the new side's, else the old side's).
    package let index: Int
    /// The old side's job.
    package let old: ManifestJob?
    /// The new side's job.
    package let new: ManifestJob?
  }

  /// The pairs: by index in index order, or by (cell, variant) grouped by cell (the new
  /// sweep's cell order, then the old one's), then variant.
  package let pairs: [Pair]

  /// Pairs the jobs of `a` (old) and `b` (new).
  package init(_ a: Manifest, _ b: Manifest) {
    guard let sweepA = a.spec.sweep, let sweepB = b.spec.sweep else {
      let oldJobs = Dictionary(a.jobs.map { ($0.index, $0) }, uniquingKeysWith: { x, _ in x })
      let newJobs = Dictionary(b.jobs.map { ($0.index, $0) }, uniquingKeysWith: { x, _ in x })
      pairs = Set(oldJobs.keys).union(newJobs.keys).sorted().map { Pair(path: "jobs[index=\($0)]", index: $0, old: oldJobs[$0], new: newJobs[$0]) }
      return
    }
    struct Key: Hashable {
      let cell: SweepCell
      let variant: Int
    }
    func key(_ job: ManifestJob) -> Key? { job.cell.flatMap { cell in job.variant.map { Key(cell: cell, variant: $0) } } }
    var oldJobs: [Key: ManifestJob] = [:]
    for job in a.jobs { if let k = key(job), oldJobs[k] == nil { oldJobs[k] = job } }
    var newJobs: [Key: ManifestJob] = [:]
    for job in b.jobs { if let k = key(job), newJobs[k] == nil { newJobs[k] = job } }
    var cellOrder: [SweepCell] = sweepB.cells.map(\.cell)
    for cell in sweepA.cells.map(\.cell) where !cellOrder.contains(cell) { cellOrder.append(cell) }
    let keys = Set(oldJobs.keys).union(newJobs.keys).sorted { x, y in
      let (i, j) = (cellOrder.firstIndex(of: x.cell) ?? Int.max, cellOrder.firstIndex(of: y.cell) ?? Int.max)
      return i != j ? i < j : x.variant < y.variant
    }
    pairs = keys.map { k in
      Pair(
        path: "jobs[cell=\(k.cell),variant=\(k.variant)]", index: newJobs[k]?.index ?? oldJobs[k]!.index, old: oldJobs[k], new: newJobs[k])
    }
  }
}
