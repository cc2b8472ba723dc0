/// Everything that decides job content. Two invocations with equal specs may share a manifest;
/// any difference is refused, naming the first field that differs (see `identity`).
public struct ManifestSpec: Sendable, Equatable {
  /// The user's prompt, verbatim.
  public var prompt: String
  /// The model id requested.
  public var model: String
  /// What `--transport` said (`auto`, `chat`, `images`).
  public var transportRequested: String
  /// Resolved request parameters (transport, modalities, image options, max_tokens).
  public var request: RequestParameters
  /// `--aspect-ratio`, or nil for the model's default.
  public var aspectRatio: String?
  /// `--image-size` (`low`, `medium`, `high`), or nil.
  public var imageSize: String?
  /// The baseline, if any.
  public var baseline: BaselineRecord?
  /// Effective variation strength.
  public var variationStrength: String
  /// Effective palette lock.
  public var lockPalette: Bool
  /// Effective composition lock.
  public var lockComposition: Bool
  /// `--must-keep` items, verbatim, in the order given.
  public var mustKeep: [String]
  /// Defaults applied by the baseline rails, e.g. `variation_strength=low`.
  public var railsApplied: [String]
  /// Edit-intent phrases found in the prompt.
  public var editIntent: [String]
  /// How seeds are derived.
  public var seedRule: SeedRule
  /// Output file prefix.
  public var prefix: String
  /// Requested output extension.
  public var ext: String
  /// `spec.request_id` as a manifest written by an earlier version stored it, kept so that
  /// manifest loads, verifies and is rewritten byte for byte: nil when absent (every spec this
  /// version writes: the request id is recorded per batch), `.some(nil)` when stored as null.
  public var legacyRequestID: String??
  /// The delta catalog version used for planning.
  public var deltaCatalog: String

  // Model discovery (issue 11).
  /// `built-in` when the request was shaped from the built-in model table because discovery
  /// could not answer (offline); nil (absent) when discovery or its cache did. Not part of the
  /// identity or of a derived seed: the request parameters say what differs.
  public var capabilitiesSource: String?

  // Iteration and brand palette (`reprise iterate`, `--palette`): members written only when set,
  // so manifests without them keep their bytes, ids and seeds.
  /// `spec.parent`: the job whose output is the baseline (`reprise iterate`); absent otherwise.
  public var parent: IterationParent?
  /// `spec.palette`: `--palette` normalised (`#RRGGBB`, upper case, in order); absent without it.
  public var palette: [String]?

  // Sweeps (issue 16).
  /// The sweep's axes, cells (each with its own model and request) and skipped cells; nil
  /// (absent) for a batch that is not a sweep. Part of the identity and of a derived seed.
  public var sweep: SweepSpec?

  /// A spec as given.
  public init(
    prompt: String, model: String, transportRequested: String, request: RequestParameters, aspectRatio: String?, imageSize: String?, baseline: BaselineRecord?,
    variationStrength: String, lockPalette: Bool, lockComposition: Bool, mustKeep: [String], railsApplied: [String], editIntent: [String], seedRule: SeedRule,
    prefix: String, ext: String, deltaCatalog: String, legacyRequestID: String?? = nil
  ) {
    self.prompt = prompt
    self.model = model
    self.transportRequested = transportRequested
    self.request = request
    self.aspectRatio = aspectRatio
    self.imageSize = imageSize
    self.baseline = baseline
    self.variationStrength = variationStrength
    self.lockPalette = lockPalette
    self.lockComposition = lockComposition
    self.mustKeep = mustKeep
    self.railsApplied = railsApplied
    self.editIntent = editIntent
    self.seedRule = seedRule
    self.prefix = prefix
    self.ext = ext
    self.deltaCatalog = deltaCatalog
    self.legacyRequestID = legacyRequestID
  }

  /// The manifest form (legacy members included as stored).
  public var json: JSONValue {
    guard case .object(var members) = content else { return content }
    if let legacyRequestID { members["request_id"] = .optional(legacyRequestID) }
    if let baseline { members["baseline"] = baseline.json }
    return .object(members)
  }

  /// What a continuing invocation must match: the manifest form without what does not decide job
  /// content in any version (the legacy `request_id`, a baseline's legacy `path_as_given`),
  /// without a derived seed base, which is a hash of the rest (of the rest plus those members, in
  /// manifests written by earlier versions), and without the delta catalog version when this
  /// reprise can plan with it. Paths in differences read as in the manifest.
  public var identity: JSONValue {
    guard case .object(var members) = content else { return content }
    if seedRule.kind == "derived" { members["seed_rule"] = SeedRule(kind: "derived", base: 0).json }
    // reprise picks the catalog, not the user: a manifest recorded with any version this reprise
    // plans with is continued with that version (an unknown one still differs, and is refused).
    if DeltaCatalog.supportedVersions.contains(deltaCatalog) { members["delta_catalog"] = .string(DeltaCatalog.version) }
    members["capabilities_source"] = nil
    return .object(members)
  }

  /// The spec's members as this version writes them: what a derived seed base hashes.
  var content: JSONValue {
    let withIteration = withIterationMembers(listedContent)
    guard case .object(var members) = withIteration, capabilitiesSource != nil || sweep != nil else { return withIteration }
    if let capabilitiesSource { members["capabilities_source"] = .string(capabilitiesSource) }
    if let sweep { members["sweep"] = sweep.json }
    return .object(members)
  }

  /// The members every spec this version writes has.
  private var listedContent: JSONValue {
    .object([
      "prompt": .string(prompt),
      "model": .string(model),
      "transport_requested": .string(transportRequested),
      "request": request.json,
      "aspect_ratio": .optional(aspectRatio),
      "image_size": .optional(imageSize),
      "baseline": baseline?.content ?? .null,
      "variation_strength": .string(variationStrength),
      "lock_palette": .bool(lockPalette),
      "lock_composition": .bool(lockComposition),
      "must_keep": .strings(mustKeep),
      "rails_applied": .strings(railsApplied),
      "edit_intent": .strings(editIntent),
      "seed_rule": seedRule.json,
      "prefix": .string(prefix),
      "ext": .string(ext),
      "delta_catalog": .string(deltaCatalog),
    ])
  }

  /// `listed` with `parent` and `palette` added when set.
  private func withIterationMembers(_ listed: JSONValue) -> JSONValue {
    guard case .object(var members) = listed else { return listed }
    if let parent { members["parent"] = parent.json }
    if let palette { members["palette"] = .strings(palette) }
    return .object(members)
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    prompt = try r.string("prompt")
    model = try r.string("model")
    transportRequested = try r.string("transport_requested")
    request = try RequestParameters(reading: try r.object("request"))
    aspectRatio = try r.optionalString("aspect_ratio")
    imageSize = try r.optionalString("image_size")
    baseline = try r.optionalObject("baseline").map { (b) throws(JSONFieldError) in try BaselineRecord(reading: b) }
    variationStrength = try r.string("variation_strength")
    lockPalette = try r.bool("lock_palette")
    lockComposition = try r.bool("lock_composition")
    mustKeep = try r.strings("must_keep")
    railsApplied = try r.strings("rails_applied")
    editIntent = try r.strings("edit_intent")
    seedRule = try SeedRule(reading: try r.object("seed_rule"))
    prefix = try r.string("prefix")
    guard QueuedJob.isSafeName(prefix), prefix.count <= 64 else {
      throw JSONFieldError(path: r.path + ".prefix", expected: "1-64 of A-Z a-z 0-9 . _ - with no leading dot", found: "\"\(prefix)\"")
    }
    ext = try r.string("ext")
    if r.members["request_id"] != nil {
      let stored = try r.optionalString("request_id")
      if let stored, (try? VariantOptions.validateRequestID(stored)) == nil {
        throw JSONFieldError(path: r.path + ".request_id", expected: "1-128 of A-Z a-z 0-9 . _ : -", found: "\"\(stored)\"")
      }
      legacyRequestID = .some(stored)
    } else {
      legacyRequestID = nil
    }
    deltaCatalog = try r.string("delta_catalog")
    capabilitiesSource = r.members["capabilities_source"] != nil ? try r.optionalString("capabilities_source") : nil
    parent = try r.optionalObject("parent").map { (p) throws(JSONFieldError) in try IterationParent(reading: p) }
    if r.members["palette"] != nil {
      let colours = try r.strings("palette")
      guard BrandPalette.isNormalised(colours) else {
        throw JSONFieldError(path: r.path + ".palette", expected: "1 to \(BrandPalette.maxColours) distinct #RRGGBB colours, upper case", found: "\(colours)")
      }
      palette = colours
    }
    sweep = try r.optionalObject("sweep").map { (s) throws(JSONFieldError) in try SweepSpec(reading: s) }
  }
}
