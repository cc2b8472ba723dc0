/// One manifest as a gallery shows it: the manifest, where it lives, and its jobs' results.
package struct GallerySource: Sendable {
  /// The manifest.
  package let manifest: Manifest
  /// The manifest file (absolute path).
  package let manifestPath: String
  /// Each job's state, output, reason and record (from the manifest's queue folder).
  package let report: JobStatusReport
  /// The manifest's picks (`reprise pick`), when it has a picks file.
  package let picks: PickFile?

  /// A source as given.
  package init(manifest: Manifest, manifestPath: String, report: JobStatusReport, picks: PickFile? = nil) {
    self.manifest = manifest
    self.manifestPath = manifestPath
    self.report = report
    self.picks = picks
  }

  /// A source whose results are read from the queue at `queueRoot` (absolute).
  package init(manifest: Manifest, manifestPath: String, queueRoot: String, picks: PickFile? = nil) {
    let store = QueueStore(layout: QueueLayout(root: queueRoot))
    self.init(manifest: manifest, manifestPath: manifestPath, report: JobStatusReport(jobs: manifest.jobs.map(\.jobID), store: store), picks: picks)
  }

  /// The manifest's folder (absolute).
  package var manifestFolder: String { PathMath.absolute("..", base: manifestPath) }

  /// One card per job, in index order.
  package var cards: [GalleryJobCard] {
    var entries: [String: JobStatusReport.Entry] = [:]
    for entry in report.entries where entries[entry.jobID] == nil { entries[entry.jobID] = entry }
    return manifest.jobs.map { job in
      GalleryJobCard(job: job, entry: entries[job.jobID], pick: picks?.pick(at: job.index).flatMap { $0.names(job) ? $0 : nil })
    }
  }

  /// Total cost of the jobs' finished requests (USD).
  package var totalCost: Double { cards.reduce(0) { $0 + ($1.cost ?? 0) } }
  /// The parts of the total when any job ran with BYOK: ` (OpenRouter $x + upstream $y, BYOK)`, else empty.
  package var costPartsNote: String {
    let parts = report.costParts
    guard parts.byokJobs > 0 else { return "" }
    return " (OpenRouter $\(String(format: "%.4f", parts.openRouter)) + upstream $\(String(format: "%.4f", parts.upstream)), BYOK)"
  }
}
