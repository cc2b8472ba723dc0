import Foundation

/// `variants` after its options are parsed and validated. Creating one plans the batch and checks
/// it without writing anything (`plan` is what `--dry-run` prints); `run` then writes the
/// manifest under its lock, queues the planned jobs and hands them off or drains them.
package struct VariantsRun: Sendable {
  /// The validated options.
  package let options: VariantOptions
  /// The prompt's clarify hints, recorded on every queued job.
  package let hints: [String]
  /// Relative paths are resolved against this.
  package let currentDirectory: String
  /// The environment (cached model list, worker environment).
  package let environment: [String: String]
  /// The batch merged with the manifest as it is now, before anything is written.
  package let plan: PreparedVariants

  /// Plans and checks the batch; writes nothing.
  /// - Throws: `RepriseError` for a plan that cannot be made (a different spec, a bad baseline...).
  package init(options: VariantOptions, hints: [String], currentDirectory: String, environment: [String: String]) throws(RepriseError) {
    self.options = options
    self.hints = hints
    self.currentDirectory = currentDirectory
    self.environment = environment
    self.plan = try VariantBatchPreparer.prepare(options, currentDirectory: currentDirectory)
  }

  /// Writes the manifest and, with `settings`, queues and runs the planned jobs.
  /// - Parameters:
  ///   - settings: nil for plan only.
  ///   - events: the batch line and drain progress of a foreground run.
  /// - Throws: `RepriseError` for an unusable queue or output folder, or a failed hand-off; the
  ///   queue folder is checked before the manifest is written.
  package func run(_ settings: JobRunSettings?, events: @escaping @Sendable (RunEvent) -> Void) async throws(RepriseError) -> VariantsOutcome {
    let layout = try settings.map { s throws(RepriseError) in
      try QueueFolder.checked(given: s.queueDir, defaultParent: options.outDir, currentDirectory: currentDirectory)
    }
    let prepared = try await BlockingWork.run(throwing: { () throws(RepriseError) in try self.writeManifest() })
    guard let settings, let layout else {
      if prepared.manifest.spec.sweep != nil {
        let sweepEstimate = SweepEstimate(manifest: prepared.manifest, jobs: prepared.plannedJobs, environment: environment)
        return .planned(VariantsPlanSummary(prepared: prepared, estimate: nil, sweepEstimate: sweepEstimate))
      }
      let estimate = CostEstimate.fromCache(
        model: prepared.manifest.spec.model, images: prepared.plannedJobs.count, imageSize: prepared.manifest.spec.imageSize, environment: environment)
      return .planned(VariantsPlanSummary(prepared: prepared, estimate: estimate))
    }
    try layout.create()
    let manifest = prepared.manifest
    let manifestFolder = (PathMath.absolute(prepared.manifestPath, base: currentDirectory) as NSString).deletingLastPathComponent
    // Every job carries the request id its acknowledgement prints.
    let requestID = options.requestID ?? "\(options.prefix)-\(manifest.manifestID.dropFirst(7).prefix(12))"
    let store = QueueStore(layout: layout)
    var queued: [String] = []
    var batch: [String] = []
    var alreadyDone: [String] = []
    let jobs = prepared.plannedJobs.map { job in
      var queuedJob = QueuedJob.from(
        manifest: manifest, job: job, manifestFolder: manifestFolder, outRoot: manifestFolder, requestID: requestID, clarifyHints: hints, origin: "variants")
      queuedJob.embedMetadata = settings.embed
      return queuedJob
    }
    // Writing and flushing the job files blocks: off the cooperative pool.
    let outcomes = try await BlockingWork.run(throwing: { () throws(RepriseError) in try store.enqueue(jobs) })
    for (job, outcome) in zip(prepared.plannedJobs, outcomes) {
      switch outcome {
      case .queued: queued.append(job.jobID); batch.append(job.jobID)
      case .alreadyQueued: batch.append(job.jobID)
      case .alreadySucceeded: alreadyDone.append(job.jobID)
      }
    }
    var drainOptions = settings.drain
    drainOptions.costEstimatePerJob =
      CostEstimate.fromCache(model: manifest.spec.model, images: 1, imageSize: manifest.spec.imageSize, environment: environment)?.perImage
    if manifest.spec.sweep != nil {
      drainOptions.costEstimatePerJob = SweepEstimate(manifest: manifest, jobs: prepared.plannedJobs, environment: environment).largestPerImage
    }
    switch settings.handling {
    case .background(let maxWorkers, let onComplete):
      var handoff = try BackgroundHandoff.current(layout: layout, maxWorkers: maxWorkers, orphanTimeout: drainOptions.orphanTimeout, environment: environment)
      handoff.onComplete = onComplete
      handoff.workerArguments = drainOptions.workerArguments
      return .handedOff(try await handoff.handOff(requestID: requestID, jobs: batch, manifest: prepared.manifestPath, extra: [
        "manifest_id": .string(manifest.manifestID), "already_succeeded": .strings(alreadyDone),
        "outputs": .strings(prepared.plannedJobs.map { manifestFolder + "/" + $0.out }),
      ]))
    case .foreground(let control):
      drainOptions.jobIDs = Set(batch)
      drainOptions.enqueuedHere = Set(queued)
      drainOptions.handoffMode = "foreground"
      events(.queued(manifest: prepared.manifestPath, manifestID: manifest.manifestID, toRun: batch.count, alreadySucceeded: alreadyDone.count))
      let drain = ForegroundDrain(layout: layout, client: settings.client, options: drainOptions, environment: environment)
      let summary = try await drain.run(total: batch.count, control: control, events: events)
      let status = JobStatusReport(jobs: prepared.plannedJobs.map(\.jobID), store: store)
      return .drained(VariantsDrainReport(prepared: prepared, layout: layout, status: status, summary: summary))
    }
  }

  /// Read-merge-write under the manifest's lock: concurrent runs on one prefix each see the
  /// others' jobs, so every job of every run ends up in the manifest.
  private func writeManifest() throws(RepriseError) -> PreparedVariants {
    let absoluteManifest = PathMath.absolute(plan.manifestPath, base: currentDirectory)
    let manifestFolder = (absoluteManifest as NSString).deletingLastPathComponent
    do { try FileSystem.makeDirectories(manifestFolder) } catch { throw .badInput("cannot create --out-dir '\(options.outDir)': \(error.reason)") }
    let lockPath = manifestFolder + "/." + (absoluteManifest as NSString).lastPathComponent + ".lock"
    return try FileLock.withExclusive(lockPath) { () throws(RepriseError) -> PreparedVariants in
      FileSystem.removeAbandonedTemporaries(in: manifestFolder)
      // Planned again only when another run changed the manifest since `init` read it: the
      // merge is then made with what is on disk now.
      let prepared =
        VariantBatchPreparer.isCurrent(plan, currentDirectory: currentDirectory)
        ? plan : try VariantBatchPreparer.prepare(options, currentDirectory: currentDirectory)
      try VariantBatchPreparer.write(prepared, currentDirectory: currentDirectory)
      return prepared
    }
  }
}
