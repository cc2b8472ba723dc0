import RepriseKit

/// `variants --sweep AXIS=V1,V2,...`, `--prompt-variant TEXT`, `--skip-invalid-cells`.
enum SweepFlags {
  /// The flags.
  static let options: [OptionSpec] = [
    .repeatable("sweep", "AXIS=V1,V2", "Sweep an axis (model, aspect-ratio, image-size, variation-strength, transport, seed); repeatable."),
    .repeatable("prompt-variant", "TEXT", "A wording of the prompt to sweep (A/B); repeatable, replaces --prompt."),
    .flag("skip-invalid-cells", "Plan the sweep's valid cells, recording the others as skipped."),
  ]

  /// The flag each axis replaces.
  static let flagOfAxis: [SweepAxis: String] = [
    .model: "model", .aspectRatio: "aspect-ratio", .imageSize: "image-size", .variationStrength: "variation-strength", .transport: "transport",
    .seed: "seed",
  ]

  /// The prompt: the first `--prompt-variant` when variants are given (with neither `--prompt`
  /// nor `--prompt-file`), else `--prompt`/`--prompt-file`.
  static func prompt(_ args: ParsedArguments, _ context: CommandContext) throws -> String {
    let variants = args.list("prompt-variant")
    guard let first = variants.first else { return try VariantsCommand.readPrompt(args, context) }
    if args.value("prompt") != nil || args.value("prompt-file") != nil {
      throw RepriseError.usage("--prompt-variant replaces --prompt and --prompt-file: give every wording as a --prompt-variant")
    }
    return first
  }

  /// Fills the sweep of `options`, discovering every swept model.
  static func apply(_ args: ParsedArguments, to options: inout VariantOptions, context: CommandContext) async throws {
    options.sweep = try SweepArguments.parse(args.list("sweep"), promptVariants: args.list("prompt-variant"))
    options.skipInvalidCells = args.flag("skip-invalid-cells")
    for axis in options.sweep.map(\.axis) {
      if let flag = flagOfAxis[axis], args.value(flag) != nil {
        throw RepriseError.usage("--\(flag) and --sweep \(axis.rawValue)=... cannot be combined: list every value in the sweep")
      }
    }
    guard options.sweep.contains(where: { $0.axis == .model }) else { return }
    var outcomes: [(model: String, outcome: ModelDiscovery.Outcome)] = []
    for model in options.sweptModels {
      let outcome = await ModelDiscovery.discover(model: model, environment: context.environment)
      if let note = outcome.note { options.planningNotes.append("note: " + note) }
      if let reason = outcome.fallbackReason, context.environment["REPRISE_MODEL_DISCOVERY"] != "off" {
        options.planningNotes.append("note: \(reason): planning \(model) from the built-in model table")
      }
      outcomes.append((model, outcome))
    }
    options.useDiscovery(outcomes)
  }
}
