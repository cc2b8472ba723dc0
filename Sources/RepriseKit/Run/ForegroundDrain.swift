/// Drains a queue in this process: takes (or adopts) the worker lock, runs a `DrainWorker` and
/// returns its summary, reporting `drainStarted`, every drain event and `drainEnded` on the way.
package struct ForegroundDrain: Sendable {
  /// The queue.
  package let layout: QueueLayout
  /// Sends the requests.
  package let client: OpenRouterClient
  /// How to drain.
  package let options: DrainOptions
  /// The environment (a worker lock handed down by a parent is adopted from it).
  package let environment: [String: String]

  /// A drain as given.
  package init(layout: QueueLayout, client: OpenRouterClient, options: DrainOptions, environment: [String: String]) {
    self.layout = layout
    self.client = client
    self.options = options
    self.environment = environment
  }

  /// Runs until nothing matching is left or `control` asks for a stop.
  /// - Parameters:
  ///   - total: the job count progress starts from.
  ///   - control: where a stop request (Ctrl-C) comes in.
  ///   - events: progress, in order.
  /// - Throws: `RepriseError` when the worker lock cannot be taken (nothing ran then).
  package func run(total: Int, control: DrainControl, events: @escaping @Sendable (RunEvent) -> Void) async throws(RepriseError) -> DrainSummary {
    let lock = try WorkerLock.adoptOrAcquire(layout, environment: environment)
    events(.drainStarted(total: total))
    var options = options
    if options.hookEnvironment == nil { options.hookEnvironment = environment }
    if environment["REPRISE_MEASURES"] == "off" { options.measureOutputs = false }
    let worker = DrainWorker(store: QueueStore(layout: layout), client: client, options: options)
    let summary = await worker.run(lock: lock, control: control, events: { events(.drain($0)) })
    // Hooks no job end fired: jobs a recovery completed, requests that had ended before their
    // hand-off, and hooks whose firer died before starting them.
    await CompletionHookRunner(layout: layout, environment: options.hookEnvironment).sweep()
    events(.drainEnded(summary, layout: layout))
    return summary
  }
}
