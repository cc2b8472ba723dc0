/// How an operation runs the jobs it queued.
package enum RunHandling: Sendable {
  /// Start (or reuse) a detached worker, at most `maxWorkers` live ones, and return at once;
  /// `onComplete` runs once every job of the request has ended.
  case background(maxWorkers: Int, onComplete: CompletionHook? = nil)
  /// Drain in this process; stop requests (Ctrl-C) come in through `control`.
  case foreground(control: DrainControl)
}
