/// The arguments `plan_variants` and `run_variants` share, turned into `VariantOptions` the way
/// the `variants` flags are: the output folder and a local baseline must be inside the root
/// (which is also the workspace root), an http(s) baseline is passed as given.
package enum MCPVariantsRequest {
  /// The parameters, named like the command's flags with `_` for `-`.
  package static let parameters: [MCPParameter] = [
    MCPParameter("prompt", .string, "What to make, in the user's words (kept verbatim; 1 to 32000 characters).", required: true),
    MCPParameter("count", .integer, "How many variants.", required: true, range: 1...1000),
    MCPParameter("out_dir", .string, "Folder for the manifest and images, relative to the root (created if missing).", required: true),
    MCPParameter("prefix", .string, "File prefix (default image; A-Z a-z 0-9 . _ -)."),
    MCPParameter("ext", .string, "Output format.", choices: ["png", "jpg", "webp"]),
    MCPParameter("model", .string, "OpenRouter model id (default \(VariantOptions.defaultModel))."),
    MCPParameter("image_size", .string, "Image size on models that take it.", choices: ["low", "medium", "high"]),
    MCPParameter("aspect_ratio", .string, "W:H, e.g. 1:1, 16:9."),
    MCPParameter("variation_strength", .string, "How far variants move from the prompt.", choices: ["low", "medium", "high"]),
    MCPParameter("must_keep", .strings, "Phrases every variant's prompt keeps verbatim."),
    MCPParameter("lock_palette", .boolean, "Keep the palette (default on with a baseline)."),
    MCPParameter("lock_composition", .boolean, "Keep the composition (default on with a baseline)."),
    MCPParameter("baseline_image", .string, "Image to vary: a path inside the root, or an http(s) URL."),
    MCPParameter("baseline_source_kind", .string, "Where the baseline came from.", choices: ImageOptions.baselineSourceKinds),
    MCPParameter("confirm_external_upload", .boolean, "Required with a baseline: the user agreed to send it to OpenRouter."),
    MCPParameter("allow_no_baseline_on_edit_intent", .boolean, "Plan an edit-style prompt without a baseline."),
    MCPParameter("seed", .integer, "Base seed; job i gets seed + i - 1.", range: 0...2_147_483_647),
    MCPParameter("request_id", .string, "The caller's id for this batch (1-128 of A-Z a-z 0-9 . _ : -)."),
    MCPParameter("max_jobs", .integer, "Plan only the first K indices.", range: 1...1000),
    MCPParameter("start_index", .integer, "First index (default 1).", range: 0...1_000_000),
    MCPParameter("palette", .string, "Brand colours, e.g. '#0A2540,#FF5A5F' (#RRGGBB or #RGB): recorded, put in every prompt, measured in each output."),
    MCPParameter(
      "sweep", .strings,
      "Axes to sweep, each AXIS=V1,V2 (model, aspect-ratio, image-size, variation-strength, transport, seed); the batch is their product "
        + "times count. An axis replaces its single-value argument."),
    MCPParameter("skip_invalid_cells", .boolean, "With sweep: plan the valid cells and record the others as skipped, instead of refusing."),
  ]

  /// The options, validated, and the prompt's clarify hints.
  /// - Throws: `MCPError` -32602 for a path outside the root; `RepriseError` for a value the
  ///   command would refuse.
  package static func options(_ arguments: MCPArguments, environment: [String: String]) throws -> (VariantOptions, [String]) {
    let root = arguments.root
    let prompt = arguments.string("prompt") ?? ""
    var options = VariantOptions(
      prompt: prompt, count: arguments.int("count") ?? 0, outDir: try arguments.requiredPath("out_dir"), workspaceRoot: root.path)
    let configuration = OpenRouterConfiguration(environment: environment)
    options.capabilityTable = ModelCache(environment: environment).capabilityTable(baseURL: configuration.baseURL)
    if let v = arguments.string("prefix") { options.prefix = v }
    if let v = arguments.string("ext") { options.ext = v }
    if let v = arguments.string("model") { options.model = v }
    options.useDiscovery(ModelDiscovery.cached(model: options.model, environment: environment))
    options.imageSize = arguments.string("image_size")
    options.aspectRatio = arguments.string("aspect_ratio")
    options.variationStrength = arguments.string("variation_strength")
    options.mustKeep = arguments.strings("must_keep")
    options.lockPalette = arguments.bool("lock_palette")
    options.lockComposition = arguments.bool("lock_composition")
    if let baseline = arguments.string("baseline_image") {
      let lower = baseline.lowercased()
      options.baselineImage = lower.hasPrefix("http://") || lower.hasPrefix("https://") ? baseline : try arguments.requiredPath("baseline_image")
    }
    options.baselineSourceKind = arguments.string("baseline_source_kind")
    options.confirmExternalUpload = arguments.flag("confirm_external_upload")
    options.allowNoBaselineOnEditIntent = arguments.flag("allow_no_baseline_on_edit_intent")
    options.seed = arguments.int("seed").map { Int64($0) }
    options.requestID = arguments.string("request_id")
    options.maxJobs = arguments.int("max_jobs")
    if let start = arguments.int("start_index") { options.startIndex = start }
    if let text = arguments.string("palette"), text != "none" { options.palette = try BrandPalette.parse(text, flag: "palette") }
    try sweep(arguments, into: &options, environment: environment)
    try options.validate()
    return (options, ClarifyHints.hints(for: prompt))
  }

  /// The argument each sweep axis replaces.
  static let argumentOfAxis: [SweepAxis: String] = [
    .model: "model", .aspectRatio: "aspect_ratio", .imageSize: "image_size", .variationStrength: "variation_strength", .seed: "seed",
  ]

  /// `sweep` and `skip_invalid_cells`, as `variants --sweep`: every swept model planned from the
  /// cached model list (or the built-in table).
  static func sweep(_ arguments: MCPArguments, into options: inout VariantOptions, environment: [String: String]) throws {
    let axes = arguments.strings("sweep")
    guard !axes.isEmpty else { return }
    options.sweep = try SweepArguments.parse(axes, promptVariants: [])
    options.skipInvalidCells = arguments.flag("skip_invalid_cells")
    for axis in options.sweep.map(\.axis) {
      if let name = argumentOfAxis[axis], arguments.values[name] != nil {
        throw RepriseError.usage("\(name) and sweep \(axis.rawValue)=... cannot be combined: list every value in the sweep")
      }
    }
    guard options.sweep.contains(where: { $0.axis == .model }) else { return }
    options.useDiscovery(options.sweptModels.map { ($0, ModelDiscovery.cached(model: $0, environment: environment)) })
  }

  /// The planned jobs as rows: index, job id, output path, seed, delta and final prompt.
  package static func jobRows(_ prepared: PreparedVariants, root: MCPRoot) -> [JSONValue] {
    let folder = PathMath.absolute(prepared.manifestPath, base: root.path)
    let manifestFolder = String(folder[..<(folder.lastIndex(of: "/") ?? folder.endIndex)])
    return prepared.plannedJobs.map { job in
      .object([
        "index": .int(Int64(job.index)), "job_id": .string(job.jobID), "out": .string(manifestFolder + "/" + job.out), "seed": .int(job.seed),
        "delta": .string(job.delta), "prompt": .string(job.prompt),
      ])
    }
  }

  /// The JSON Schema of one job row.
  package static let jobSchema: JSONValue = MCPTool.objectSchema(
    [
      "index": MCPTool.type("integer"), "job_id": MCPTool.type("string"), "out": MCPTool.type("string"), "seed": MCPTool.type("integer"),
      "delta": MCPTool.type("string"), "prompt": MCPTool.type("string"),
    ], required: ["index", "job_id", "out", "prompt"])
}

extension MCPVariantsRequest {
  /// The client the queued jobs' settings carry: the key comes only from the environment.
  /// - Throws: `RepriseError` (usage) without `OPENROUTER_API_KEY` or with a bad base URL.
  package static func client(environment: [String: String]) throws(RepriseError) -> OpenRouterClient {
    let configuration = OpenRouterConfiguration(environment: environment)
    guard configuration.apiKey != nil else {
      throw .usage("OPENROUTER_API_KEY is not set in the MCP server's environment: add it to the client's server entry (\"env\")")
    }
    if let problem = configuration.baseURLProblem { throw .usage(problem) }
    return OpenRouterClient(configuration: configuration, policy: RetryPolicy(maxRetries: 4), timeout: 300, debugSink: { _ in })
  }
}
