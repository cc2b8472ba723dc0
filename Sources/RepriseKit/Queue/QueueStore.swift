import Foundation

/// Moves job files between queue states. Every move is one `rename(2)` in the same file system and
/// every write is atomic, so a crash at any point leaves each job in exactly one state.
///
/// The order of a job's end, and what recovery makes of a crash between any two steps:
/// 1. claim (`pending/` -> `processing/<id>@<worker>.json`) — a dead claim goes back to pending;
/// 2. image temporaries beside the outputs (locked, named with the writer's pid) — removed;
/// 3. staged record `processing/<id>@<worker>.staged.json` (the result record, flushed) —
///    temporaries beside the job's outputs removed;
/// 4. outputs linked into place — the staged record becomes the result;
/// 5. the staged record renamed to `results/<id>.json` — the claim is removed, the result kept
///    (never turned into a failure);
/// 6. claim removed, or, in a drain, kept as a spare (`SpareFiles`) that a later job's staged
///    record is written into — a spare left by a dead drain is an abandoned temporary.
///
/// Which flush serves which promise (two fsyncs per job):
/// - step 2, each image temporary: flushed before step 4 links it into place, so a placed image
///   is never empty or partial after a power cut;
/// - step 3, the staged record: flushed before step 4, so a placed image always has the record
///   that says whose it is (without it recovery would send the job back to `pending/`, and the
///   resend would fail with `output_exists`); step 5 is a rename of those flushed bytes and needs
///   no flush of its own;
/// - the response copy (`responses/`) is not flushed: no promise rests on it (recovery never reads
///   it) and its rename keeps it whole or absent;
/// - at enqueue, job files are flushed a chunk at a time (syncfs) and `pending/` once, before
///   the jobs are reported queued.
/// Nothing else is flushed; the response spool and image spools have no name and no promise.
package struct QueueStore: Sendable {
  /// The folders.
  package let layout: QueueLayout

  /// Finished claims kept to write staged records into (a drain's; nil elsewhere: claims are removed).
  package var spares: SpareFiles?

  /// A store over `layout`.
  package init(layout: QueueLayout, spares: SpareFiles? = nil) {
    self.layout = layout
    self.spares = spares
  }

  /// What `enqueue` did.
  package enum EnqueueOutcome: Sendable, Equatable {
    /// Written to `pending/`.
    case queued
    /// Already pending or being processed: left alone.
    case alreadyQueued
    /// Already succeeded and its output exists: not queued again.
    case alreadySucceeded
  }

  /// Writes a job to `pending/` unless the same job id is pending, in progress or done.
  package func enqueue(_ job: QueuedJob) throws(RepriseError) -> EnqueueOutcome {
    try enqueue([job])[0]
  }

  /// Writes each job to `pending/` unless its job id is pending, in progress or done (or came
  /// earlier in `jobs`), in order; one outcome per job. `pending/`, `processing/` and `results/`
  /// are listed once for the whole batch instead of being looked up (and `processing/` listed)
  /// for every job; a job found in `results/` has its record read to see whether it succeeded
  /// with its output in place. A job that another process queues, claims and finishes between the
  /// listing and this write is queued again, as it was between the per-job checks and the write
  /// before: the worker that claims the copy finds the success record and sends nothing.
  /// - Throws: `RepriseError` when a job file cannot be written (jobs before it stay queued).
  package func enqueue(_ jobs: [QueuedJob]) throws(RepriseError) -> [EnqueueOutcome] {
    let pending = Set(layout.jobIDs(in: layout.pending))
    let processing = Set(processingEntries().map(\.jobID))
    let results = Set(layout.jobIDs(in: layout.results))
    var seen = Set<String>()
    var outcomes: [EnqueueOutcome] = []
    outcomes.reserveCapacity(jobs.count)
    var written: [(at: Int, jobID: String, file: TemporaryFile)] = []
    // Job files are written to temporaries a chunk at a time, flushed together, then renamed into
    // place: every temporary is on disk before it is placed, as every write promises, but with
    // one flush of the file system per chunk (syncfs on Linux: one journal commit) instead of one
    // fsync, and so one journal commit, per job. Chunks bound the descriptors held open.
    func placeWritten() throws(RepriseError) {
      defer { for item in written { item.file.discard() } }
      do { try TemporaryFile.flushAll(written.map(\.file)) } catch {
        throw .badInput("cannot write jobs to '\(layout.pending)': \(error.reason)")
      }
      while !written.isEmpty {
        let item = written.removeFirst()
        Failpoint.shared.hit("during-job-write")
        do { try item.file.place(at: layout.file(layout.pending, item.jobID), replacing: true) } catch {
          item.file.discard()
          throw .badInput("cannot write job '\(item.jobID)' to '\(layout.pending)': \(error.reason)")
        }
        Failpoint.shared.hit("after-enqueue")
        outcomes[item.at] = .queued
      }
    }
    for job in jobs {
      if pending.contains(job.jobID) || processing.contains(job.jobID) || !seen.insert(job.jobID).inserted {
        outcomes.append(.alreadyQueued)
        continue
      }
      if results.contains(job.jobID), let result = result(of: job.jobID), result.status == .succeeded, FileSystem.entryKind(result.out) == .file {
        outcomes.append(.alreadySucceeded)
        continue
      }
      outcomes.append(.queued)
      do throws(FileSystem.Failure) {
        if let code = Failpoint.shared.fault("job-write") { throw FileSystem.Failure(errno: code) }
        let bytes = Array(JSONWriter.pretty(job.json(storedIn: layout.pending)).utf8)
        let file = try FileSystem.writeTemporary(parts: [bytes[...]], beside: layout.file(layout.pending, job.jobID), tag: nil, flush: false)
        written.append((outcomes.count - 1, job.jobID, file))
      } catch {
        for item in written { item.file.discard() }
        throw .badInput("cannot write job '\(job.jobID)' to '\(layout.pending)': \(error.reason)")
      }
      if written.count == QueueStore.enqueueChunk { try placeWritten() }
    }
    try placeWritten()
    // The names are durable before enqueue returns, not only the contents.
    if outcomes.contains(.queued) {
      do { try Platform.flushFolder(layout.pending) } catch {
        throw .badInput("cannot write jobs to '\(layout.pending)': \(error.reason)")
      }
    }
    return outcomes
  }

  /// Job files written before they are flushed and placed together.
  static let enqueueChunk = 256

  /// Every file in `processing/`, sorted.
  package func processingEntries() -> [ProcessingEntry] {
    ((try? FileManager.default.contentsOfDirectory(atPath: layout.processing)) ?? []).sorted().compactMap(ProcessingEntry.init(fileName:))
  }

  /// A claim attempt's outcome.
  package enum Claim: Sendable {
    /// Claimed.
    case job(ClaimedJob)
    /// The file is not a valid job; it was moved to `failed/` with the reason.
    case malformed(jobID: String, reason: String)
    /// The queue folder cannot be changed (permissions, read-only or full disk): stop claiming.
    case storageFailure(reason: String)
  }

  /// Claims the next pending job (sorted by job id) by renaming it to
  /// `processing/<job_id>@<worker>.json`. With `requestID` or `jobIDs`, reads before claiming and
  /// never moves other jobs. Returns nil when nothing matching is pending.
  ///
  /// Without `index`, `pending/` is listed for this claim. With one, the claim takes the next id
  /// of the index, which lists `pending/` only when it runs dry: a drain lists it about once,
  /// not once per job. Ids another worker took meanwhile are skipped (their file is gone), and
  /// jobs queued after the listing are found when the index runs dry (and by the final check a
  /// drain makes without an index).
  package func claimNext(workerID: String, requestID: String?, jobIDs: Set<String>?, skipping: Set<String> = [], index: PendingIndex? = nil) -> Claim? {
    guard let index else {
      for jobID in layout.jobIDs(in: layout.pending) {
        if let claim = claim(jobID, workerID: workerID, requestID: requestID, jobIDs: jobIDs, skipping: skipping) { return claim }
      }
      return nil
    }
    var listed = false
    while true {
      guard let jobID = index.next() else {
        if listed { return nil }
        index.refill(layout.jobIDs(in: layout.pending))
        listed = true
        continue
      }
      if let claim = claim(jobID, workerID: workerID, requestID: requestID, jobIDs: jobIDs, skipping: skipping) { return claim }
    }
  }

  /// Claims `jobID` if it is still pending and matches; nil to go on with the next one.
  private func claim(_ jobID: String, workerID: String, requestID: String?, jobIDs: Set<String>?, skipping: Set<String>) -> Claim? {
    if skipping.contains(jobID) { return nil }
    if let jobIDs, !jobIDs.contains(jobID) { return nil }
    let pendingPath = layout.file(layout.pending, jobID)
    var parsed: QueuedJob?
    var problem: String?
    do {
      let bytes = try FileSystem.readFile(pendingPath, limit: 64 * 1_048_576, noFollow: true)
      let value = try JSONParser().parse(bytes)
      parsed = try QueuedJob(reading: value, storedIn: layout.pending)
      if parsed?.jobID != jobID { problem = "job_id '\(parsed?.jobID ?? "")' does not match its file name" }
    } catch let error as FileSystem.Failure {
      if error.code == ENOENT { return nil }  // taken by another worker
      if error.code == EACCES || error.code == EPERM { return .storageFailure(reason: "cannot read '\(pendingPath)': \(error.reason)") }
      problem = "cannot read job file: \(error.reason)"
    } catch let error as JSONParser.Failure {
      problem = "not valid JSON: \(error.description)"
    } catch {
      problem = PlainReason.of(error)
    }
    if let requestID, parsed?.requestID != requestID { return nil }
    let claimedPath = layout.processing + "/\(jobID)@\(workerID).json"
    if let code = Failpoint.shared.fault("claim") { return .storageFailure(reason: "cannot claim '\(jobID)': \(Platform.errorMessage(code))") }
    guard rename(pendingPath, claimedPath) == 0 else {
      let code = errno
      if code == ENOENT { return nil }  // lost the race: another worker claimed it
      return .storageFailure(reason: "cannot claim '\(jobID)' (rename into \(layout.processing)): \(Platform.errorMessage(code))")
    }
    Failpoint.shared.hit("after-claim")
    if let problem {
      failMalformed(jobID: jobID, claimedPath: claimedPath, reason: problem)
      return .malformed(jobID: jobID, reason: problem)
    }
    touch(claimedPath)
    return .job(ClaimedJob(job: parsed!, workerID: workerID, path: claimedPath))
  }

  /// Moves a malformed job file to `failed/<id>.job-file` and writes `failed/<id>.json` saying why.
  func failMalformed(jobID: String, claimedPath: String, reason: String) {
    let kept = layout.failed + "/" + jobID + ".job-file"
    rename(claimedPath, kept)
    var record = JobResult(status: .failed, jobID: jobID, out: "")
    record.error = JobError(code: "malformed_job", message: "malformed job file: \(reason)", errorType: "malformed_job")
    record.jobFile = kept
    record.finishedAt = Timestamp.now()
    try? writeRecord(record, to: layout.file(layout.failed, jobID), step: "failure-write")
  }

  /// Refreshes a claim's heartbeat (the processing file's modification time).
  package func touch(_ path: String) {
    Platform.touch(path)
  }

  /// Puts a claimed job back in `pending/` (Ctrl-C, lost request, full disk). False if the claim is gone.
  @discardableResult
  package func release(_ claim: ClaimedJob) -> Bool {
    unlink(stagedPath(claim))
    return rename(claim.path, layout.file(layout.pending, claim.job.jobID)) == 0
  }

  /// True while the claim's processing file still exists (it was not recovered by another drain).
  package func stillOwns(_ claim: ClaimedJob) -> Bool { FileSystem.entryKind(claim.path) == .file }

  func stagedPath(_ claim: ClaimedJob) -> String {
    let entry = ProcessingEntry(fileName: (claim.path as NSString).lastPathComponent)!
    return layout.processing + "/" + entry.stagedFileName
  }

  /// Writes the staged result: the record to keep once outputs are in place. It is written as the
  /// final record will be (without `temporaries`: recovery finds a dead writer's temporaries by
  /// scanning the job's output folder, where they all are), so that `finish` can make it the
  /// result by renaming it instead of writing and flushing the same bytes a second time.
  package func stage(_ claim: ClaimedJob, record: JobResult) throws(FileSystem.Failure) {
    var record = record
    record.temporaries = []
    try writeRecord(record, to: stagedPath(claim), step: "stage-write", spare: spares?.take())
    Failpoint.shared.hit("after-stage")
  }

  /// Writes the job's final record to `results/` or `failed/` and removes its processing files.
  /// Writing the record first means a crash in between leaves a finished job, never a lost one.
  /// A failure never removes a success record: a job that succeeded once stays succeeded.
  ///
  /// A success whose staged record holds exactly the record's bytes (the usual case: `stage`
  /// wrote it, flushed, moments ago) becomes the result by a rename of the staged file: the
  /// record is on disk before the claim is removed either way, with one fsync per job fewer.
  ///
  /// - Parameter stagedIsRecord: the caller staged this very record (`stage` with `record`, plus
  ///   temporaries it drops) under its live claim, so the staged file holds the record's bytes
  ///   without reading it back and serialising the record again to compare.
  package func finish(_ claim: ClaimedJob, record: JobResult, succeeded: Bool, stagedIsRecord: Bool = false) throws(FileSystem.Failure) {
    if succeeded {
      let resultPath = layout.file(layout.results, claim.job.jobID)
      if !promoteStaged(claim, record: record, to: resultPath, known: stagedIsRecord) {
        try writeRecord(record, to: resultPath, step: "result-write")
      }
      Failpoint.shared.hit("after-result-write")
      unlink(layout.file(layout.failed, claim.job.jobID))
    } else {
      try writeRecord(record, to: layout.file(layout.failed, claim.job.jobID), step: "failure-write")
      Failpoint.shared.hit("after-failure-write")
    }
    unlink(stagedPath(claim))
    Failpoint.shared.hit("after-staged-remove")
    if let spares { spares.retire(claim.path) } else { unlink(claim.path) }
  }

  /// Renames the staged record to `resultPath` when it holds `record` byte for byte (paths are
  /// relative to the record's folder, and `processing/` and `results/` are siblings, so the
  /// bytes are the same in both). False, having changed nothing, when it does not or cannot, or
  /// when a `result-write` fault is injected (the write that follows reports it).
  private func promoteStaged(_ claim: ClaimedJob, record: JobResult, to resultPath: String, known: Bool) -> Bool {
    if Failpoint.shared.fault("result-write") != nil { return false }  // writeRecord reports it
    let staged = stagedPath(claim)
    guard FileSystem.entryKind(resultPath) != .symlink else { return false }
    if !known {
      guard let bytes = try? FileSystem.readFile(staged, limit: 16 * 1_048_576, noFollow: true),
        bytes.elementsEqual(JSONWriter.pretty(RecordPaths.relativize(record.json, folder: layout.results)).utf8)
      else { return false }
    }
    Failpoint.shared.hit("during-result-write")
    return rename(staged, resultPath) == 0
  }

  /// Writes a record atomically with its paths relative to the record's folder.
  func writeRecord(_ record: JobResult, to path: String, step: String, spare: String? = nil) throws(FileSystem.Failure) {
    let folder = (path as NSString).deletingLastPathComponent
    try FileSystem.writeAtomically(JSONWriter.pretty(RecordPaths.relativize(record.json, folder: folder)), to: path, step: step, spare: spare)
  }

  /// A job's success record (`results/`), typed; nil when it has none.
  package func succeededResult(of jobID: String) -> JobResult? {
    readResult(jobID).flatMap(JobResult.init(reading:)).flatMap { $0.status == .succeeded ? $0 : nil }
  }

  /// A job's failure record (`failed/`), typed; nil when it has none.
  package func failureRecord(of jobID: String) -> JobResult? {
    readFailure(jobID).flatMap(JobResult.init(reading:))
  }

  /// A job's record in `results/` (succeeded), else in `failed/`, typed; nil when it has none.
  package func result(of jobID: String) -> JobResult? {
    readResult(jobID).flatMap(JobResult.init(reading:)) ?? readFailure(jobID).flatMap(JobResult.init(reading:))
  }

  /// A job's result record, if any (paths absolute).
  func readResult(_ jobID: String) -> JSONValue? { readRecord(layout.file(layout.results, jobID)) }

  /// A job's failure record, if any (paths absolute).
  func readFailure(_ jobID: String) -> JSONValue? { readRecord(layout.file(layout.failed, jobID)) }

  /// The records at `paths` (nil for one that does not read), read and parsed on every core, in
  /// order: for reports over many records, where parsing costs more than finding them.
  /// - Parameter members: only these top-level members are built (`JSONParser`'s fast path); nil
  ///   for the whole record.
  package func readRecords(_ paths: [String], members: Set<String>? = nil) -> [JSONValue?] {
    let slots = RecordSlots(count: paths.count)
    let chunks = min(paths.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var n = chunk
      while n < paths.count {
        slots.set(n, readRecord(paths[n], members: members))
        n += chunks
      }
    }
    return slots.values
  }

  /// The members of a record a status report reads (state, output, cost, failure, request, the
  /// output's measures and any --enforce-locks attempts).
  package static let statusMembers: Set<String> = ["status", "job_id", "out", "request_id", "cost", "error", "measures", "lock_enforcement"]

  /// A record with its paths resolved against its folder (only `members` of it, when given).
  func readRecord(_ path: String, members: Set<String>? = nil) -> JSONValue? {
    guard let bytes = try? FileSystem.readFile(path, limit: 16 * 1_048_576, noFollow: true),
      let value = try? bytes.withUnsafeBufferPointer({ buffer in
        try members.map { try JSONParser().parse(buffer: buffer, keepingTopLevel: $0) } ?? JSONParser().parse(buffer: buffer)
      })
    else { return nil }
    return RecordPaths.resolve(value, folder: (path as NSString).deletingLastPathComponent)
  }

  /// What orphan recovery did.
  package struct Recovery: Sendable, Equatable {
    /// Jobs put back in `pending/`.
    package var requeued: [String] = []
    /// Jobs whose outputs were already in place: their results were written (or kept).
    package var completed: [String] = []
    /// Abandoned temporaries removed.
    package var temporariesRemoved = 0
  }

  /// Recovers jobs whose worker is gone (its lock is free) or whose heartbeat is older than
  /// `orphanTimeout`: a job that already has a success record with its outputs in place keeps it;
  /// a job whose outputs were put in place gets its staged result; any other goes back to
  /// `pending/`. Abandoned temporaries in the queue folders and beside those jobs' outputs are
  /// removed. Never kills anything.
  package func recoverOrphans(orphanTimeout: TimeInterval, now: Date = Date()) -> Recovery {
    var recovery = Recovery()
    var liveness: [String: Bool] = [:]
    var outputFolders = Set<String>()
    for entry in processingEntries() {
      let path = layout.processing + "/" + entry.fileName
      let alive = liveness[entry.workerID] ?? WorkerLock.isAlive(layout, id: entry.workerID)
      liveness[entry.workerID] = alive
      var st = stat()
      guard lstat(path, &st) == 0 else { continue }
      let age = now.timeIntervalSince1970 - Double(Platform.modificationTime(st))
      if alive && age < orphanTimeout { continue }
      let stagedPath = layout.processing + "/" + entry.stagedFileName
      let staged = readRecord(stagedPath).flatMap(JobResult.init(reading:))
      if let job = readJob(path) { outputFolders.insert((job.outPath as NSString).deletingLastPathComponent) }
      // Finished before the crash: the success record is the truth; only the claim is left.
      if let result = readResult(entry.jobID).flatMap(JobResult.init(reading:)), result.status == .succeeded, QueueStore.outputsInPlace(result) {
        unlink(stagedPath)
        unlink(path)
        recovery.completed.append(entry.jobID)
        continue
      }
      // Outputs placed, result not yet written: the staged record becomes the result.
      if var record = staged, QueueStore.outputsInPlace(record) {
        record.recovered = true
        record.temporaries = []
        if (try? writeRecord(record, to: layout.file(layout.results, entry.jobID), step: "result-write")) != nil {
          unlink(layout.file(layout.failed, entry.jobID))
          unlink(stagedPath)
          unlink(path)
          recovery.completed.append(entry.jobID)
        }
        continue
      }
      if let staged { QueueStore.removeTemporaries(staged) }
      unlink(stagedPath)
      let pendingPath = layout.file(layout.pending, entry.jobID)
      if FileSystem.entryKind(pendingPath) == .missing, rename(path, pendingPath) == 0 {
        recovery.requeued.append(entry.jobID)
      }
    }
    for folder in layout.folders + outputFolders.sorted() {
      recovery.temporariesRemoved += FileSystem.removeAbandonedTemporaries(in: folder, now: now).count
    }
    return recovery
  }

  /// The job a processing file holds, if it reads.
  func readJob(_ path: String) -> QueuedJob? {
    guard let bytes = try? FileSystem.readFile(path, limit: 64 * 1_048_576, noFollow: true), let value = try? JSONParser().parse(bytes) else { return nil }
    return try? QueuedJob(reading: value, storedIn: (path as NSString).deletingLastPathComponent)
  }

  /// True when every image a record names exists with the recorded sha256.
  static func outputsInPlace(_ record: JobResult) -> Bool {
    guard !record.images.isEmpty else { return false }
    for image in record.images {
      guard let bytes = try? FileSystem.readFile(image.path, noFollow: true),
        SHA256.hash(bytes, engine: Platform.sha256Engine).hexString == image.sha256
      else { return false }
    }
    return true
  }

  /// Removes temporary image files a staged record names.
  static func removeTemporaries(_ staged: JobResult) {
    for path in staged.temporaries { unlink(path) }
  }

  /// True when the queue holds any file for `jobID` (pending, claimed, result or failure).
  package func hasRecord(of jobID: String) -> Bool {
    FileSystem.entryKind(layout.file(layout.pending, jobID)) != .missing || FileSystem.entryKind(layout.file(layout.results, jobID)) != .missing
      || FileSystem.entryKind(layout.file(layout.failed, jobID)) != .missing || processingEntries().contains { $0.jobID == jobID }
  }

  /// Counts per state, for `status`.
  package func counts() -> (pending: Int, processing: Int, succeeded: Int, failed: Int) {
    (layout.jobIDs(in: layout.pending).count, processingEntries().count, layout.jobIDs(in: layout.results).count, layout.jobIDs(in: layout.failed).count)
  }
}
