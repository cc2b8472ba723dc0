import Foundation
import RepriseKit

/// `reprise variants`: plan a batch of variants of one prompt and record it in a manifest.
enum VariantsCommand {
  static let command = Command(
    name: "variants",
    summary: "plan a batch of variants of one prompt and record it in <prefix>-manifest.json",
    usage: [
      "variants --prompt TEXT --count N --out-dir DIR [options]",
      "variants --prompt-file FILE --count N --out-dir DIR --baseline-image FILE --confirm-external-upload [options]",
    ],
    notes: [
      "By default the manifest is written, its jobs are queued in <out-dir>/imagegen-queue and drained",
      "in the foreground with progress on stderr (exit 0 all succeeded, 1 any failed). --background",
      "queues, starts a detached worker and prints an acknowledgement at once. --plan-only writes the",
      "manifest only; --dry-run writes nothing and prints it. Running the same command again with the",
      "same prefix merges new jobs into the manifest and skips jobs that already succeeded; a different",
      "spec is refused (exit 2). With a baseline, strength defaults to low and both locks to on unless",
      "given (see rails_applied).",
    ],
    options: [
      .value("prompt", "TEXT", "What to make (the user's words, kept verbatim)."),
      .value("prompt-file", "FILE", "Read the prompt from a UTF-8 file instead."),
      .value("count", "N", "How many variants, 1 to 1000."),
      .value("out-dir", "DIR", "Folder for the manifest and outputs (created if missing)."),
      .value("prefix", "NAME", "File prefix (default image; A-Z a-z 0-9 . _ -)."),
      .value("ext", "EXT", "Output extension: png (default), jpg, webp."),
    ] + SharedOptions.model + SharedOptions.baselineAndRails + [
      .value("seed", "N", "Base seed (0 to 2147483647); job i gets seed + i - 1. Default: from the spec."),
      .value("request-id", "ID", "Caller's id for this batch (e.g. discord-<message-id>)."),
      .value("max-jobs", "K", "Plan only the first K indices of this batch."),
      .value("start-index", "S", "First index (default 1); continue earlier batches with it."),
      paletteOption,
    ] + SweepFlags.options + QueueRunner.runOptions + QueueRunner.backgroundOptions + [
      .value("max-cost", "USD", "Stop starting jobs once the spent total reaches this."),
      QueueRunner.enforceLocksOption,
    ] + MeasureCommand.thresholdOptions + [
      .flag("plan-only", "Write the manifest only."),
      .flag("dry-run", "Write nothing; print the manifest."),
      .flag("json", "Print the result as JSON."),
      QueueRunner.onCompleteOption,
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': variants takes options only") }
    let prompt = try SweepFlags.prompt(args, context)
    guard let count = try args.int("count", accepted: "1 to 1000") else { throw RepriseError.usage("--count is required: how many variants, 1 to 1000") }
    guard let outDir = args.value("out-dir") else { throw RepriseError.usage("--out-dir is required: the folder for the manifest and outputs") }
    if args.flag("plan-only") && args.flag("dry-run") { throw RepriseError.usage("--plan-only and --dry-run cannot be combined: pick one") }

    var options = VariantOptions(prompt: prompt, count: count, outDir: outDir, workspaceRoot: context.absolute(args.value("workspace-root") ?? "."))
    if let v = args.value("prefix") { options.prefix = v }
    if let v = args.value("ext") { options.ext = v.hasPrefix(".") ? String(v.dropFirst()) : v }
    try await SharedOptions.apply(args, to: &options, context: context)
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    options.requestID = args.value("request-id")
    options.maxJobs = try args.int("max-jobs", accepted: "1 or more")
    if let start = try args.int("start-index", accepted: "0 to 1000000") { options.startIndex = start }
    options.palette = try palette(args)
    try await SweepFlags.apply(args, to: &options, context: context)
    return try await execute(options, args, context)
  }

  /// `--palette`, normalised (`none` is nil: no palette).
  static func palette(_ args: ParsedArguments) throws -> [String]? {
    guard let text = args.value("palette"), text != "none" else { return nil }
    return try BrandPalette.parse(text)
  }

  /// Validates `options` and runs them as `variants` does, with every run flag of `args` (also
  /// for `iterate`, which builds its options from the parent).
  static func execute(_ options: VariantOptions, _ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    let prompt = options.prompt
    try options.validate()

    let hints = try SharedOptions.clarify(prompt, args, context, notes: options.planningNotes)

    // Check everything before writing anything: the plan, every run flag (also with --plan-only
    // and --dry-run), the key and (in the run) the queue folder.
    let run = try VariantsRun(options: options, hints: hints, currentDirectory: context.currentDirectory, environment: context.environment)
    let drainOptions = try QueueRunner.drainOptions(args)
    let clientSettings = try QueueRunner.clientSettings(args)
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    let onComplete = try QueueRunner.onComplete(args, context)
    if args.flag("dry-run") {
      context.console.out(run.plan.fileText)
      return .ok
    }
    let quiet = args.flag("quiet")
    let presenter = DrainPresenter(console: context.console, quiet: quiet, environment: context.environment)
    var settings: JobRunSettings?
    if !args.flag("plan-only") {
      settings = JobRunSettings(
        client: try QueueRunner.client(clientSettings, context), queueDir: args.value("queue-dir"), drain: drainOptions,
        embed: !args.flag("no-embed"), handling: args.flag("background") ? .background(maxWorkers: maxWorkers, onComplete: onComplete)
          : .foreground(control: presenter.control))
    }
    switch try await run.run(settings, events: { presenter.handle($0) }) {
    case .planned(let plan):
      printPlan(plan, hints: hints, json: args.flag("json"), context.console)
      return .ok
    case .handedOff(let ack):
      context.console.out(JSONWriter.pretty(ack))
      return .ok
    case .drained(let drained):
      let (report, summary) = (drained.status, drained.summary)
      if args.flag("json") {
        context.console.out(JSONWriter.pretty(report.json(extra: [
          "manifest": .string(drained.prepared.manifestPath), "manifest_id": .string(drained.prepared.manifest.manifestID),
          "queue_dir": .string(drained.layout.root), "interrupted": .bool(summary.interrupted), "clarify_hints": .strings(hints),
        ])))
      } else {
        for line in report.lines { context.console.line(line) }
        context.console.line(QueueRunner.summaryLine(summary))
      }
      if summary.interrupted { return .interrupted }
      if summary.storageFailure != nil { return .failure }
      if summary.costCapReached, report.exitCode == .stalled { return .stillRunning }  // the rest wait on purpose
      return report.exitCode
    }
  }

  /// `--palette`, shared with `iterate`.
  static let paletteOption: OptionSpec = .value("palette", "COLOURS", "Brand colours, e.g. '#0A2540,#FF5A5F' (#RRGGBB or #RGB; none for no palette).")

  static func printPlan(_ plan: VariantsPlanSummary, hints: [String], json: Bool, _ console: Console) {
    let (prepared, estimate) = (plan.prepared, plan.estimate)
    let manifest = prepared.manifest
    if json {
      let summary: JSONValue = .object([
        "manifest": .string(prepared.manifestPath),
        "manifest_id": .string(manifest.manifestID),
        "jobs_planned": .int(Int64(prepared.plannedJobs.count)),
        "jobs_total": .int(Int64(manifest.jobs.count)),
        "written": .bool(prepared.changesFile),
        "outputs": .strings(prepared.plannedJobs.map(\.out)),
        "clarify_hints": .strings(hints),
        "cost_estimate": plan.sweepEstimate?.json ?? estimate?.json ?? .null,
      ])
      console.out(JSONWriter.pretty(summary))
    } else {
      let planned = prepared.plannedJobs
      let range = planned.isEmpty ? "none" : "indices \(planned.first!.index)-\(planned.last!.index)"
      let verb = prepared.existingText == nil ? "wrote" : (prepared.changesFile ? "updated" : "unchanged")
      console.line("planned \(planned.count) job\(planned.count == 1 ? "" : "s") (\(range)); \(manifest.jobs.count) in manifest")
      console.line("\(verb) \(prepared.manifestPath)")
      console.line("manifest_id \(manifest.manifestID)")
      for line in plan.sweepEstimate?.lines ?? [] { console.line(line) }
      if let estimate {
        console.line(
          "estimate: about $\(String(format: "%.4f", estimate.total)) for \(estimate.images) image\(estimate.images == 1 ? "" : "s") (\(estimate.basis), from "
            + "the cached model list)"
        )
      }
    }
  }

  /// `--prompt` or `--prompt-file` (also for `generate` and `enqueue`), read by `PromptSource`.
  static func readPrompt(_ args: ParsedArguments, _ context: CommandContext) throws -> String {
    try PromptSource.read(text: args.value("prompt"), file: args.value("prompt-file"), currentDirectory: context.currentDirectory)
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var s = Substring(self)
    while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
    return String(s)
  }
}
