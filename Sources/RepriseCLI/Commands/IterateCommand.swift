import Foundation
import RepriseKit

/// `reprise iterate IMAGE` and `reprise iterate --from MANIFEST INDEX`: the next iteration from an
/// image reprise made, inheriting its batch's spec, run as `variants`.
enum IterateCommand {
  static let command = Command(
    name: "iterate",
    summary: "start the next iteration from an image reprise made (its batch's settings, the image as baseline)",
    usage: [
      "iterate IMAGE --confirm-external-upload [--count N] [--prompt TEXT | --prompt-append TEXT] [variants options]",
      "iterate --from MANIFEST INDEX --confirm-external-upload [options]",
    ],
    notes: [
      "The image's record (embedded, or its sidecar) names its manifest and job; the manifest is found in the",
      "image's folder or its parents (or --manifest). The image must be the output its job's result recorded",
      "(<manifest folder>/imagegen-queue): a changed image is refused (exit 2). The new batch inherits the",
      "parent's prompt, model, provider pin, transport, image size, aspect ratio, ext, must-keep items, palette, strength",
      "and locks (as its user chose them; defaults are left to the baseline rails) unless a flag overrides",
      "them; --must-keep replaces the inherited list, --palette none drops the palette. --count defaults to",
      "the parent's job count. The image is the baseline and the spec records parent {manifest_id, job_id,",
      "index, sha256}. Default folder and prefix: <stem>-v<n> inside the parent's folder, where <stem> is the",
      "parent's prefix without a trailing -v<N> and n the first number from N+1 (or 2) whose folder does not",
      "exist. Every variants flag works (--plan-only, --dry-run, --background, --request-id, --json...).",
    ],
    options: [
      .value("from", "MANIFEST", "Iterate from job INDEX of this manifest instead of an image."),
      .value("manifest", "FILE", "With IMAGE: the manifest it came from (default: found beside it)."),
      .value("prompt", "TEXT", "Replace the parent's prompt."),
      .value("prompt-file", "FILE", "Replace the parent's prompt with a UTF-8 file's text."),
      .value("prompt-append", "TEXT", "Add a line to the parent's prompt."),
      .value("count", "N", "How many variants, 1 to 1000 (default: the parent's job count)."),
      .value("out-dir", "DIR", "Folder for the new manifest (default <stem>-v<n> beside the parent)."),
      .value("prefix", "NAME", "File prefix (default <stem>-v<n>)."),
      .value("ext", "EXT", "Output extension (default the parent's)."),
    ] + SharedOptions.model.map(inheritedHelp)
      + SharedOptions.baselineAndRails.filter { !["baseline-image", "allow-no-baseline-on-edit-intent"].contains($0.name) } + [
      .value("seed", "N", "Base seed (0 to 2147483647). Default: from the new spec."),
      .value("request-id", "ID", "Caller's id for this batch."),
      .value("max-jobs", "K", "Plan only the first K indices of this batch."),
      .value("start-index", "S", "First index (default 1)."),
      VariantsCommand.paletteOption,
    ] + QueueRunner.runOptions + QueueRunner.backgroundOptions + [
      .value("max-cost", "USD", "Stop starting jobs once the spent total reaches this."),
      QueueRunner.enforceLocksOption,
    ] + MeasureCommand.thresholdOptions + [
      .flag("plan-only", "Write the manifest only."),
      .flag("dry-run", "Write nothing; print the manifest."),
      .flag("json", "Print the result as JSON."),
      QueueRunner.onCompleteOption,
    ],
    run: { args, context in try await run(args, context) })

  /// `--model`, `--transport`, `--image-size`, `--aspect-ratio` and `--provider` as iterate reads
  /// them: each defaults to what the parent's batch used.
  static func inheritedHelp(_ option: OptionSpec) -> OptionSpec {
    let help: [String: String] = [
      "model": "OpenRouter model (default the parent's).",
      "transport": "auto, chat or images (default the parent's).",
      "image-size": "low, medium, high or a tier 0.5K/512 1K 2K 4K (default the parent's).",
      "aspect-ratio": "W:H the model takes (default the parent's).",
      "provider": "Only these providers may serve the requests (default the parent's pin, if any).",
    ]
    guard let text = help[option.name], case .value(let placeholder) = option.kind else { return option }
    return .value(option.name, placeholder, text)
  }

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    let overrides = try overrides(args, context)
    let source: IterationSource
    if let manifest = args.value("from") {
      if args.value("manifest") != nil { throw RepriseError.usage("--manifest goes with IMAGE, not with --from MANIFEST INDEX") }
      guard args.positionals.count == 1, let index = Int(args.positionals[0]), index >= 0 else {
        throw RepriseError.usage("iterate --from MANIFEST needs one job index after it, e.g. iterate --from gen/crab-manifest.json 3")
      }
      source = try IterationSource.fromManifest(manifest, index: index, currentDirectory: context.currentDirectory)
    } else {
      guard args.positionals.count == 1 else {
        throw RepriseError.usage(
          args.positionals.isEmpty
            ? "iterate needs an image reprise made (or --from MANIFEST INDEX)" : "iterate takes one image, got \(args.positionals.count)")
      }
      source = try IterationSource.fromImage(args.positionals[0], manifest: args.value("manifest"), currentDirectory: context.currentDirectory)
    }
    guard args.flag("confirm-external-upload") else {
      throw RepriseError.badInput(
        "'\(source.imageName)' becomes the baseline and would be uploaded to OpenRouter: re-run with --confirm-external-upload if that is intended")
    }
    let folder = try IterationFolder.resolve(
      parentManifest: source.manifestName, parentPrefix: source.manifest.spec.prefix, outDir: overrides.outDir, prefix: overrides.prefix,
      currentDirectory: context.currentDirectory)
    var options = IterationPlanner.options(
      from: source, overrides: overrides, folder: folder, workspaceRoot: context.absolute(args.value("workspace-root") ?? "."))
    let configuration = OpenRouterConfiguration(environment: context.environment)
    options.capabilityTable = ModelCache(environment: context.environment).capabilityTable(baseURL: configuration.baseURL)
    // The parent's provider pin is inherited like its model (--provider replaces it).
    options.provider = try args.value("provider").map(ProviderPin.parse) ?? source.manifest.requestTarget(of: source.job).request.provider
    await SharedOptions.discoverCapabilities(into: &options, context: context)
    options.baselineSourceKind = args.value("baseline-source-kind")
    options.confirmExternalUpload = args.flag("confirm-external-upload")
    if let mb = try args.double("max-baseline-mb", accepted: "more than 0, up to 1024") { options.maxBaselineMB = mb }
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    options.requestID = args.value("request-id")
    options.maxJobs = try args.int("max-jobs", accepted: "1 or more")
    if let start = try args.int("start-index", accepted: "0 to 1000000") { options.startIndex = start }
    let manifest = (folder.outDir as NSString).appendingPathComponent("\(folder.prefix)-manifest.json")
    context.console.errLine("iterate: from \(source.manifestName) #\(source.job.index) (\(source.imageName)) into \(manifest)")
    return try await VariantsCommand.execute(options, args, context)
  }

  /// The flags that replace what the parent's spec says.
  static func overrides(_ args: ParsedArguments, _ context: CommandContext) throws -> IterationOverrides {
    var overrides = IterationOverrides()
    if args.value("prompt-append") != nil, args.value("prompt") != nil || args.value("prompt-file") != nil {
      throw RepriseError.usage("--prompt-append adds to the parent's prompt: it cannot be combined with --prompt or --prompt-file")
    }
    if args.value("prompt") != nil || args.value("prompt-file") != nil { overrides.prompt = try VariantsCommand.readPrompt(args, context) }
    if let append = args.value("prompt-append") {
      guard !append.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw RepriseError.usage("--prompt-append is empty: give the text to add") }
      overrides.promptAppend = append
    }
    overrides.count = try args.int("count", accepted: "1 to 1000")
    overrides.outDir = args.value("out-dir")
    overrides.prefix = args.value("prefix")
    overrides.ext = args.value("ext").map { $0.hasPrefix(".") ? String($0.dropFirst()) : $0 }
    overrides.model = args.value("model")
    if let v = args.value("transport") {
      guard let choice = TransportChoice(rawValue: v) else { throw RepriseError.usage("--transport '\(v)' is not accepted: use auto, chat or images") }
      overrides.transport = choice
    }
    overrides.imageSize = args.value("image-size")
    overrides.aspectRatio = args.value("aspect-ratio")
    overrides.variationStrength = args.value("variation-strength")
    let mustKeep = args.list("must-keep")
    overrides.mustKeep = mustKeep.isEmpty ? nil : mustKeep
    overrides.lockPalette = args.toggle("lock-palette")
    overrides.lockComposition = args.toggle("lock-composition")
    if args.value("palette") != nil { overrides.palette = .some(try VariantsCommand.palette(args)) }
    if let prefix = overrides.prefix { try VariantOptions.validatePrefix(prefix) }
    return overrides
  }
}
