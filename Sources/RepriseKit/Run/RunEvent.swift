/// What an operation that runs jobs in the foreground (`VariantsRun`, `RerunOperation`, a plain
/// drain) reports as it goes; the CLI turns these into stderr lines and Ctrl-C handling.
package enum RunEvent: Sendable {
  /// A batch was queued for a foreground drain (sent before the worker lock is taken).
  /// - manifest: the manifest path as given; manifestID: its id;
  ///   toRun: jobs the drain takes; alreadySucceeded: planned jobs skipped as done.
  case queued(manifest: String, manifestID: String, toRun: Int, alreadySucceeded: Int)
  /// The worker lock is held and a drain of about `total` jobs starts: stop requests (Ctrl-C)
  /// go to the operation's `DrainControl` from now on.
  case drainStarted(total: Int)
  /// A drain event.
  case drain(DrainEvent)
  /// The drain ended (the worker lock is released); stop requests are no longer taken.
  case drainEnded(DrainSummary, layout: QueueLayout)
}
