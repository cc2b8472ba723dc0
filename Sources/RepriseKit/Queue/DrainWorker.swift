import Foundation

/// Drains a queue: claims pending jobs with up to `concurrency` requests in flight, keeps taking
/// new ones until none are left, heartbeats its claims, and exits only after a final check made
/// under the handoff lock (so a job queued at the worker cap is never stranded).
package struct DrainWorker: Sendable {
  /// The queue.
  package let store: QueueStore
  /// Sends the requests.
  package let client: OpenRouterClient
  /// How to drain.
  package let options: DrainOptions

  /// A worker as given.
  package init(store: QueueStore, client: OpenRouterClient, options: DrainOptions) {
    self.store = store
    self.client = client
    self.options = options
  }

  private enum Child: Sendable {
    case job(ClaimedJob, JobExecutor.Outcome)
    /// A job will send no more requests (its output may still be being written).
    case requestsDone
    case stopDeadline
  }

  /// Runs until nothing matching is pending, `maxJobs` were claimed, or a stop is asked for.
  /// The worker lock is released on return.
  package func run(lock: WorkerLock, control: DrainControl, events: @escaping @Sendable (DrainEvent) -> Void) async -> DrainSummary {
    // Freed image buffers go back to the system at once, whichever thread frees them.
    Platform.allocateLargeBlocksFromTheSystem(atLeast: 1_048_576)
    let spares = SpareFiles()
    defer { spares.removeAll() }
    var store = self.store
    store.spares = spares
    let measurer = OutputMeasurer(thresholds: options.measureThresholds)
    var configured = JobExecutor(
      store: store, client: client, handoffMode: options.handoffMode, enqueuedHere: options.enqueuedHere,
      measurer: options.measureOutputs ? measurer : nil)
    let spend = SpendLedger()
    if options.enforceLocks > 0 {
      configured.lockEnforcement = LockEnforcement(retries: options.enforceLocks, measurer: measurer, maxCost: options.maxCost, ledger: spend)
    }
    let executor = configured
    let inFlight = ClaimRegistry()
    let heartbeat = Task.detached { [store, options] in
      while !Task.isCancelled {
        try? await Task.sleep(nanoseconds: UInt64(options.heartbeatInterval * 1_000_000_000))
        for path in inFlight.paths() { store.touch(path) }
      }
    }
    defer { heartbeat.cancel() }

    var summary = DrainSummary()
    let recovery = await BlockingWork.run { [store, options] in store.recoverOrphans(orphanTimeout: options.orphanTimeout) }
    if !recovery.requeued.isEmpty || !recovery.completed.isEmpty { events(.recovered(recovery)) }

    await withTaskGroup(of: Child.self) { group in
      // `requesting`: jobs that may still send a request (at most --concurrency); `running`: jobs
      // not finished, including those whose outputs are being measured and written, so the next
      // request goes out while the last output is flushed. At most 2 x --concurrency - 1 jobs
      // run, so writing never falls behind without bound and `--concurrency 1` stays strictly
      // one job after another (claim, send, write, then the next claim).
      var requesting = 0
      var running = 0
      var claimed = 0
      var watcherAdded = false
      var done = false

      // The largest price seen so far (or the cached estimate) is reserved for every request in
      // flight, so concurrency never takes the spend past --max-cost by more than one job.
      var priceEstimate = options.costEstimatePerJob

      func claimable() -> Bool {
        if control.isStopping || summary.costCapReached || summary.storageFailure != nil { return false }
        if let maxJobs = options.maxJobs, claimed >= maxJobs { return false }
        if let cap = options.maxCost {
          guard let estimate = priceEstimate else { return running == 0 && summary.cost < cap }
          return summary.cost + Double(running) * estimate < cap
        }
        return true
      }

      // Claims come from one listing of pending/, listed again only when it runs dry (not once
      // per claim, which made a drain O(N^2) in directory entries read).
      let pendingIndex = PendingIndex()
      func fill() {
        while requesting < options.concurrency, running < 2 * options.concurrency - 1, claimable() {
          guard let claim = store.claimNext(workerID: lock.id, requestID: options.requestID, jobIDs: options.jobIDs, index: pendingIndex) else { return }
          switch claim {
          case .malformed(let jobID, let reason):
            summary.failed += 1
            events(.malformed(jobID: jobID, reason: reason))
          case .storageFailure(let reason):
            summary.storageFailure = reason
            events(.storageFailure(reason: reason))
            return
          case .job(let claimedJob):
            claimed += 1
            running += 1
            requesting += 1
            inFlight.add(claimedJob.path)
            events(.started(jobID: claimedJob.job.jobID))
            let requests = RequestGate()
            group.addTask { .job(claimedJob, await executor.run(claimedJob, requests: requests)) }
            group.addTask {
              await requests.wait()
              return .requestsDone
            }
          }
        }
      }

      while !done {
        fill()
        if running == 0, requesting == 0 {
          // Nothing in flight and nothing claimable: recover orphans, then make the final check
          // under the handoff lock and release the worker lock there.
          let mayClaim = claimable()
          if mayClaim {
            let late = await BlockingWork.run { [store, options] in store.recoverOrphans(orphanTimeout: options.orphanTimeout) }
            if !late.requeued.isEmpty || !late.completed.isEmpty { events(.recovered(late)) }
          }
          // Waiting for the handoff lock blocks: it happens off the cooperative pool.
          let finished = await BlockingWork.run { [store, options] in
            WorkerLock.withHandoffLock(store.layout) { () -> Bool in
              // A fresh listing, not the index: a job queued at any moment before is seen.
              let more = mayClaim && store.claimNext(workerID: lock.id, requestID: options.requestID, jobIDs: options.jobIDs).map { claim -> Bool in
                // Put it straight back; the loop claims it properly.
                if case .job(let c) = claim { store.release(c) }
                return true
              } ?? false
              if !more { lock.release() }
              return !more
            }
          }
          if finished {
            done = true
            group.cancelAll()
            break
          }
          continue
        }
        if !watcherAdded {
          // One watcher: when a stop is asked for, wait the grace period, then cancel what is
          // still in flight (those jobs go back to pending/).
          watcherAdded = true
          group.addTask {
            await control.waitForStop()
            if Task.isCancelled { return .stopDeadline }
            try? await Task.sleep(nanoseconds: UInt64(control.grace * 1_000_000_000))
            return .stopDeadline
          }
        }
        guard let child = await group.next() else { break }
        switch child {
        case .requestsDone:
          requesting -= 1
        case .stopDeadline:
          if control.isStopping {
            summary.interrupted = true
            group.cancelAll()
          }
        case .job(let claim, let outcome):
          if control.isStopping { summary.interrupted = true }
          running -= 1
          inFlight.remove(claim.path)
          switch outcome {
          case .finished(let record, let succeeded):
            summary.records.append(record)
            if succeeded { summary.succeeded += 1 } else { summary.failed += 1 }
            let price = record.cost ?? 0
            summary.cost += price
            spend.add(price)
            if price > (priceEstimate ?? 0) { priceEstimate = price }
            events(.finished(jobID: claim.job.jobID, record: record, succeeded: succeeded))
            await CompletionHookRunner(layout: store.layout, environment: options.hookEnvironment).jobEnded(requestID: record.requestID)
            if let cap = options.maxCost, summary.cost >= cap, !summary.costCapReached {
              summary.costCapReached = true
              events(.costCapReached(spent: summary.cost))
            }
          case .returned:
            summary.returned += 1
            events(.returned(jobID: claim.job.jobID))
          case .storageFailure(let reason):
            summary.returned += 1
            if summary.storageFailure == nil {
              summary.storageFailure = reason
              events(.storageFailure(reason: reason))
            }
          case .lost:
            break
          }
        }
      }
    }
    return summary
  }
}

/// The processing files of in-flight claims, for the heartbeat.
final class ClaimRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var set: Set<String> = []
  func add(_ path: String) { lock.lock(); set.insert(path); lock.unlock() }
  func remove(_ path: String) { lock.lock(); set.remove(path); lock.unlock() }
  func paths() -> [String] { lock.lock(); defer { lock.unlock() }; return Array(set) }
}
