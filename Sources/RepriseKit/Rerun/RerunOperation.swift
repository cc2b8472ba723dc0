import Foundation

/// `rerun MANIFEST`: replays a manifest's requests exactly. Creating one loads the manifest and
/// rebuilds every chosen request (nothing is written); `run` reserves the rerun folder, queues
/// the jobs whose request matches (a differing one is refused, never sent, unless a baseline
/// change was allowed), hands them off or drains them, and compares each new output with the
/// earlier result.
package struct RerunOperation: Sendable {
  /// What to rerun.
  package let options: RerunOptions
  /// Relative paths are resolved against this.
  package let currentDirectory: String
  /// The environment (worker environment, an inherited worker lock).
  package let environment: [String: String]
  /// The manifest as read.
  package let document: ManifestDocument
  /// The chosen jobs' rebuilt requests.
  package let checks: [RequestCheck]

  /// Loads and rebuilds.
  /// - Throws: `RepriseError` for an unreadable or edited manifest, a changed or missing
  ///   baseline, or an `--only` that matches no job.
  package init(_ options: RerunOptions, currentDirectory: String, environment: [String: String]) throws(RepriseError) {
    self.options = options
    self.currentDirectory = currentDirectory
    self.environment = environment
    let path = PathMath.absolute(options.manifest, base: currentDirectory)
    document = try ManifestDocument.load(path: path, name: options.manifest)
    checks = try RerunPlanner.rebuild(document, manifestPath: path, only: options.only, allowBaselineChange: options.allowBaselineChange)
    if checks.isEmpty { throw .usage("--only '\(options.onlyText ?? "")' matches no job of the manifest") }
  }

  /// `rerun --dry-run`: every chosen request rebuilt and checked; nothing is sent or written.
  /// - Throws: `RepriseError` for an unreadable or edited manifest, a changed or missing baseline.
  package static func check(_ options: RerunOptions, currentDirectory: String) throws(RepriseError) -> RerunCheckReport {
    let path = PathMath.absolute(options.manifest, base: currentDirectory)
    let document = try ManifestDocument.load(path: path, name: options.manifest)
    let checks = try RerunPlanner.rebuild(document, manifestPath: path, only: options.only)
    return RerunCheckReport(manifest: options.manifest, manifestID: document.storedID, checks: checks)
  }

  /// Queues and runs the rerun.
  /// - Parameters:
  ///   - settings: the run flags (the queue defaults to `<manifest folder>/imagegen-queue`).
  ///   - events: drain progress of a foreground run.
  /// - Throws: `RepriseError` for an unusable queue or rerun folder, or a failed hand-off.
  package func run(_ settings: JobRunSettings, events: @escaping @Sendable (RunEvent) -> Void) async throws(RepriseError) -> RerunOutcome {
    let manifest = document.manifest
    let manifestFolder = (PathMath.absolute(options.manifest, base: currentDirectory) as NSString).deletingLastPathComponent
    let baseDir = PathMath.absolute(options.outDir ?? manifestFolder, base: currentDirectory)
    let layout = try QueueFolder.checked(given: settings.queueDir, defaultParent: manifestFolder, currentDirectory: currentDirectory)
    try layout.create()
    let store = QueueStore(layout: layout)

    // The request check: a body whose hash differs is never sent (unless the baseline change was allowed).
    let baselineChanged = options.allowBaselineChange && checks.contains { !$0.matches }
    let refused = baselineChanged ? [] : checks.filter { !$0.matches }
    let runnable = checks.filter { baselineChanged || $0.matches }
    let folder = try RerunFolder.reserve(
      prefix: manifest.spec.prefix, baseDir: baseDir, layout: layout,
      jobIDs: runnable.compactMap { check in manifest.jobs.first { $0.index == check.index }?.jobID })
    let n = folder.number
    let requestID = "\(manifest.spec.prefix)-rerun-\(n)"
    var queued: [String] = []
    var pairs: [(original: ManifestJob, rerunID: String)] = []
    for check in runnable {
      guard let job = manifest.jobs.first(where: { $0.index == check.index }) else { continue }
      let rerunID = "\(job.jobID)-rerun-\(n)"
      var queuedJob = QueuedJob.from(
        manifest: manifest, job: job, manifestFolder: manifestFolder, outRoot: folder.path, jobID: rerunID, requestID: requestID, clarifyHints: [],
        origin: "rerun")
      if baselineChanged { queuedJob = Self.withCurrentBaseline(queuedJob, requestSHA256: check.rebuiltSHA256) }
      queuedJob.embedMetadata = settings.embed
      if try store.enqueue(queuedJob) == .queued { queued.append(rerunID) }
      pairs.append((job, rerunID))
    }

    var drainOptions = settings.drain
    let control: DrainControl
    switch settings.handling {
    case .background(let maxWorkers, let onComplete):
      var handoff = try BackgroundHandoff.current(layout: layout, maxWorkers: maxWorkers, orphanTimeout: drainOptions.orphanTimeout, environment: environment)
      handoff.onComplete = onComplete
      let ack = try await handoff.handOff(requestID: requestID, jobs: pairs.map(\.rerunID), manifest: options.manifest, extra: [
        "rerun_dir": .string(folder.path), "refused": .strings(refused.map(\.jobID)),
      ])
      return .handedOff(ack, refused: refused.count)
    case .foreground(let given):
      control = given
    }
    drainOptions.jobIDs = Set(pairs.map(\.rerunID))
    drainOptions.enqueuedHere = Set(queued)
    let drain = ForegroundDrain(layout: layout, client: settings.client, options: drainOptions, environment: environment)
    let summary = try await drain.run(total: pairs.count, control: control, events: events)

    var rows = refused.map { check in
      RerunRow(
        index: check.index, jobID: check.jobID, rerunJobID: nil, verdict: .refused, earlierSHA256: nil, sha256: nil, out: nil,
        reason: "rebuilt request sha256 \(check.rebuiltSHA256.prefix(12)) differs from the recorded \(check.recordedSHA256.prefix(12)); not sent")
    }
    var sent = 0
    for (job, rerunID) in pairs {
      let earlier = Self.earlierSHA256(store, job.jobID)
      if let result = Self.succeeded(store, rerunID) {
        // A cache hit is not a regeneration: it gets its own verdict and does not count as sent.
        if result.sent, !result.cacheHit { sent += 1 }
        let verdict: RerunVerdict =
          result.cacheHit ? .cached : earlier == nil ? .new : (earlier == result.sha256 ? .identical : .differs)
        var row = RerunRow(
          index: job.index, jobID: job.jobID, rerunJobID: rerunID, verdict: verdict, earlierSHA256: earlier, sha256: result.sha256, out: result.out,
          reason: nil)
        row.provider = store.succeededResult(of: rerunID)?.provider
        row.earlierProvider = store.succeededResult(of: job.jobID)?.provider
        if let kept = store.succeededResult(of: job.jobID)?.lockEnforcement?.kept, kept.attempt > 0 { row.earlierRetry = kept }
        if verdict == .identical || verdict == .differs {
          row.similarity = OutputSimilarity.compare(
            sha256: earlier, result.sha256, measures: store.succeededResult(of: job.jobID)?.measures, store.succeededResult(of: rerunID)?.measures)
        }
        rows.append(row)
      } else {
        rows.append(RerunRow(
            index: job.index, jobID: job.jobID, rerunJobID: rerunID, verdict: summary.interrupted ? .pending : .failed, earlierSHA256: earlier, sha256: nil,
            out: nil,
          reason: Self.failureReason(store, rerunID) ?? "not finished"))
      }
    }
    rows.sort { $0.index < $1.index }
    return .compared(RerunReport(manifest: options.manifest, manifestID: document.storedID, rerunDir: folder.path, rows: rows, sent: sent, summary: summary))
  }

  /// A queued job with a changed local baseline as it is now (digest and type re-read) and the
  /// hash of the request rebuilt with it.
  private static func withCurrentBaseline(_ job: QueuedJob, requestSHA256: String) -> QueuedJob {
    var baseline = job.baseline
    if case .file(let path, _, _)? = baseline, let bytes = try? FileSystem.readFile(path, noFollow: true) {
      baseline = .file(path: path, sha256: SHA256.hash(bytes).hexString, mediaType: ImageInfo.sniff(bytes)?.format.mediaType ?? "image/png")
    }
    return QueuedJob(
      jobID: job.jobID, requestID: job.requestID, manifestID: job.manifestID, index: job.index, model: job.model,
      request: job.request, prompt: job.prompt, seed: job.seed, baseline: baseline,
      requestSHA256: requestSHA256, outRoot: job.outRoot, out: job.out, overwrite: false,
      diagnostics: job.diagnostics, origin: "rerun")
  }

  // The queue's result records, read in these three functions only. Outputs are compared as the
  // provider sent them: written files also carry each request's own generation id in their
  // embedded record.

  /// The earlier result's output digest, if it has one.
  private static func earlierSHA256(_ store: QueueStore, _ jobID: String) -> String? {
    store.succeededResult(of: jobID)?.output?.providerSHA256
  }

  /// A succeeded result's output digest, path, whether a request was really sent and whether
  /// OpenRouter's response cache answered it.
  private static func succeeded(_ store: QueueStore, _ jobID: String) -> (sha256: String, out: String?, sent: Bool, cacheHit: Bool)? {
    guard let result = store.succeededResult(of: jobID), let sha = result.output?.providerSHA256 else { return nil }
    return (sha, result.out, result.attempts > 0, result.cacheStatus == "HIT")
  }

  /// A failure record's message.
  private static func failureReason(_ store: QueueStore, _ jobID: String) -> String? {
    store.failureRecord(of: jobID)?.error?.message
  }
}
