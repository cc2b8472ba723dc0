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
    ] + QueueRunner.runOptions + QueueRunner.backgroundOptions + [
      .value("max-cost", "USD", "Stop starting jobs once the spent total reaches this."),
      .flag("plan-only", "Write the manifest only."),
      .flag("dry-run", "Write nothing; print the manifest."),
      .flag("json", "Print the result as JSON."),
    ],
    run: { args, context in try run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) throws -> Int32 {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': variants takes options only") }
    let prompt = try readPrompt(args, context)
    guard let countText = args.value("count") else { throw RepriseError.usage("--count is required: how many variants, 1 to 1000") }
    guard let count = Int(countText.trimmingSpaces) else {
      throw RepriseError.usage("--count '\(countText)' is not a whole number: accepted 1 to 1000")
    }
    guard let outDir = args.value("out-dir") else { throw RepriseError.usage("--out-dir is required: the folder for the manifest and outputs") }
    if args.flag("plan-only") && args.flag("dry-run") { throw RepriseError.usage("--plan-only and --dry-run cannot be combined: pick one") }

    var options = VariantOptions(prompt: prompt, count: count, outDir: outDir, workspaceRoot: context.absolute(args.value("workspace-root") ?? "."))
    if let v = args.value("prefix") { options.prefix = v }
    if let v = args.value("ext") { options.ext = v.hasPrefix(".") ? String(v.dropFirst()) : v }
    try SharedOptions.apply(args, to: &options, context: context)
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    options.requestID = args.value("request-id")
    options.maxJobs = try args.int("max-jobs", accepted: "1 or more")
    if let start = try args.int("start-index", accepted: "0 to 1000000") { options.startIndex = start }
    try options.validate()

    let hints = try SharedOptions.clarify(prompt, args, context)

    // Check everything before writing anything: the plan, every run flag (also with --plan-only
    // and --dry-run), the key and the queue folder.
    var prepared = try VariantBatchPreparer.prepare(options, currentDirectory: context.currentDirectory)
    var drainOptions = try QueueRunner.drainOptions(args)
    let clientSettings = try QueueRunner.clientSettings(args)
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    if args.flag("dry-run") {
      context.console.out(prepared.fileText)
      return 0
    }
    let runs = !args.flag("plan-only")
    let client = runs ? try QueueRunner.client(clientSettings, context) : nil
    let queueLayout = runs ? try QueueRunner.checkedQueueLayout(args, context, outDir: outDir) : nil

    // Read-merge-write under the manifest's lock: concurrent runs on one prefix each see the
    // others' jobs, so every job of every run ends up in the manifest.
    let absoluteManifest = context.absolute(prepared.manifestPath)
    let manifestFolder = (absoluteManifest as NSString).deletingLastPathComponent
    do { try FileSystem.makeDirectories(manifestFolder) } catch { throw RepriseError.badInput("cannot create --out-dir '\(outDir)': \(error.reason)") }
    let lockPath = manifestFolder + "/." + (absoluteManifest as NSString).lastPathComponent + ".lock"
    try FileLock.withExclusive(lockPath) { () throws(RepriseError) in
      FileSystem.removeAbandonedTemporaries(in: manifestFolder)
      prepared = try VariantBatchPreparer.prepare(options, currentDirectory: context.currentDirectory)
      try VariantBatchPreparer.write(prepared, currentDirectory: context.currentDirectory)
    }
    let manifest = prepared.manifest
    guard let client, let layout = queueLayout else {
      printPlan(prepared, hints: hints, args: args, context: context)
      return 0
    }
    try layout.create()
    let store = QueueStore(layout: layout)
    // Every job carries the request id its acknowledgement prints.
    let requestID = options.requestID ?? "\(options.prefix)-\(manifest.manifestID.dropFirst(7).prefix(12))"
    var queued: [String] = []
    var batch: [String] = []
    var alreadyDone: [String] = []
    for job in prepared.plannedJobs {
      var queuedJob = QueuedJob.from(manifest: manifest, job: job, manifestFolder: manifestFolder, outRoot: manifestFolder, requestID: requestID, clarifyHints: hints, origin: "variants")
      queuedJob.embedMetadata = !args.flag("no-embed")
      switch try store.enqueue(queuedJob) {
      case .queued: queued.append(job.jobID); batch.append(job.jobID)
      case .alreadyQueued: batch.append(job.jobID)
      case .alreadySucceeded: alreadyDone.append(job.jobID)
      }
    }
    drainOptions.costEstimatePerJob = QueueRunner.priceEstimate(model: manifest.spec.model, imageSize: manifest.spec.imageSize, context: context)
    if args.flag("background") {
      guard let executable = DetachedProcess.currentExecutable() else { throw RepriseError.badInput("cannot find the reprise executable to start a worker") }
      let handoff = BackgroundHandoff(layout: layout, maxWorkers: maxWorkers, orphanTimeout: drainOptions.orphanTimeout, executable: executable, environment: context.environment)
      let ack = try handoff.handOff(requestID: requestID, jobs: batch, manifest: prepared.manifestPath, extra: [
        "manifest_id": .string(manifest.manifestID), "already_succeeded": .strings(alreadyDone),
        "outputs": .strings(prepared.plannedJobs.map { manifestFolder + "/" + $0.out }),
      ])
      context.console.out(JSONWriter.pretty(ack))
      return 0
    }
    drainOptions.jobIDs = Set(batch)
    drainOptions.enqueuedHere = Set(queued)
    drainOptions.handoffMode = "foreground"
    let quiet = args.flag("quiet")
    if !quiet {
      context.console.errLine("manifest \(prepared.manifestPath) (\(manifest.manifestID)); \(batch.count) job\(batch.count == 1 ? "" : "s") to run\(alreadyDone.isEmpty ? "" : ", \(alreadyDone.count) already done")")
    }
    let summary = try QueueRunner.drain(layout: layout, client: client, options: drainOptions, total: batch.count, quiet: quiet, context: context)
    let report = JobStatusReport(jobs: prepared.plannedJobs.map(\.jobID), store: store)
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(report.json(extra: [
        "manifest": .string(prepared.manifestPath), "manifest_id": .string(manifest.manifestID), "queue_dir": .string(layout.root),
        "interrupted": .bool(summary.interrupted), "clarify_hints": .strings(hints),
      ])))
    } else {
      for line in report.lines { context.console.line(line) }
      context.console.line(QueueRunner.summaryLine(summary))
    }
    if summary.interrupted { return 130 }
    if summary.storageFailure != nil { return 1 }
    if summary.costCapReached, report.exitCode == 5 { return 3 }  // the rest wait on purpose
    return report.exitCode
  }

  static func printPlan(_ prepared: PreparedVariants, hints: [String], args: ParsedArguments, context: CommandContext) {
    let manifest = prepared.manifest
    let configuration = OpenRouterConfiguration(environment: context.environment)
    var estimate: CostEstimate?
    if let entry = ModelCache(environment: context.environment).load(), entry.baseURL == configuration.baseURL,
      let listing = entry.models.first(where: { $0.id == manifest.spec.model })
    {
      estimate = CostEstimate(listing: listing, images: prepared.plannedJobs.count, imageSize: manifest.spec.imageSize)
    }
    if args.flag("json") {
      let summary: JSONValue = .object([
        "manifest": .string(prepared.manifestPath),
        "manifest_id": .string(manifest.manifestID),
        "jobs_planned": .int(Int64(prepared.plannedJobs.count)),
        "jobs_total": .int(Int64(manifest.jobs.count)),
        "written": .bool(prepared.changesFile),
        "outputs": .strings(prepared.plannedJobs.map(\.out)),
        "clarify_hints": .strings(hints),
        "cost_estimate": estimate?.json ?? .null,
      ])
      context.console.out(JSONWriter.pretty(summary))
    } else {
      let planned = prepared.plannedJobs
      let range = planned.isEmpty ? "none" : "indices \(planned.first!.index)-\(planned.last!.index)"
      let verb = prepared.existingText == nil ? "wrote" : (prepared.changesFile ? "updated" : "unchanged")
      context.console.line("planned \(planned.count) job\(planned.count == 1 ? "" : "s") (\(range)); \(manifest.jobs.count) in manifest")
      context.console.line("\(verb) \(prepared.manifestPath)")
      context.console.line("manifest_id \(manifest.manifestID)")
      if let estimate {
        context.console.line("estimate: about $\(String(format: "%.4f", estimate.total)) for \(estimate.images) image\(estimate.images == 1 ? "" : "s") (\(estimate.basis), from the cached model list)")
      }
    }
  }

  static func readPrompt(_ args: ParsedArguments, _ context: CommandContext) throws -> String {
    switch (args.value("prompt"), args.value("prompt-file")) {
    case (.some, .some): throw RepriseError.usage("--prompt and --prompt-file cannot be combined: pick one")
    case (let text?, nil): return text
    case (nil, let file?):
      let bytes: [UInt8]
      do { bytes = try FileSystem.readFile(context.absolute(file), limit: 1_048_576) } catch {
        throw RepriseError.badInput("--prompt-file '\(file)' cannot be read: \(error.reason)")
      }
      guard let text = UTF8Text.decode(bytes) else {
        throw RepriseError.badInput("--prompt-file '\(file)' is not UTF-8 text")
      }
      return text.trimmingTrailingNewlines
    case (nil, nil): throw RepriseError.usage("--prompt is required (or --prompt-file): describe the image to make")
    }
  }
}

extension String {
  var trimmingTrailingNewlines: String {
    var s = Substring(self)
    while s.last == "\n" || s.last == "\r" { s = s.dropLast() }
    return String(s)
  }
}
