import Foundation
import RepriseKit

/// `reprise drain`: process queued jobs.
enum DrainCommand {
  static let command = Command(
    name: "drain",
    summary: "process queued jobs with up to N requests in flight until none are left",
    usage: ["drain [--queue-dir DIR] [--concurrency N] [--max-jobs K] [--request-id R] [options]"],
    notes: [
      "Claims jobs by atomic rename pending/ -> processing/, heartbeats its claims, writes results/ or",
      "failed/ records and responses/ (provider JSON with base64 replaced by digests). Jobs of a dead",
      "worker, or with a heartbeat older than --orphan-timeout-sec, go back to pending/ first. Ctrl-C",
      "stops claiming, gives in-flight requests 5 s, returns the rest to pending/ and exits 130.",
      "--background starts a detached worker instead (unless --max-background-workers live workers",
      "already drain the queue) and prints an acknowledgement at once: the way to resume orphaned jobs.",
      "Exit 0 every job it ran succeeded, 1 any failed or the queue took no more writes (full disk).",
    ],
    options: [
      .value("queue-dir", "DIR", "Queue folder (default generated/imagegen-queue)."),
      .value("concurrency", "N", "Requests in flight at once (default 4)."),
      .value("max-jobs", "K", "Stop after claiming K jobs."),
      .value("request-id", "R", "Only jobs of this request id (others are never moved)."),
      .value("handoff-mode", "MODE", "foreground (default) or background, recorded on results."),
      .value("max-retries", "N", "Retries per request after the first attempt (default 4)."),
      .value("timeout", "SECONDS", "Per-request timeout (default 300)."),
      .value("orphan-timeout-sec", "S", "Recover a claim whose heartbeat is older than this (default 1800)."),
      .value("max-cost", "USD", "Stop claiming once the spent total reaches this."),
      QueueRunner.enforceLocksOption,
      .flag("quiet", "No progress lines."),
      .flag("json", "Print the summary and records as JSON."),
    ] + MeasureCommand.thresholdOptions + QueueRunner.backgroundOptions,
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': drain takes options only") }
    var options = try QueueRunner.drainOptions(args)
    if let maxJobs = try args.int("max-jobs", accepted: "1 or more") {
      guard maxJobs >= 1 else { throw RepriseError.usage("--max-jobs \(maxJobs) is out of range: accepted 1 or more") }
      options.maxJobs = maxJobs
    }
    if let requestID = args.value("request-id") {
      try VariantOptions.validateRequestID(requestID)
      options.requestID = requestID
    }
    let mode = args.value("handoff-mode") ?? "foreground"
    guard mode == "foreground" || mode == "background" else {
      throw RepriseError.usage("--handoff-mode '\(mode)' is not accepted: use foreground or background")
    }
    options.handoffMode = mode
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    let client = try QueueRunner.client(args, context)
    let layout = QueueLayout(root: context.absolute(args.value("queue-dir") ?? "generated/imagegen-queue"))
    if FileSystem.entryKind(layout.root) == .missing, args.value("queue-dir") != nil {
      throw RepriseError.badInput("--queue-dir '\(args.value("queue-dir")!)' does not exist")
    }
    try layout.create()
    if args.flag("background") {
      var handoff = try BackgroundHandoff.current(
        layout: layout, maxWorkers: maxWorkers, orphanTimeout: options.orphanTimeout, environment: context.environment)
      handoff.workerArguments = options.workerArguments
      let store = QueueStore(layout: layout)
      let waiting = layout.jobIDs(in: layout.pending) + store.processingEntries().map(\.jobID)
      let ack = try await handoff.handOff(requestID: options.requestID ?? "drain", jobs: waiting.sorted(), manifest: nil)
      context.console.out(JSONWriter.pretty(ack))
      return .ok
    }
    let total = min(options.maxJobs ?? Int.max, layout.jobIDs(in: layout.pending).count)
    let summary = try await QueueRunner.drain(
      ForegroundDrain(layout: layout, client: client, options: options, environment: context.environment), total: total, quiet: args.flag("quiet"),
      context: context)
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(.object([
        "queue_dir": .string(layout.root), "succeeded": .int(Int64(summary.succeeded)), "failed": .int(Int64(summary.failed)),
        "returned": .int(Int64(summary.returned)), "cost": .double(summary.cost), "interrupted": .bool(summary.interrupted),
        "records": .array(summary.records.map(\.json)),
      ])))
    } else {
      context.console.line(QueueRunner.summaryLine(summary))
    }
    return QueueRunner.exitCode(summary)
  }
}
