/// Turns validated options (and a validated baseline) into a spec and jobs. Pure and
/// deterministic: the same inputs give byte-identical manifests on any machine.
public enum VariantPlanner {
  /// Plans the jobs of one invocation.
  /// - Parameters:
  ///   - options: validated options.
  ///   - baseline: the validated baseline, if any.
  ///   - editIntent: edit-intent phrases found in the user's prompt.
  ///   - existing: the manifest this invocation continues, if any. When its spec has the same
  ///     identity, its stored spec (and so its seed rule) is planned with, so a manifest written by
  ///     an earlier version (whose derived seed base also hashed `request_id` and the baseline's
  ///     `path_as_given`) is continued with its own seeds.
  package static func plan(_ options: VariantOptions, baseline: BaselineImage?, editIntent: [String], continuing existing: Manifest? = nil) -> VariantPlan {
    if !options.sweep.isEmpty { return SweepPlanner.plan(options, baseline: baseline, editIntent: editIntent, continuing: existing) }
    let hasBaseline = baseline != nil
    let rails = RailSettings(
      strength: options.variationStrength, lockPalette: options.lockPalette, lockComposition: options.lockComposition, hasBaseline: hasBaseline)
    let strength = rails.strength
    let lockPalette = rails.lockPalette
    let lockComposition = rails.lockComposition
    let capabilities = options.capabilities
    let formatOne = RequestBuilder.parameters(
      capabilities: capabilities, choice: options.transport, aspectRatio: options.aspectRatio, imageSize: options.imageSize)
    let parameters = (try? options.requestParameters()) ?? formatOne

    var spec = ManifestSpec(
      prompt: options.prompt, model: options.model, transportRequested: options.transport.rawValue,
      request: parameters, aspectRatio: options.aspectRatio, imageSize: options.imageSize,
      baseline: baseline?.record, variationStrength: strength, lockPalette: lockPalette,
      lockComposition: lockComposition, mustKeep: options.mustKeep, railsApplied: rails.applied,
      editIntent: editIntent, seedRule: SeedRule(kind: "derived", base: 0), prefix: options.prefix,
      ext: options.ext, deltaCatalog: DeltaCatalog.version)
    spec.parent = options.parent
    spec.palette = options.palette
    spec.deriveSeedRule(fixed: options.seed)
    spec.capabilitiesSource = options.capabilitiesSource
    if let existing, existing.spec.identity == spec.identity { spec = existing.spec }
    // A manifest of request format 1 is continued with format 1 when that is what it recorded.
    if let existing, existing.spec.request.format == 1, spec != existing.spec {
      var legacy = spec
      legacy.request = formatOne
      if existing.spec.identity == legacy.identity { spec = existing.spec }
    }

    let batch = ManifestBatch(startIndex: options.startIndex, count: options.count, maxJobs: options.maxJobs, requestID: options.requestID)
    guard let indices = batch.indices else { return VariantPlan(spec: spec, batch: batch, jobs: []) }
    let width = VariantPlanner.indexWidth(largestIndex: indices.upperBound, existing: existing)
    let constraints = PromptComposer.constraintLines(
      hasBaseline: hasBaseline, mustKeep: options.mustKeep, lockPalette: lockPalette, lockComposition: lockComposition, strength: strength,
      palette: options.palette ?? [])
    // A brand palette rules out the deltas that change colour, as the palette lock does.
    let keepsColours = lockPalette || options.palette != nil
    var jobs: [ManifestJob] = []
    jobs.reserveCapacity(indices.count)
    for index in indices {
      let delta = DeltaCatalog.delta(
        forIndex: index, strength: strength, lockPalette: keepsColours, lockComposition: lockComposition, version: spec.deltaCatalog)
      let prompt = PromptComposer.compose(userPrompt: options.prompt, constraints: constraints, delta: delta)
      let seed = spec.seedRule.seed(forIndex: index)
      let body = RequestBuilder.bytes(model: options.model, parameters: spec.request, prompt: prompt, seed: seed, baselineURL: baseline?.requestURL)
      let requestHash = SHA256.hash(body).hexString
      let padded = pad(index, width: width)
      jobs.append(ManifestJob(
        index: index, jobID: "\(options.prefix)-\(padded)-\(requestHash.prefix(8))",
        out: "\(options.prefix)-\(padded).\(options.ext)", deltaID: delta.id, delta: delta.text,
        seed: seed, prompt: prompt, requestSHA256: requestHash))
    }
    return VariantPlan(spec: spec, batch: batch, jobs: jobs)
  }

  /// The fewest digits an index is padded to in a new manifest: every `--count` from index 1
  /// (up to 1000) gets names of one width, so they sort.
  public static let minimumIndexWidth = 4

  /// How many digits this batch pads its indices to: the existing manifest's width when the
  /// largest index fits in it (so names sort across batches), else max(4, digits of the largest
  /// index). Jobs already in a manifest keep their names.
  static func indexWidth(largestIndex: Int, existing: Manifest?) -> Int {
    let needed = String(largestIndex).count
    if let width = existing?.indexWidth, needed <= width { return width }
    return max(minimumIndexWidth, needed)
  }

  /// `index` zero-padded to `width` digits.
  static func pad(_ index: Int, width: Int) -> String {
    let digits = String(index)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
  }
}
