import Foundation

/// Runs one claimed job: rebuilds the exact request, refuses to send it if its hash differs from
/// the job's `request_sha256`, sends it, and puts the images in place without ever replacing a
/// file it did not mean to (temp file, staged record, `link(2)`, result, cleanup).
package struct JobExecutor: Sendable {
  /// The queue.
  package let store: QueueStore
  /// The OpenRouter client.
  package let client: OpenRouterClient
  /// `handoff_mode` recorded on results (`foreground` or `background`).
  package let handoffMode: String
  /// Jobs enqueued by this same invocation (`same_turn_drain_detected`).
  package let enqueuedHere: Set<String>
  /// Measures each stored output for its record (`measures`); nil measures nothing.
  package let measurer: OutputMeasurer?
  /// `--enforce-locks`: retries a job whose output broke a planned lock; nil retries nothing.
  package var lockEnforcement: LockEnforcement?

  /// An executor as given.
  package init(store: QueueStore, client: OpenRouterClient, handoffMode: String, enqueuedHere: Set<String>, measurer: OutputMeasurer? = OutputMeasurer()) {
    self.store = store
    self.measurer = measurer
    self.client = client
    self.handoffMode = handoffMode
    self.enqueuedHere = enqueuedHere
  }

  /// How a job ended.
  package enum Outcome: Sendable {
    /// Finished: the record written (succeeded or failed).
    case finished(record: JobResult, succeeded: Bool)
    /// Interrupted before finishing: put back in `pending/`.
    case returned
    /// Another drain recovered the job meanwhile; nothing written.
    case lost
    /// A record or image could not be stored (full disk, permissions): the job went back to
    /// `pending/` (or, when its outputs were already in place, stays claimed for recovery to
    /// complete) and the drain must stop claiming.
    case storageFailure(reason: String)
  }

  /// Errors that mean "this queue or output folder cannot take writes now", not "this job failed".
  static func isStorageError(_ code: Int32) -> Bool {
    [ENOSPC, EDQUOT, EACCES, EPERM, EROFS, EIO].contains(code)
  }

  /// Runs the job and writes its record.
  ///
  /// - Parameter requests: opened as soon as the job will send no more requests (its response,
  ///   and any `--enforce-locks` attempts, received), before its outputs are measured and
  ///   written; on every other way out at the latest.
  package func run(_ claim: ClaimedJob, requests: RequestGate = RequestGate()) async -> Outcome {
    defer { requests.open() }
    let job = claim.job
    var record = baseRecord(job, workerID: claim.workerID, started: Date())

    // A success recorded before a crash stands: never send again, never turn it into a failure.
    // (Hashing outputs and baselines, and every write below, runs off the cooperative pool.)
    let store = self.store
    // (Only results/ can hold a success: failed/ is not read.)
    if let earlier = await BlockingWork.run({
      store.readResult(job.jobID).flatMap(JobResult.init(reading:)).flatMap { $0.status == .succeeded && QueueStore.outputsInPlace($0) ? $0 : nil }
    }) {
      return await BlockingWork.run { self.finish(claim, record: earlier, succeeded: true) }
    }
    let body: [UInt8]
    switch await BlockingWork.run({ self.rebuild(job) }) {
    case .failure(let failure): return fail(claim, &record, failure)
    case .success(let bytes): body = bytes
    }
    if let problem = JobExecutor.containmentProblem(job) { return fail(claim, &record, JobError(code: "unsafe_output_path", message: problem)) }
    if !job.overwrite, FileSystem.entryKind(job.outPath) != .missing {
      return fail(
        claim, &record, JobError(code: "output_exists", message: "output '\(job.outPath)' already exists; reprise never overwrites an image silently"))
    }

    let call = await client.generate(body: body, transport: job.request.transport, keepResponse: true)
    Failpoint.shared.hit("after-send")
    record.attempts = call.attempts
    record.latencyMS = call.latencyMS
    if Task.isCancelled, case .failure = call.result {
      // Interrupted (Ctrl-C): the job did not finish; it goes back to pending/.
      return await BlockingWork.run { [record] in
        var record = record
        self.keepResponse(call.redactedResponse, of: job, in: &record)
        return store.release(claim) ? .returned : .lost
      }
    }
    let response: GenerationResponse
    switch call.result {
    case .failure(let error):
      let failure = JobError(
        status: error.status == 0 ? nil : error.status, code: error.code ?? "error", message: error.description, errorType: error.errorType,
        retryable: error.retryable)
      return await BlockingWork.run { [record] in
        var record = record
        self.keepResponse(call.redactedResponse, of: job, in: &record)
        return self.fail(claim, &record, failure)
      }
    case .success(let r): response = r
    }
    record.adopt(response)
    // The job as sent: the planned one, or the attempt --enforce-locks kept (its seed and request).
    var (sent, images) = (job, call.imageBytes)
    // The first response is kept before --enforce-locks sends again (a kept retry's response
    // replaces it); otherwise it is written off the cooperative pool after the request slot is
    // given back, so the next request does not wait for this file.
    var firstResponse = call.redactedResponse
    if let lockEnforcement, lockEnforcement.applies(to: job) {
      record = await BlockingWork.run { [record, firstResponse] in
        var record = record
        self.keepResponse(firstResponse, of: job, in: &record)
        return record
      }
      firstResponse = nil
      let kept = await lockEnforcement.enforce(
        job: job, first: call, response: response, record: record, body: { seed in self.requestBody(job, seed: seed) }, client: client,
        responsePath: store.layout.file(store.layout.responses, job.jobID))
      (sent, images, record) = (kept.job, kept.images, kept.record)
    }
    requests.open()

    let provenance = ImageProvenance.record(
      manifestID: job.manifestID, jobID: job.jobID, index: job.index, model: job.model, seed: sent.seed, requestSHA256: sent.requestSHA256,
      generationID: record.generationID, prompt: job.prompt)
    let finished = record
    let (outputs, planJob, unwritten) = (images, sent, firstResponse)
    return await BlockingWork.run {
      var record = finished
      self.keepResponse(unwritten, of: job, in: &record)
      switch self.plan(outputs, job: planJob, provenance: provenance) {
      case .failure(let failure): return self.fail(claim, &record, failure)
      case .success(let planned):
        // Measuring starts now, beside writing and flushing the files; `place` waits for it.
        let measures = self.measurer.map { measurer in
          PendingMeasures { measurer.measure(file: planned[planned.count - 1].file, job: job, palette: job.brandPalette) }
        }
        return self.place(planned, claim: claim, record: &record, provenance: provenance, measures: measures)
      }
    }
  }

  /// Writes the provider's redacted response to `responses/<job_id>.json` and names it in `record`.
  /// The image matters more than the provider's JSON: a failed write is noted (no path), not fatal.
  /// Not fsynced: no promise rests on it (recovery never reads it, and a record naming a response
  /// lost in a power cut is still right about the image); the rename still makes it whole or
  /// absent after a crash.
  private func keepResponse(_ redacted: JSONValue?, of job: QueuedJob, in record: inout JobResult) {
    guard let redacted else { return }
    let responsePath = store.layout.file(store.layout.responses, job.jobID)
    if (try? FileSystem.writeAtomically(JSONWriter.pretty(redacted), to: responsePath, step: "response-write", durable: false)) != nil {
      record.responsePath = responsePath
    }
  }

  /// The exact request body, rebuilt from the job alone and checked against its hash.
  func rebuild(_ job: QueuedJob) -> Result<[UInt8], JobError> {
    requestBody(job, seed: job.seed).flatMap { body in
      let bodyHash = SHA256.hash(body).hexString
      guard bodyHash == job.requestSHA256 else {
        let message = "rebuilt request sha256 \(bodyHash.prefix(12)) differs from the job's \(job.requestSHA256.prefix(12)); not sent"
        return .failure(.init(code: "request_mismatch", message: message))
      }
      return .success(body)
    }
  }

  /// The job's request body with `seed` (its own, or a `--enforce-locks` retry's), the local baseline re-read and checked.
  func requestBody(_ job: QueuedJob, seed: Int64) -> Result<[UInt8], JobError> {
    let baselineURL: String?
    switch job.baseline {
    case nil: baselineURL = nil
    case .url(let url)?: baselineURL = url
    case .file(let path, let sha, let mediaType)?:
      guard let bytes = try? FileSystem.readFile(path, noFollow: true) else {
        return .failure(.init(code: "baseline_missing", message: "baseline '\(path)' is missing or unreadable"))
      }
      let digest = SHA256.hash(bytes).hexString
      guard digest == sha else {
        return .failure(
          .init(code: "baseline_changed", message: "baseline '\(path)' changed since the job was queued (sha256 \(sha.prefix(12)) -> \(digest.prefix(12)))"))
      }
      baselineURL = RequestBuilder.dataURL(mediaType: mediaType, bytes: bytes)
    }
    return .success(RequestBuilder.bytes(model: job.model, parameters: job.request, prompt: job.prompt, seed: seed, baselineURL: baselineURL))
  }

  /// The files to write (shared with `generate`), refused when one would replace a file.
  func plan(_ imageBytes: [ImageBytes], job: QueuedJob, provenance: JSONValue) -> Result<[PlannedImage], JobError> {
    let planned: [PlannedImage]
    do { planned = try ImageOutputWriter.plan(imageBytes, out: job.outPath, provenance: provenance, embed: job.embedMetadata) } catch { return .failure(error) }
    if !job.overwrite, let taken = planned.first(where: { FileSystem.entryKind($0.path) != .missing }) {
      return .failure(JobError(code: "output_exists", message: "output '\(taken.path)' already exists; reprise never overwrites an image silently"))
    }
    return .success(planned)
  }

  /// Temporaries, staged record, placement without replacing, result.
  func place(_ planned: [PlannedImage], claim: ClaimedJob, record: inout JobResult, provenance: JSONValue, measures: PendingMeasures? = nil) -> Outcome {
    let job = claim.job
    var temporaries: [TemporaryFile] = []
    var digests: [String] = []
    func discardAll() { for t in temporaries { t.discard() } }
    do throws(FileSystem.Failure) {
      try FileSystem.makeDirectories((job.outPath as NSString).deletingLastPathComponent)
      for item in planned {
        if let code = Failpoint.shared.fault("image-write") { throw FileSystem.Failure(errno: code) }
        // Streamed from the decoded file; the output's sha256 is computed as it is written.
        let written = try TemporaryFile.written(item.file, beside: item.path, tag: "reprise")
        temporaries.append(written.file)
        digests.append(written.sha256)
      }
      Failpoint.shared.hit("after-image-write")
    } catch {
      discardAll()
      if JobExecutor.isStorageError(error.code) {
        return releaseForStorage(claim, "cannot write the image beside '\(job.outPath)': \(error.reason)")
      }
      return fail(claim, &record, JobError(code: "write_failed", message: "cannot write the image: \(error.reason)"))
    }
    record.images = zip(planned, digests).map { $0.saved(sha256: $1) }
    record.status = .succeeded
    record.out = planned[planned.count - 1].path
    record.finishedAt = Timestamp.now()
    record.error = nil
    // Measured from the bytes just written (started before writing them), so the staged record (and the result it becomes) holds them.
    record.measures =
      measures?.value() ?? measurer?.measure(outputAt: temporaries[temporaries.count - 1].path, job: job, palette: job.brandPalette)
    var staged = record
    staged.temporaries = temporaries.map(\.path)
    guard store.stillOwns(claim) else {
      discardAll()
      return .lost
    }
    do {
      try store.stage(claim, record: staged)
    } catch {
      discardAll()
      if JobExecutor.isStorageError(error.code) {
        return releaseForStorage(claim, "cannot write the staged record in '\(store.layout.processing)': \(error.reason)")
      }
      return fail(claim, &record, JobError(code: "write_failed", message: "cannot write the staged record: \(error.reason)"))
    }
    for (n, item) in planned.enumerated() {
      do throws(FileSystem.Failure) {
        if item.file.placement == .sidecar {
          let sidecar = ImageProvenance.sidecar(record: provenance, imageSHA256: digests[n], providerSHA256: item.providerSHA256, reason: item.file.reason)
          try FileSystem.writeAtomically(JSONWriter.pretty(sidecar), to: ImageProvenance.sidecarPath(for: item.path), step: "sidecar-write")
        }
        try temporaries[n].place(at: item.path, replacing: job.overwrite)
        Failpoint.shared.hit("after-place")
      } catch {
        discardAll()
        if JobExecutor.isStorageError(error.code) {
          return releaseForStorage(claim, "cannot put the image in place at '\(item.path)': \(error.reason)")
        }
        let reason = error.code == EEXIST
          ? "output '\(item.path)' already exists; reprise never overwrites an image silently"
          : "cannot put the image in place at '\(item.path)': \(error.reason)"
        return fail(claim, &record, JobError(code: error.code == EEXIST ? "output_exists" : "write_failed", message: reason))
      }
    }
    // `staged` is `record` plus the temporaries `stage` drops: the staged file is this record.
    return finish(claim, record: record, succeeded: true, stagedIsRecord: true)
  }

  /// The job back to `pending/` after a storage error before its outputs were placed.
  private func releaseForStorage(_ claim: ClaimedJob, _ reason: String) -> Outcome {
    store.release(claim)
    return .storageFailure(reason: reason)
  }

  private func fail(_ claim: ClaimedJob, _ record: inout JobResult, _ failure: JobError) -> Outcome {
    record.status = .failed
    record.error = failure
    record.finishedAt = Timestamp.now()
    return finish(claim, record: record, succeeded: false)
  }

  private func finish(_ claim: ClaimedJob, record: JobResult, succeeded: Bool, stagedIsRecord: Bool = false) -> Outcome {
    guard store.stillOwns(claim) else { return .lost }
    do { try store.finish(claim, record: record, succeeded: succeeded, stagedIsRecord: stagedIsRecord) } catch {
      if succeeded {
        // Outputs are in place and the staged record says so: the claim stays for recovery to
        // complete once the folder takes writes again.
        return .storageFailure(reason: "cannot write the result in '\(store.layout.results)': \(error.reason)")
      }
      store.release(claim)
      return .storageFailure(reason: "cannot write the failure record in '\(store.layout.failed)': \(error.reason)")
    }
    return .finished(record: record, succeeded: succeeded)
  }

  /// Why the job's output would land outside its `out_root`, or nil when it is safe.
  static func containmentProblem(_ job: QueuedJob) -> String? {
    guard QueuedJob.isSafeRelativePath(job.out) else { return "output '\(job.out)' is not a relative path inside out_root" }
    // An output named directly in out_root (a safe name has no `..`) has out_root itself for its
    // folder, which is inside out_root wherever links take it: nothing to resolve (realpath(3)
    // costs a readlink(2) per path component, twice per job).
    if !job.out.contains("/") {
      return FileSystem.entryKind(job.outPath) == .symlink ? "output '\(job.outPath)' is a symbolic link" : nil
    }
    guard let root = FileSystem.realPath(job.outRoot) else { return nil }  // created fresh below: nothing to escape through
    var folder = (job.outPath as NSString).deletingLastPathComponent
    while FileSystem.entryKind(folder) == .missing, folder.count > job.outRoot.count { folder = (folder as NSString).deletingLastPathComponent }
    guard let real = FileSystem.realPath(folder), PathMath.isInside(real, folder: root) else {
      return "output '\(job.outPath)' resolves outside '\(job.outRoot)' (through a symbolic link)"
    }
    if FileSystem.entryKind(job.outPath) == .symlink { return "output '\(job.outPath)' is a symbolic link" }
    return nil
  }

  /// The record as it starts: what the job file says, before anything is sent.
  func baseRecord(_ job: QueuedJob, workerID: String, started: Date) -> JobResult {
    var record = JobResult(status: .processing, jobID: job.jobID, out: job.outPath)
    record.requestID = job.requestID
    record.manifestID = job.manifestID
    record.index = job.index
    record.modelRequested = job.model
    record.startedAt = Timestamp.format(started)
    record.workerID = workerID
    record.requestSHA256 = job.requestSHA256
    record.seed = job.seed
    record.transport = job.request.transport.rawValue
    record.origin = job.origin
    record.handoffMode = handoffMode
    record.sameTurnDrainDetected = enqueuedHere.contains(job.jobID)
    record.diagnostics = job.diagnostics
    return record
  }
}
