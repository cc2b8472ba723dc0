/// One manifest as a gallery shows it: the manifest, where it lives, and its jobs' results.
package struct GallerySource: Sendable {
  /// The manifest.
  package let manifest: Manifest
  /// The manifest file (absolute path).
  package let manifestPath: String
  /// Each job's state, output, reason and record (from the manifest's queue folder).
  package let report: JobStatusReport

  /// A source as given.
  package init(manifest: Manifest, manifestPath: String, report: JobStatusReport) {
    self.manifest = manifest
    self.manifestPath = manifestPath
    self.report = report
  }

  /// A source whose results are read from the queue at `queueRoot` (absolute).
  package init(manifest: Manifest, manifestPath: String, queueRoot: String) {
    let store = QueueStore(layout: QueueLayout(root: queueRoot))
    self.init(manifest: manifest, manifestPath: manifestPath, report: JobStatusReport(jobs: manifest.jobs.map(\.jobID), store: store))
  }

  /// The manifest's folder (absolute).
  package var manifestFolder: String { PathMath.absolute("..", base: manifestPath) }

  /// One card per job, in index order.
  package var cards: [GalleryJobCard] {
    var entries: [String: JobStatusReport.Entry] = [:]
    for entry in report.entries where entries[entry.jobID] == nil { entries[entry.jobID] = entry }
    return manifest.jobs.map { GalleryJobCard(job: $0, entry: entries[$0.jobID]) }
  }

  /// Total cost of the jobs' finished requests (USD).
  package var totalCost: Double { cards.reduce(0) { $0 + ($1.cost ?? 0) } }
}
