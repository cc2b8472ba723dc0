import Foundation

/// Checks the setup before a run: the key, the base URL, `REPRISE_MAX_RESPONSE_MB`, the output
/// and queue folders (without writing anything), the model id and, online, that the key works
/// and the model outputs images.
package struct PreflightChecks: Sendable {
  /// The environment the configuration is read from.
  package var environment: [String: String]
  /// Relative folders are resolved against this.
  package var currentDirectory: String
  /// The output folder, as given (for messages).
  package var outDir: String
  /// The queue folder, as given.
  package var queueDir: String
  /// The model id to check.
  package var model: String
  /// Also ask OpenRouter (when a key is set and the base URL is fine).
  package var online: Bool
  /// Images the plan will ask for (`--count`), for the estimate compared with the key's limit.
  package var images = 1
  /// `--image-size`, for the estimate.
  package var imageSize: String?

  /// Checks as given.
  package init(environment: [String: String], currentDirectory: String, outDir: String, queueDir: String, model: String, online: Bool) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.outDir = outDir
    self.queueDir = queueDir
    self.model = model
    self.online = online
  }

  /// Runs every check; never throws: a failure is a failed check.
  package func run() async -> PreflightReport {
    let configuration = OpenRouterConfiguration(environment: environment)
    var checks: [PreflightCheck] = []
    checks.append(configuration.apiKey != nil
      ? PreflightCheck(name: "api_key", ok: true, detail: "OPENROUTER_API_KEY is set")
        : PreflightCheck(
          name: "api_key", ok: false, detail: "OPENROUTER_API_KEY is not set", fixup: "export OPENROUTER_API_KEY=\"<your key from https://openrouter.ai/keys>\""
        ))
    if let problem = configuration.baseURLProblem {
      checks.append(
        PreflightCheck(
          name: "base_url", ok: false, detail: problem,
          fixup: "unset OPENROUTER_BASE_URL  # or: export OPENROUTER_BASE_URL=\(OpenRouterConfiguration.defaultBaseURL)"))
    } else {
      checks.append(PreflightCheck(name: "base_url", ok: true, detail: "OPENROUTER_BASE_URL \(configuration.baseURL)"))
    }
    if let problem = configuration.maxResponseProblem {
      checks.append(
        PreflightCheck(name: "max_response_mb", ok: false, detail: problem, fixup: "unset REPRISE_MAX_RESPONSE_MB  # or: export REPRISE_MAX_RESPONSE_MB=64"))
    }
    for (name, flag, dir) in [("out_dir", "out-dir", outDir), ("queue_dir", "queue-dir", queueDir)] {
      let finding = FolderProbe.check(dir, absolute: PathMath.absolute(dir, base: currentDirectory), flag: flag)
      checks.append(PreflightCheck(name: name, ok: finding.problem == nil, detail: finding.detail, fixup: finding.fixup))
    }
    let modelOK = ModelCapabilities.isValidID(model)
    checks.append(
      PreflightCheck(
        name: "model_id", ok: modelOK, detail: modelOK ? "\(model) is a well-formed model id" : "'\(model)' is not author/slug",
        fixup: modelOK ? nil : "reprise models  # pick an id, then pass --model <id>"))
    if online, configuration.apiKey != nil, configuration.baseURLProblem == nil {
      checks += await onlineChecks(configuration)
    }
    return PreflightReport(checks: checks)
  }

  /// `key_works` and `model_available`, asked of OpenRouter.
  private func onlineChecks(_ configuration: OpenRouterConfiguration) async -> [PreflightCheck] {
    let client = ModelCatalogClient(configuration: configuration)
    let keyError = await client.checkKey()
    var checks = [
      PreflightCheck(
        name: "key_works", ok: keyError == nil, detail: keyError.map { "key rejected or unreachable: \($0.description)" } ?? "OpenRouter accepted the key",
        fixup: keyError == nil ? nil : "export OPENROUTER_API_KEY=\"<a valid key from https://openrouter.ai/keys>\"")
    ]
    switch await client.imageModels() {
    case .success(let models):
      let found = models.first { $0.id == model }
      if keyError == nil { checks.append(await limitCheck(client, listing: found)) }
      let outputsImage = found?.outputModalities.contains("image") ?? false
      checks.append(
        PreflightCheck(
          name: "model_available", ok: outputsImage,
          detail: outputsImage ? "\(model) is listed and outputs images" : "\(model) is not among OpenRouter's image models",
          fixup: outputsImage ? nil : "reprise models --refresh  # then pass --model <id>"))
    case .failure(let error):
      checks.append(
        PreflightCheck(
          name: "model_available", ok: false, detail: "cannot list models: \(error.description)",
          fixup: "curl -sS \(configuration.baseURL)/models?output_modalities=image | head"))
    }
    return checks
  }

  /// `key_limit`: the plan's estimate (from the model's pricing) against the key's `limit_remaining`.
  private func limitCheck(_ client: ModelCatalogClient, listing: ModelListing?) async -> PreflightCheck {
    let estimate = listing.flatMap { CostEstimate(listing: $0, images: images, imageSize: imageSize) }
    let money = { (v: Double) in "$" + String(format: "%.4f", v) }
    switch await client.keyLimitRemaining() {
    case .failure(let error):
      return PreflightCheck(
        name: "key_limit", ok: false, detail: "cannot read the key's limit: \(error.description)", fixup: "curl -sS \(client.configuration.baseURL)/key")
    case .success(nil):
      return PreflightCheck(name: "key_limit", ok: true, detail: "the key has no credit limit")
    case .success(let remaining?):
      guard let estimate else {
        return PreflightCheck(name: "key_limit", ok: true, detail: "the key has \(money(remaining)) of its limit left (no price known for \(model) to compare)")
      }
      let phrase = "estimate \(money(estimate.total)) for \(images) image\(images == 1 ? "" : "s") (\(estimate.basis))"
      guard estimate.total <= remaining else {
        return PreflightCheck(
          name: "key_limit", ok: false, detail: "\(phrase) exceeds the key's limit_remaining \(money(remaining))",
          fixup: "raise the key's limit at https://openrouter.ai/settings/keys, or plan fewer images (--count)")
      }
      return PreflightCheck(name: "key_limit", ok: true, detail: "\(phrase) fits the key's limit_remaining \(money(remaining))")
    }
  }
}
