/// The rules a sweep's jobs keep, checked by every reader with the other manifest rules: each
/// job's cell is one of `spec.sweep.cells`, and its index is where its cell and variant put it,
/// `(variant - 1) * cells + position + 1`.
package enum SweepIntegrity {
  /// The first broken rule as a one-line reason, or nil.
  package static func firstProblem(in manifest: Manifest) -> String? {
    guard let sweep = manifest.spec.sweep else { return nil }
    for job in manifest.jobs {
      let at = "jobs[index=\(job.index)]"
      guard let cell = job.cell, let variant = job.variant else { return "\(at) has no cell (every job of a sweep has one)" }
      guard let ordinal = sweep.ordinal(of: cell) else { return "\(at).cell [\(cell)] is not one of spec.sweep.cells" }
      let expected = (variant - 1) * sweep.cells.count + ordinal + 1
      guard expected == job.index else { return "\(at) is variant \(variant) of cell [\(cell)], whose index is \(expected)" }
    }
    return nil
  }
}
