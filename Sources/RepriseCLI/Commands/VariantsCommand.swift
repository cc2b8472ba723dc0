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
      "Modes: --plan-only writes the manifest and nothing else (the default until queued runs land);",
      "--dry-run writes nothing and prints the manifest. Running the same command again with the same",
      "prefix merges new jobs into the manifest; a different spec is refused (exit 2).",
      "With a baseline, strength defaults to low and both locks to on unless given (see rails_applied).",
    ],
    options: [
      .value("prompt", "TEXT", "What to make (the user's words, kept verbatim)."),
      .value("prompt-file", "FILE", "Read the prompt from a UTF-8 file instead."),
      .value("count", "N", "How many variants, 1 to 1000."),
      .value("out-dir", "DIR", "Folder for the manifest and outputs (created if missing)."),
      .value("prefix", "NAME", "File prefix (default image; A-Z a-z 0-9 . _ -)."),
      .value("ext", "EXT", "Output extension: png (default), jpg, webp."),
      .value("model", "ID", "OpenRouter model (default \(VariantOptions.defaultModel))."),
      .value("transport", "MODE", "auto (default), chat or images."),
      .value("image-size", "SIZE", "low, medium or high (1K, 2K, 4K where the model takes it)."),
      .value("aspect-ratio", "W:H", "1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9 (+1:4 4:1 1:8 8:1 on 3.1 flash)."),
      .value("baseline-image", "PATH|URL", "Image to vary: a local png/jpg/jpeg/webp or an http(s) URL."),
      .value("baseline-source-kind", "KIND", "current_attachment, reply_attachment or explicit_path_or_url."),
      .flag("confirm-external-upload", "Agree to send the baseline to OpenRouter (required for a baseline)."),
      .value("workspace-root", "DIR", "A local baseline must be inside this folder (default: current folder)."),
      .value("max-baseline-mb", "MB", "Largest local baseline accepted (default 10)."),
      .value("variation-strength", "LEVEL", "low, medium or high (default medium; low with a baseline)."),
      .repeatable("must-keep", "TEXT", "An element every variant must keep; repeatable, kept verbatim."),
      .toggle("lock-palette", "Keep the colour palette (default on with a baseline)."),
      .toggle("lock-composition", "Keep the layout and framing (default on with a baseline)."),
      .flag("allow-no-baseline-on-edit-intent", "Plan an edit-style prompt without a baseline."),
      .flag("clarify-hints", "Print prompt-quality hints (hint: ...) on stderr."),
      .flag("strict-clarify", "Exit 3 when any hint fires."),
      .value("seed", "N", "Base seed (0 to 2147483647); job i gets seed + i - 1. Default: from the spec."),
      .value("request-id", "ID", "Caller's id for this batch (e.g. discord-<message-id>)."),
      .value("max-jobs", "K", "Plan only the first K indices of this batch."),
      .value("start-index", "S", "First index (default 1); continue earlier batches with it."),
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
    if let v = args.value("model") { options.model = v }
    if let v = args.value("transport") {
      guard let choice = TransportChoice(rawValue: v) else { throw RepriseError.usage("--transport '\(v)' is not accepted: use auto, chat or images") }
      options.transport = choice
    }
    options.imageSize = args.value("image-size")
    options.aspectRatio = args.value("aspect-ratio")
    options.baselineImage = args.value("baseline-image")
    options.baselineSourceKind = args.value("baseline-source-kind")
    options.confirmExternalUpload = args.flag("confirm-external-upload")
    if let mb = try args.double("max-baseline-mb", accepted: "more than 0, up to 1024") { options.maxBaselineMB = mb }
    options.variationStrength = args.value("variation-strength")
    options.mustKeep = args.list("must-keep")
    options.lockPalette = args.toggle("lock-palette")
    options.lockComposition = args.toggle("lock-composition")
    options.allowNoBaselineOnEditIntent = args.flag("allow-no-baseline-on-edit-intent")
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    options.requestID = args.value("request-id")
    options.maxJobs = try args.int("max-jobs", accepted: "1 or more")
    if let start = try args.int("start-index", accepted: "0 to 1000000") { options.startIndex = start }
    try options.validate()

    let hints = ClarifyHints.hints(for: prompt)
    if args.flag("clarify-hints") || args.flag("strict-clarify") {
      for hint in hints { context.console.errLine("hint: " + hint) }
    }
    if args.flag("strict-clarify"), !hints.isEmpty {
      throw RepriseError(.strictClarify, "the prompt needs clarification (--strict-clarify): \(hints.count) hint\(hints.count == 1 ? "" : "s") above")
    }

    let prepared = try VariantBatchPreparer.prepare(options, currentDirectory: context.currentDirectory)
    if args.flag("dry-run") {
      context.console.out(prepared.fileText)
      return 0
    }
    try VariantBatchPreparer.write(prepared, currentDirectory: context.currentDirectory)
    let manifest = prepared.manifest
    if args.flag("json") {
      let summary: JSONValue = .object([
        "manifest": .string(prepared.manifestPath),
        "manifest_id": .string(manifest.manifestID),
        "jobs_planned": .int(Int64(prepared.plannedJobs.count)),
        "jobs_total": .int(Int64(manifest.jobs.count)),
        "written": .bool(prepared.changesFile),
        "outputs": .strings(prepared.plannedJobs.map(\.out)),
        "clarify_hints": .strings(hints),
      ])
      context.console.out(JSONWriter.pretty(summary))
    } else {
      let planned = prepared.plannedJobs
      let range = planned.isEmpty ? "none" : "indices \(planned.first!.index)-\(planned.last!.index)"
      let verb = prepared.existingText == nil ? "wrote" : (prepared.changesFile ? "updated" : "unchanged")
      context.console.line("planned \(planned.count) job\(planned.count == 1 ? "" : "s") (\(range)); \(manifest.jobs.count) in manifest")
      context.console.line("\(verb) \(prepared.manifestPath)")
      context.console.line("manifest_id \(manifest.manifestID)")
    }
    return 0
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
      guard let text = String(validating: bytes, as: UTF8.self) else {
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
