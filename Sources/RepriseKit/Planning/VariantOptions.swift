/// What the user asked `variants` for, typed. The CLI fills it from flags; `validate()` checks
/// every value and names the flag in its error.
public struct VariantOptions: Sendable {
  /// `--prompt` text (or the contents of `--prompt-file`).
  public var prompt: String
  /// `--count`, 1...1000.
  public var count: Int
  /// `--out-dir`.
  public var outDir: String
  /// `--prefix`.
  public var prefix: String = "image"
  /// `--ext`.
  public var ext: String = "png"
  /// `--model`.
  public var model: String = VariantOptions.defaultModel
  /// `--transport`.
  public var transport: TransportChoice = .auto
  /// `--image-size`.
  public var imageSize: String?
  /// `--aspect-ratio`.
  public var aspectRatio: String?
  /// `--baseline-image`.
  public var baselineImage: String?
  /// `--baseline-source-kind`.
  public var baselineSourceKind: String?
  /// `--confirm-external-upload`.
  public var confirmExternalUpload = false
  /// `--workspace-root` (absolute).
  public var workspaceRoot: String
  /// `--max-baseline-mb`.
  public var maxBaselineMB: Double = 10
  /// `--variation-strength`.
  public var variationStrength: String?
  /// `--must-keep`, repeatable.
  public var mustKeep: [String] = []
  /// `--lock-palette` / `--no-lock-palette`; nil when not given.
  public var lockPalette: Bool?
  /// `--lock-composition` / `--no-lock-composition`; nil when not given.
  public var lockComposition: Bool?
  /// `--allow-no-baseline-on-edit-intent`.
  public var allowNoBaselineOnEditIntent = false
  /// `--seed`.
  public var seed: Int64?
  /// `--request-id`.
  public var requestID: String?
  /// `--max-jobs`.
  public var maxJobs: Int?
  /// `--start-index`.
  public var startIndex: Int = 1
  // Iteration and brand palette.
  /// `--palette`, normalised by `BrandPalette.parse`; nil when not given.
  public var palette: [String]?
  /// The job this batch iterates from (`reprise iterate`), recorded as `spec.parent`; its
  /// `sha256` must be the baseline's. Nil for `variants`.
  public var parent: IterationParent?
  /// What reprise knows about models: the `reprise models` cache when present, else built in.
  package var capabilityTable: [ModelCapabilities] = ModelCapabilities.builtIn

  /// Capabilities of the chosen model.
  package var capabilities: ModelCapabilities { ModelCapabilities.lookup(model, in: capabilityTable) }
  /// `--provider`: pin the providers that may serve the requests.
  public var provider: ProviderPin?
  /// Where the capabilities came from when not from discovery (`built-in`), recorded in the spec;
  /// nil when discovery (or its cache) answered.
  package var capabilitiesSource: String?
  /// Lines to show once the options are checked (e.g. that the built-in table was used).
  package var planningNotes: [String] = []

  // Sweeps (issue 16).
  /// `--sweep AXIS=V1,...` and `--prompt-variant`, parsed (`SweepArguments`); empty: not a sweep.
  public var sweep: [SweepAxisValues] = []
  /// `--skip-invalid-cells`: plan the valid cells of a sweep, recording the others as skipped.
  public var skipInvalidCells = false

  /// The batch's request parameters (request format 2), shaped to what the model takes.
  /// - Throws: a usage error naming the flag, the model and what it takes.
  package func requestParameters() throws(RepriseError) -> RequestParameters {
    try RequestShaper.parameters(
      capabilities,
      RequestShaper.Request(choice: transport, aspectRatio: aspectRatio, imageSize: imageSize, ext: ext, seedGiven: seed != nil, provider: provider))
  }

  /// The model used when `--model` is not given.
  public static let defaultModel = "google/gemini-3.1-flash-image-preview"
  /// Largest `--count`.
  public static let maxCount = 1000
  /// Longest prompt accepted, in characters.
  public static let maxPromptCharacters = 32_000

  /// Options with the required values; everything else at its default.
  public init(prompt: String, count: Int, outDir: String, workspaceRoot: String) {
    self.prompt = prompt
    self.count = count
    self.outDir = outDir
    self.workspaceRoot = workspaceRoot
  }

  /// Validates and reads `--baseline-image` under these options' policy (workspace root, size
  /// limit, upload consent); nil when no baseline was given.
  /// - Parameter manifestFolder: where a local path is recorded relative to.
  package func loadBaseline(currentDirectory: String, manifestFolder: String) throws(RepriseError) -> BaselineImage? {
    guard let given = baselineImage else { return nil }
    let loader = BaselineLoader(
      workspaceRoot: PathMath.absolute(workspaceRoot, base: currentDirectory), maxBytes: Int(maxBaselineMB * 1_048_576),
      confirmExternalUpload: confirmExternalUpload, currentDirectory: currentDirectory)
    return try loader.load(given, sourceKind: baselineSourceKind, manifestFolder: manifestFolder)
  }

  /// Checks every value; throws a usage error (exit 64) naming the flag and what is accepted.
  public func validate() throws(RepriseError) {
    if prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw .usage("--prompt is empty: describe the image to make")
    }
    if prompt.count > VariantOptions.maxPromptCharacters {
      throw .usage("--prompt is \(prompt.count) characters: at most \(VariantOptions.maxPromptCharacters) are accepted")
    }
    guard (1...VariantOptions.maxCount).contains(count) else {
      throw .usage("--count \(count) is out of range: accepted 1 to \(VariantOptions.maxCount)")
    }
    try VariantOptions.validatePrefix(prefix)
    guard ImageOptions.extensions.contains(ext) else {
      throw .usage("--ext '\(ext)' is not accepted: use png, jpg or webp")
    }
    guard ModelCapabilities.isValidID(model) else {
      throw .usage("--model '\(model)' is not a model id: use author/slug, e.g. \(VariantOptions.defaultModel)")
    }
    if let imageSize, !ImageOptions.imageSizes.contains(imageSize) && !ImageOptions.sizeTiers.contains(imageSize) {
      throw .usage("--image-size '\(imageSize)' is not accepted: use low, medium or high (or a tier: 0.5K, 512, 1K, 2K, 4K)")
    }
    if let variationStrength, !ImageOptions.strengths.contains(variationStrength) {
      throw .usage("--variation-strength '\(variationStrength)' is not accepted: use low, medium or high")
    }
    if let kind = baselineSourceKind, !ImageOptions.baselineSourceKinds.contains(kind) {
      throw .usage("--baseline-source-kind '\(kind)' is not accepted: use current_attachment, reply_attachment or explicit_path_or_url")
    }
    if baselineSourceKind != nil && baselineImage == nil {
      throw .usage("--baseline-source-kind needs --baseline-image")
    }
    guard maxBaselineMB > 0, maxBaselineMB <= 1024 else {
      throw .usage("--max-baseline-mb \(maxBaselineMB) is out of range: accepted more than 0, up to 1024")
    }
    for item in mustKeep where item.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || item.contains("\n") {
      throw .usage("--must-keep '\(item)' must be one non-empty line")
    }
    if let seed, !(0..<SeedRule.modulus).contains(seed) {
      throw .usage("--seed \(seed) is out of range: accepted 0 to \(SeedRule.modulus - 1)")
    }
    if sweep.isEmpty {
      _ = try requestParameters()
    } else {
      guard startIndex >= 1 else { throw .usage("--start-index \(startIndex) is out of range with --sweep: accepted 1 to 1000000") }
      let cells = try SweepPlanner.resolve(self).cells.count
      guard count * cells <= VariantOptions.maxCount else {
        throw .usage("--count \(count) x \(cells) cells is \(count * cells) jobs: a sweep plans at most \(VariantOptions.maxCount) per batch")
      }
    }
    if skipInvalidCells && sweep.isEmpty { throw .usage("--skip-invalid-cells needs --sweep or --prompt-variant") }
    if let requestID { try VariantOptions.validateRequestID(requestID) }
    if let maxJobs, maxJobs < 1 {
      throw .usage("--max-jobs \(maxJobs) is out of range: accepted 1 or more")
    }
    guard (0...1_000_000).contains(startIndex) else {
      throw .usage("--start-index \(startIndex) is out of range: accepted 0 to 1000000")
    }
    if let palette, !BrandPalette.isNormalised(palette) {
      throw .usage("--palette \(palette.joined(separator: ",")) is not accepted: use \(BrandPalette.accepted)")
    }
  }

  /// `--prefix`: 1-64 of `[A-Za-z0-9._-]`, not starting with `.` (a hidden file) or `-` (read
  /// as an option by the tools the output names are given to).
  public static func validatePrefix(_ prefix: String) throws(RepriseError) {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
    guard (1...64).contains(prefix.unicodeScalars.count), prefix.unicodeScalars.allSatisfy({ allowed.contains($0) }), !prefix.hasPrefix("."),
      !prefix.hasPrefix("-")
    else {
      throw .usage("--prefix '\(prefix)' is not accepted: use 1-64 of A-Z a-z 0-9 . _ - not starting with '.' or '-'")
    }
  }

  /// `--request-id`: 1-128 of `[A-Za-z0-9._:-]`, no leading dot (it becomes a file name).
  public static func validateRequestID(_ id: String) throws(RepriseError) {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-".unicodeScalars)
    guard (1...128).contains(id.unicodeScalars.count), id.unicodeScalars.allSatisfy({ allowed.contains($0) }), !id.hasPrefix(".") else {
      throw .usage("--request-id '\(id)' is not accepted: use 1-128 of A-Z a-z 0-9 . _ : - with no leading dot")
    }
  }
}

import Foundation

extension VariantOptions {
  /// Plans with discovery's record of the model when there is one, else with the built-in
  /// table, recording `capabilities_source: built-in`.
  package mutating func useDiscovery(_ outcome: ModelDiscovery.Outcome) {
    if let record = outcome.discovered {
      capabilityTable = [ModelCapabilities.lookup(model, in: capabilityTable).with(record)] + capabilityTable
      capabilitiesSource = nil
    } else {
      capabilityTable = ModelCapabilities.builtIn
      capabilitiesSource = "built-in"
    }
  }
}
