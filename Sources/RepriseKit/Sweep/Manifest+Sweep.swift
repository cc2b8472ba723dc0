extension Manifest {
  /// The model and request parameters a job's request is built with: its cell's in a sweep,
  /// else the spec's.
  package func requestTarget(of job: ManifestJob) -> (model: String, request: RequestParameters) {
    if let cell = job.cell, let cellSpec = spec.sweep?.cellSpec(cell) { return (cellSpec.model, cellSpec.request) }
    return (spec.model, spec.request)
  }

  /// The cell spec of a job, or nil outside sweeps.
  package func cellSpec(of job: ManifestJob) -> SweepCellSpec? {
    job.cell.flatMap { spec.sweep?.cellSpec($0) }
  }

  /// In a sweep, a batch counts variants per cell: the request id of the first batch whose
  /// variants hold the job's.
  func sweepRequestID(forIndex index: Int) -> String? {
    guard let job = jobs.first(where: { $0.index == index }), let variant = job.variant,
      let batch = batches.first(where: { $0.indices?.contains(variant) ?? false })
    else { return spec.legacyRequestID ?? nil }
    return requestID(of: batch)
  }
}
