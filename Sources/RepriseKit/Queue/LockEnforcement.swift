import Foundation

/// `--enforce-locks N`: a job whose output broke a lock it was planned with (palette drifted,
/// composition drifted) is generated again with the next seed, `(planned seed + attempt) mod 2^31`,
/// at most N more times and never past `--max-cost`. Every attempt is measured and recorded; the
/// best one (`LockAttempt.isBetter`) becomes the job's output, the others are dropped (their
/// bytes live only in memory or in unlinked temporaries, so a worker killed between attempts
/// leaves nothing behind and its job is simply sent again from its planned request). Rerun jobs
/// are never retried: a rerun replays a request.
package struct LockEnforcement: Sendable {
  /// Accepted values of `--enforce-locks`.
  package static let accepted = 0...10

  /// Retries allowed per job.
  package let retries: Int
  /// Measures each attempt (the drain's thresholds and baseline cache).
  package let measurer: OutputMeasurer
  /// `--max-cost`.
  package let maxCost: Double?
  /// What the drain's ended jobs have spent.
  package let ledger: SpendLedger

  /// Enforcement as given.
  package init(retries: Int, measurer: OutputMeasurer, maxCost: Double?, ledger: SpendLedger) {
    self.retries = retries
    self.measurer = measurer
    self.maxCost = maxCost
    self.ledger = ledger
  }

  /// The seed of attempt `attempt` (0 is the planned one).
  package static func seed(planned: Int64, attempt: Int) -> Int64 {
    let modulus: Int64 = 1 << 31
    return ((planned % modulus + Int64(attempt)) % modulus + modulus) % modulus
  }

  /// Whether `job` is held to its locks: planned with one (a brand palette, `--palette`, counts as
  /// one: its verdict is checked like the others), and not a rerun.
  package func applies(to job: QueuedJob) -> Bool {
    let locks = PlannedLocks(diagnostics: job.diagnostics)
    return retries > 0 && job.origin != "rerun" && (locks.palette || locks.composition || job.brandPalette != nil)
  }

  /// The attempt kept: its job (the seed and request hash it was sent with), its images and the
  /// record holding the kept response, the summed cost and the history.
  package struct Kept: Sendable {
    /// The job as the kept attempt sent it.
    package var job: QueuedJob
    /// The kept attempt's images (the output last).
    package var images: [ImageBytes]
    /// The record to place.
    package var record: JobResult
  }

  /// Sends further attempts while the best so far broke a lock; returns the best one.
  /// - Parameters:
  ///   - job: the job as planned.
  ///   - first: the planned request's call (succeeded with `response`).
  ///   - record: the record with `first` adopted.
  ///   - body: builds the request body for a seed (the baseline re-read and checked).
  ///   - client: sends the retries.
  ///   - responsePath: where the kept attempt's redacted response goes (`responses/<job_id>.json`).
  package func enforce(
    job: QueuedJob, first: GenerationCall, response: GenerationResponse, record: JobResult,
    body: @Sendable (Int64) -> Result<[UInt8], JobError>, client: OpenRouterClient, responsePath: String
  ) async -> Kept {
    var candidates = [await candidate(attempt: 0, seed: job.seed, request: job.requestSHA256, call: first, response: response, job: job)]
    var stop = LockEnforcementRecord.Stop.limit
    while candidates.count <= retries {
      let best = candidates.dropFirst().reduce(candidates[0]) { $1.attempt.isBetter(than: $0.attempt) ? $1 : $0 }
      if best.attempt.drifted == 0 {
        stop = .kept
        break
      }
      if Task.isCancelled {
        stop = .interrupted
        break
      }
      let spentHere = candidates.reduce(0) { $0 + $1.attempt.cost }
      if let cap = maxCost {
        let next = candidates.map(\.attempt.cost).max() ?? 0
        if ledger.spent + spentHere + next > cap {
          stop = .maxCost
          break
        }
      }
      // Between two attempts nothing is stored: a worker killed here leaves its claim, and the
      // job is sent again from its planned request.
      Failpoint.shared.hit("between-lock-attempts")
      let n = candidates.count
      let seed = LockEnforcement.seed(planned: job.seed, attempt: n)
      let bytes: [UInt8]
      switch body(seed) {
      case .failure(let failure):
        candidates.append(Candidate(failed: n, seed: seed, request: "", note: failure.message))
        stop = .requestFailed
      case .success(let b):
        bytes = b
        let request = SHA256.hash(bytes).hexString
        let call = await client.generate(body: bytes, transport: job.request.transport, keepResponse: true)
        switch call.result {
        case .failure(let error):
          var failed = Candidate(failed: n, seed: seed, request: request, note: error.description)
          failed.httpAttempts = call.attempts
          candidates.append(failed)
          stop = Task.isCancelled ? .interrupted : .requestFailed
        case .success(let r):
          candidates.append(await candidate(attempt: n, seed: seed, request: request, call: call, response: r, job: job))
          continue
        }
      }
      break
    }
    let keptIndex = candidates.indices.dropFirst().reduce(0) { candidates[$1].attempt.isBetter(than: candidates[$0].attempt) ? $1 : $0 }
    candidates[keptIndex].attempt.kept = true
    let kept = candidates[keptIndex]
    var out = record
    if let keptResponse = kept.response { out.adopt(keptResponse) }
    let responses = candidates.compactMap(\.response)
    out.cost = responses.reduce(0.0) { $0 + ($1.totalCost ?? 0) }
    out.costOpenRouter = responses.contains { $0.cost != nil } ? responses.reduce(0.0) { $0 + ($1.cost ?? 0) } : nil
    let upstream = responses.filter { $0.isBYOK == true }.compactMap(\.upstreamCost)
    out.costUpstream = upstream.isEmpty ? nil : upstream.reduce(0, +)
    let tokens = responses.compactMap(\.imageTokens)
    out.imageTokens = tokens.isEmpty ? nil : tokens.reduce(0, +)
    out.attempts = candidates.reduce(0) { $0 + $1.httpAttempts }
    out.latencyMS = kept.latencyMS ?? out.latencyMS
    out.seed = kept.attempt.seed
    out.requestSHA256 = kept.attempt.requestSHA256
    out.lockEnforcement = LockEnforcementRecord(retriesAllowed: retries, stopped: stop, attempts: candidates.map(\.attempt))
    if keptIndex > 0, let redacted = kept.redacted,
      (try? FileSystem.writeAtomically(JSONWriter.pretty(redacted), to: responsePath, step: "response-write", durable: false)) != nil
    {
      out.responsePath = responsePath
    }
    let keptJob = keptIndex == 0 ? job : LockEnforcement.job(job, seed: kept.attempt.seed, requestSHA256: kept.attempt.requestSHA256)
    return Kept(job: keptJob, images: kept.images, record: out)
  }

  /// One attempt with what is needed to keep it.
  private struct Candidate: Sendable {
    var attempt: LockAttempt
    var images: [ImageBytes] = []
    var response: GenerationResponse?
    var redacted: JSONValue?
    var latencyMS: Int?
    var httpAttempts = 0

    init(attempt: LockAttempt) { self.attempt = attempt }

    init(failed n: Int, seed: Int64, request: String, note: String) {
      attempt = LockAttempt(
        attempt: n, seed: seed, requestSHA256: request, providerSHA256: nil, generationID: nil, cost: 0, verdicts: [], note: note, kept: false)
    }
  }

  private func candidate(attempt n: Int, seed: Int64, request: String, call: GenerationCall, response: GenerationResponse, job: QueuedJob) async
    -> Candidate
  {
    // Decoding blocks: off the cooperative pool.
    let output = call.imageBytes.last
    let measures = await BlockingWork.run { self.measure(output, job: job) }
    var c = Candidate(
      attempt: LockAttempt(
        attempt: n, seed: seed, requestSHA256: request, providerSHA256: call.imageBytes.last?.sha256, generationID: response.generationID,
        cost: response.totalCost ?? 0, verdicts: measures.locks, note: measures.notMeasured, kept: false))
    c.images = call.imageBytes
    c.response = response
    c.redacted = call.redactedResponse
    c.latencyMS = call.latencyMS
    c.httpAttempts = call.attempts
    return c
  }

  /// The measures of an attempt's output, as the drain measures a stored output.
  private func measure(_ image: ImageBytes?, job: QueuedJob) -> ImageMeasures {
    guard let image else { return ImageMeasures(notMeasured: "no image") }
    guard image.count <= OutputMeasurer.maxBytes, let bytes = try? image.contents() else { return ImageMeasures(notMeasured: "output cannot be read") }
    var baseline: BaselineFeatures?
    if case .file(let path, let sha, _)? = job.baseline { baseline = measurer.baselines.features(path: path, sha256: sha) }
    let locks = PlannedLocks(diagnostics: job.diagnostics)
    return ImageMeasurer.measure(bytes: bytes, baseline: baseline, palette: job.brandPalette, locks: locks, thresholds: measurer.thresholds)
  }

  /// `job` as sent with another seed (same id, output and everything else).
  static func job(_ job: QueuedJob, seed: Int64, requestSHA256: String) -> QueuedJob {
    var copy = QueuedJob(
      jobID: job.jobID, requestID: job.requestID, manifestID: job.manifestID, index: job.index, model: job.model, request: job.request, prompt: job.prompt,
      seed: seed, baseline: job.baseline, requestSHA256: requestSHA256, outRoot: job.outRoot, out: job.out, overwrite: job.overwrite,
      diagnostics: job.diagnostics, origin: job.origin)
    copy.embedMetadata = job.embedMetadata
    return copy
  }
}
