import RepriseKit

/// Option groups several commands share, and turning them into `VariantOptions`.
enum SharedOptions {
  /// Model and image options.
  static let model: [OptionSpec] = [
    .value("model", "ID", "OpenRouter model (default \(VariantOptions.defaultModel))."),
    .value("transport", "MODE", "auto (default), chat or images."),
    .value("image-size", "SIZE", "low, medium or high (1K, 2K, 4K), or a tier 0.5K/512 1K 2K 4K, where the model takes it."),
    .value("aspect-ratio", "W:H", "1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9 (+1:4 4:1 1:8 8:1 on 3.1 flash; the Image API's set from discovery)."),
    .value("provider", "NAME[,NAME]", "Only these providers may serve the requests (provider.only, no fallbacks)."),
  ]

  /// Baseline, rails and clarify options.
  static let baselineAndRails: [OptionSpec] = [
    .value("baseline-image", "PATH|URL", "Image to vary: a local png/jpg/jpeg/webp or an http(s) URL."),
    .value("baseline-source-kind", "KIND", "current_attachment, reply_attachment or explicit_path_or_url."),
    .flag("confirm-external-upload", "Agree to send the baseline to OpenRouter (required for a baseline)."),
    .value("workspace-root", "DIR", "A local baseline must be inside this folder (default: current folder)."),
    .value("max-baseline-mb", "MB", "Largest local baseline accepted (default 10)."),
    .value("variation-strength", "LEVEL", "low, medium or high (default medium; low with a baseline)."),
    .repeatable("must-keep", "TEXT", "An element the image must keep; repeatable, kept verbatim."),
    .toggle("lock-palette", "Keep the colour palette (default on with a baseline)."),
    .toggle("lock-composition", "Keep the layout and framing (default on with a baseline)."),
    .flag("allow-no-baseline-on-edit-intent", "Accept an edit-style prompt without a baseline."),
    .flag("clarify-hints", "Print prompt-quality hints (hint: ...) on stderr."),
    .flag("strict-clarify", "Exit 3 when any hint fires."),
  ]

  /// Asks model discovery (or its cache) for `options.model`'s capabilities and queues the notes a
  /// plan made without it prints.
  static func discoverCapabilities(into options: inout VariantOptions, context: CommandContext) async {
    guard ModelCapabilities.isValidID(options.model) else { return }
    let outcome = await ModelDiscovery.discover(model: options.model, environment: context.environment)
    options.useDiscovery(outcome)
    // Said after every flag is checked (an error stays the only line); not when the user
    // turned discovery off, which the manifest still records.
    if let note = outcome.note { options.planningNotes.append("note: " + note) }
    if let reason = outcome.fallbackReason, context.environment["REPRISE_MODEL_DISCOVERY"] != "off" {
      options.planningNotes.append("note: \(reason): planning \(options.model) from the built-in model table")
    }
  }

  /// Fills the model, baseline and rail fields of `options` from `args`.
  static func apply(_ args: ParsedArguments, to options: inout VariantOptions, context: CommandContext) async throws {
    let configuration = OpenRouterConfiguration(environment: context.environment)
    options.capabilityTable = ModelCache(environment: context.environment).capabilityTable(baseURL: configuration.baseURL)
    if let v = args.value("model") { options.model = v }
    if let v = args.value("provider") { options.provider = try ProviderPin.parse(v) }
    await discoverCapabilities(into: &options, context: context)
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
  }

  /// Prints hints when asked and enforces `--strict-clarify` (exit 3).
  static func clarify(_ prompt: String, _ args: ParsedArguments, _ context: CommandContext, notes: [String] = []) throws -> [String] {
    for note in notes { context.console.errLine(note) }
    let hints = ClarifyHints.hints(for: prompt)
    if args.flag("clarify-hints") || args.flag("strict-clarify") {
      for hint in hints { context.console.errLine("hint: " + hint) }
    }
    if args.flag("strict-clarify"), !hints.isEmpty {
      throw RepriseError(.strictClarify, "the prompt needs clarification (--strict-clarify): \(hints.count) hint\(hints.count == 1 ? "" : "s") above")
    }
    return hints
  }
}
