/// What an operation that queues and runs jobs needs beyond its plan: the parsed run flags.
package struct JobRunSettings: Sendable {
  /// Sends the requests.
  package var client: OpenRouterClient
  /// `--queue-dir` as given, or nil for the operation's default.
  package var queueDir: String?
  /// How the drain runs (`--concurrency`, `--orphan-timeout-sec`, `--max-cost`); the operation
  /// adds the job ids.
  package var drain: DrainOptions
  /// Embed provenance in the images (false: `--no-embed`, a sidecar instead).
  package var embed: Bool
  /// Background hand-off or foreground drain.
  package var handling: RunHandling

  /// Settings as given.
  package init(client: OpenRouterClient, queueDir: String?, drain: DrainOptions, embed: Bool, handling: RunHandling) {
    self.client = client
    self.queueDir = queueDir
    self.drain = drain
    self.embed = embed
    self.handling = handling
  }
}
