import Foundation
import RepriseKit

/// The run flags commands share, parsed and checked; the foreground drain with its progress, summary line and exit code.
enum QueueRunner {
  /// Queue options shared by commands that run jobs.
  static let runOptions: [OptionSpec] = [
    .value("queue-dir", "DIR", "Queue folder (default <out-dir>/imagegen-queue)."),
    .value("concurrency", "N", "Requests in flight at once (default 4)."),
    .value("max-retries", "N", "Retries per request after the first attempt (default 4)."),
    .value("timeout", "SECONDS", "Per-request timeout (default 300)."),
    .value("orphan-timeout-sec", "S", "Recover a claim whose heartbeat is older than this (default 1800)."),
    .flag("quiet", "No progress lines."),
    .flag("no-embed", "Do not embed provenance in PNGs; write <file>.reprise.json instead."),
  ]

  /// Background options.
  static let backgroundOptions: [OptionSpec] = [
    .flag("background", "Queue, start a detached worker and return an acknowledgement at once."),
    .value("max-background-workers", "N", "Live background workers allowed (default 2)."),
  ]

  /// `--on-complete CMD ARG...` (with `--background`); it takes the rest of the line, so it comes last.
  static let onCompleteOption: OptionSpec = .rest(
    "on-complete", "CMD ARG...",
    "With --background: run CMD ARG... (no shell) once every job has ended; takes the rest of the line, so put it last.")

  /// The `--on-complete` hook, resolved; nil when not given.
  /// - Throws: a usage error without `--background`, or when the program is not found.
  static func onComplete(_ args: ParsedArguments, _ context: CommandContext) throws -> CompletionHook? {
    let words = args.list("on-complete")
    guard !words.isEmpty else { return nil }
    guard args.flag("background") else {
      throw RepriseError.usage(
        "--on-complete needs --background (it runs when the background worker has ended every job; in the foreground, run CMD after reprise)")
    }
    return try CompletionHook.resolve(words, environment: context.environment, currentDirectory: context.currentDirectory)
  }

  /// The request flags, checked (also by commands that end up sending nothing).
  struct ClientSettings {
    let maxRetries: Int
    let timeout: Double
  }

  static func clientSettings(_ args: ParsedArguments) throws -> ClientSettings {
    let maxRetries = try args.int("max-retries", accepted: "0 to 20") ?? 4
    guard (0...20).contains(maxRetries) else { throw RepriseError.usage("--max-retries \(maxRetries) is out of range: accepted 0 to 20") }
    let timeout = try args.double("timeout", accepted: "1 to 3600 seconds") ?? 300
    guard (1...3600).contains(timeout) else { throw RepriseError.usage("--timeout \(timeout) is out of range: accepted 1 to 3600 seconds") }
    return ClientSettings(maxRetries: maxRetries, timeout: timeout)
  }

  static func client(_ args: ParsedArguments, _ context: CommandContext) throws -> OpenRouterClient {
    try client(clientSettings(args), context)
  }

  static func client(_ settings: ClientSettings, _ context: CommandContext) throws -> OpenRouterClient {
    let configuration = OpenRouterConfiguration(environment: context.environment)
    guard configuration.apiKey != nil else {
      throw RepriseError.usage("OPENROUTER_API_KEY is not set: export OPENROUTER_API_KEY=<your key> (keys: https://openrouter.ai/keys)")
    }
    if let problem = configuration.baseURLProblem { throw RepriseError.usage(problem) }
    let console = context.console
    return OpenRouterClient(
      configuration: configuration, policy: RetryPolicy(maxRetries: settings.maxRetries), timeout: settings.timeout, debugSink: { console.errLine($0) })
  }

  static func drainOptions(_ args: ParsedArguments) throws -> DrainOptions {
    var options = DrainOptions()
    let concurrency = try args.int("concurrency", accepted: "1 to 64") ?? 4
    guard (1...64).contains(concurrency) else { throw RepriseError.usage("--concurrency \(concurrency) is out of range: accepted 1 to 64") }
    options.concurrency = concurrency
    let orphan = try args.double("orphan-timeout-sec", accepted: "1 to 604800") ?? 1800
    guard (1...604_800).contains(orphan) else { throw RepriseError.usage("--orphan-timeout-sec \(orphan) is out of range: accepted 1 to 604800") }
    options.orphanTimeout = orphan
    options.measureThresholds = try MeasureCommand.thresholds(args)
    let retries = try args.int("enforce-locks", accepted: "0 to 10") ?? 0
    guard LockEnforcement.accepted.contains(retries) else { throw RepriseError.usage("--enforce-locks \(retries) is out of range: accepted 0 to 10") }
    options.enforceLocks = retries
    if let cap = try args.double("max-cost", accepted: "a positive number of USD") {
      guard cap > 0 else { throw RepriseError.usage("--max-cost \(cap) must be more than 0") }
      options.maxCost = cap
    }
    return options
  }

  /// `--enforce-locks N` (on `variants` and `drain`).
  static let enforceLocksOption: OptionSpec = .value(
    "enforce-locks", "N", "Retry a job whose output broke a planned lock with the next seed, at most N times (0 to 10, default 0).")

  static func maxBackgroundWorkers(_ args: ParsedArguments) throws -> Int {
    let n = try args.int("max-background-workers", accepted: "0 to 16") ?? 2
    guard (0...16).contains(n) else { throw RepriseError.usage("--max-background-workers \(n) is out of range: accepted 0 to 16") }
    return n
  }

  /// Drains in the foreground with progress on stderr and Ctrl-C handling; returns the summary.
  static func drain(_ drain: ForegroundDrain, total: Int, quiet: Bool, context: CommandContext) async throws -> DrainSummary {
    let presenter = DrainPresenter(console: context.console, quiet: quiet, environment: context.environment)
    return try await drain.run(total: total, control: presenter.control, events: { presenter.handle($0) })
  }

  /// `drained N jobs: S succeeded, F failed, $C` (plus interruption).
  static func summaryLine(_ summary: DrainSummary) -> String {
    let jobs = summary.succeeded + summary.failed
    var line =
      "drained \(jobs) job\(jobs == 1 ? "" : "s"): \(summary.succeeded) succeeded, \(summary.failed) failed, cost $\(String(format: "%.4f", summary.cost))"
    if summary.returned > 0 { line += ", \(summary.returned) returned to pending" }
    if summary.interrupted { line += " (interrupted)" }
    if summary.costCapReached { line += " (cost cap reached)" }
    return line
  }

  /// 130 interrupted, 1 any failed or the queue took no more writes, 0 otherwise.
  static func exitCode(_ summary: DrainSummary) -> ExitCode {
    if summary.interrupted { return .interrupted }
    return .okIf(summary.failed == 0 && summary.storageFailure == nil)
  }
}
