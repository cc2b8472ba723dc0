/// Everything that decides job content. Two invocations with equal specs may share a manifest;
/// any difference is refused, naming the first field that differs.
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
  /// The caller's request id, if any.
  public var requestID: String?
  /// The delta catalog version used for planning.
  public var deltaCatalog: String

  /// A spec as given.
  public init(prompt: String, model: String, transportRequested: String, request: RequestParameters, aspectRatio: String?, imageSize: String?, baseline: BaselineRecord?, variationStrength: String, lockPalette: Bool, lockComposition: Bool, mustKeep: [String], railsApplied: [String], editIntent: [String], seedRule: SeedRule, prefix: String, ext: String, requestID: String?, deltaCatalog: String) {
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
    self.requestID = requestID
    self.deltaCatalog = deltaCatalog
  }

  /// The manifest form.
  public var json: JSONValue {
    .object([
      "prompt": .string(prompt),
      "model": .string(model),
      "transport_requested": .string(transportRequested),
      "request": request.json,
      "aspect_ratio": .optional(aspectRatio),
      "image_size": .optional(imageSize),
      "baseline": baseline?.json ?? .null,
      "variation_strength": .string(variationStrength),
      "lock_palette": .bool(lockPalette),
      "lock_composition": .bool(lockComposition),
      "must_keep": .strings(mustKeep),
      "rails_applied": .strings(railsApplied),
      "edit_intent": .strings(editIntent),
      "seed_rule": seedRule.json,
      "prefix": .string(prefix),
      "ext": .string(ext),
      "request_id": .optional(requestID),
      "delta_catalog": .string(deltaCatalog),
    ])
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
    requestID = try r.optionalString("request_id")
    if let requestID, (try? VariantOptions.validateRequestID(requestID)) == nil {
      throw JSONFieldError(path: r.path + ".request_id", expected: "1-128 of A-Z a-z 0-9 . _ : -", found: "\"\(requestID)\"")
    }
    deltaCatalog = try r.string("delta_catalog")
  }
}
