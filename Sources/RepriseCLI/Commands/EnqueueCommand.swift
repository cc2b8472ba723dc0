import Foundation
import RepriseKit

/// `reprise enqueue`: queue one image job (the seed's enqueue_image_job).
enum EnqueueCommand {
  static let command = Command(
    name: "enqueue",
    summary: "queue one image job and print {job_id, job_path}; --background also starts a worker",
    usage: ["enqueue --prompt TEXT --out FILE [--queue-dir DIR] [--request-id R] [options]"],
    notes: ["Takes generate's model, baseline, rails and clarify flags. The job is drained by 'reprise drain' or a background worker."],
    options: [
      .value("prompt", "TEXT", "What to make."),
      .value("prompt-file", "FILE", "Read the prompt from a UTF-8 file instead."),
      .value("out", "FILE", "Where the worker writes the image (.png, .jpg, .jpeg or .webp)."),
      .value("queue-dir", "DIR", "Queue folder (default generated/imagegen-queue)."),
      .value("request-id", "R", "The caller's id for this request."),
    ] + SharedOptions.model + SharedOptions.baselineAndRails + [
      .value("seed", "N", "Seed (0 to 2147483647). Default: derived from the request."),
      .flag("overwrite", "Let the worker replace an existing output file."),
      .flag("no-embed", "Do not embed provenance in PNGs; write <file>.reprise.json instead."),
      .value("orphan-timeout-sec", "S", "With --background: recover claims older than this (default 1800)."),
    ] + QueueRunner.backgroundOptions + [QueueRunner.onCompleteOption],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': enqueue takes options only") }
    let prompt = try VariantsCommand.readPrompt(args, context)
    guard let out = args.value("out"), !out.isEmpty else { throw RepriseError.usage("--out is required: the image file the worker writes") }
    let ext = (out as NSString).pathExtension.lowercased()
    guard ["png", "jpg", "jpeg", "webp"].contains(ext) else { throw RepriseError.usage("--out '\(out)' must end in .png, .jpg, .jpeg or .webp") }
    let outAbsolute = context.absolute(out)
    var options = VariantOptions(
      prompt: prompt, count: 1, outDir: (outAbsolute as NSString).deletingLastPathComponent,
      workspaceRoot: context.absolute(args.value("workspace-root") ?? "."))
    options.ext = ext == "jpeg" ? "jpg" : ext
    try await SharedOptions.apply(args, to: &options, context: context)
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    options.requestID = args.value("request-id")
    try options.validate()
    let hints = try SharedOptions.clarify(prompt, args, context, notes: options.planningNotes)
    let editIntent = try EditIntentDetector.check(prompt, hasBaseline: options.baselineImage != nil, allowWithoutBaseline: options.allowNoBaselineOnEditIntent)
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    let onComplete = try QueueRunner.onComplete(args, context)
    let orphan = try args.double("orphan-timeout-sec", accepted: "1 to 604800") ?? 1800
    let baseline = try options.loadBaseline(currentDirectory: context.currentDirectory, manifestFolder: options.outDir)
    let plan = SingleImagePlan.plan(options, baseline: baseline, editIntent: editIntent)
    let layout = QueueLayout(root: context.absolute(args.value("queue-dir") ?? "generated/imagegen-queue"))
    let name = (outAbsolute as NSString).lastPathComponent
    let jobID = EnqueueJobID.make(requestSHA256: plan.requestSHA256, outAbsolute: outAbsolute)
    let store = QueueStore(layout: layout)
    if FileSystem.isDirectory(outAbsolute) { throw RepriseError.badInput("--out '\(out)' is a folder: name an image file") }
    // An existing output is refused at once, unless it is this very job's own finished result.
    if !args.flag("overwrite"), FileSystem.entryKind(outAbsolute) != .missing, store.succeededResult(of: jobID) == nil {
      throw RepriseError.badInput("--out '\(out)' already exists: reprise never overwrites an image silently (pass --overwrite to let the worker replace it)")
    }
    try layout.create()
    var queuedBaseline: QueuedJob.BaselineSource?
    switch plan.baseline?.location {
    case .file?:
      queuedBaseline = .file(
        path: context.absolute(options.baselineImage!), sha256: plan.baseline?.sha256 ?? "", mediaType: plan.baseline?.mediaType ?? "image/png")
    case .url(let url)?: queuedBaseline = .url(url)
    case nil: break
    }
    var diagnostics = Diagnostics.fields(editIntent: editIntent, baseline: plan.baseline, rails: plan.rails)
    diagnostics["clarify_hints"] = .strings(hints)
    var job = QueuedJob(
      jobID: jobID, requestID: options.requestID, manifestID: nil, index: nil, model: options.model, request: plan.parameters,
      prompt: plan.prompt, seed: plan.seed, baseline: queuedBaseline, requestSHA256: plan.requestSHA256,
      outRoot: (outAbsolute as NSString).deletingLastPathComponent, out: name, overwrite: args.flag("overwrite"),
      diagnostics: diagnostics, origin: "enqueue")
    job.embedMetadata = !args.flag("no-embed")
    let outcome = try store.enqueue(job)
    var ack: [String: JSONValue] = [
      "job_id": .string(jobID), "job_path": .string(layout.file(layout.pending, jobID)),
      "state": .string(outcome == .queued ? "queued" : (outcome == .alreadyQueued ? "already_queued" : "already_succeeded")),
    ]
    if args.flag("background") {
      var handoff = try BackgroundHandoff.current(layout: layout, maxWorkers: maxWorkers, orphanTimeout: orphan, environment: context.environment)
      handoff.onComplete = onComplete
      let handoffAck = try await handoff.handOff(requestID: options.requestID ?? jobID, jobs: [jobID], manifest: nil)
      for (k, v) in handoffAck.objectValue ?? [:] where ack[k] == nil { ack[k] = v }
    }
    context.console.out(JSONWriter.pretty(.object(ack)))
    return .ok
  }
}
