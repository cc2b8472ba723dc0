/// Resolves a new batch's request parameters (request format 2) from what the model takes:
/// discovery's `supported_parameters` when present, else the built-in table. Sends only what the
/// model's endpoint takes; a flag the user gave that it does not take is a usage error naming the
/// model and what it takes, never a silently dropped parameter.
package enum RequestShaper {
  /// What the user asked for, besides the model.
  package struct Request: Sendable {
    /// `--transport`.
    package var choice: TransportChoice
    /// `--aspect-ratio`.
    package var aspectRatio: String?
    /// `--image-size` (`low`/`medium`/`high` or a tier `0.5K`/`512`/`1K`/`2K`/`4K`).
    package var imageSize: String?
    /// `--ext` (`png`, `jpg`, `webp`).
    package var ext: String
    /// True when `--seed` was given.
    package var seedGiven: Bool
    /// `--provider`.
    package var provider: ProviderPin?
  }

  /// The parameters, or a usage error (exit 64).
  package static func parameters(_ capabilities: ModelCapabilities, _ request: Request) throws(RepriseError) -> RequestParameters {
    let transport = try transportFor(capabilities, request.choice)
    switch transport {
    case .chat: return try chat(capabilities, request)
    case .images: return try images(capabilities, request)
    }
  }

  /// The transport: `auto` follows discovery (or the built-in table); an explicit one the model
  /// is not served by is refused.
  static func transportFor(_ capabilities: ModelCapabilities, _ choice: TransportChoice) throws(RepriseError) -> Transport {
    let model = capabilities.id
    switch choice {
    case .auto:
      return capabilities.imagesAPIOnly ? .images : capabilities.automaticTransport
    case .chat:
      if capabilities.imagesAPIOnly || capabilities.discovered?.onChat == false {
        throw .usage("--transport chat: \(model) is served only by the Image API (POST /images): use --transport images or auto")
      }
      return .chat
    case .images:
      if let discovered = capabilities.discovered, !discovered.onImagesAPI {
        throw .usage("--transport images: \(model) is not on the Image API (GET /images/models does not list it): use --transport chat or auto")
      }
      return .images
    }
  }

  /// The chat path: `modalities`, `image_config` from the seed document's sets, `seed` and
  /// `max_tokens` when the listing's `supported_parameters` has them (always without discovery).
  static func chat(_ capabilities: ModelCapabilities, _ request: Request) throws(RepriseError) -> RequestParameters {
    let model = capabilities.id
    let listed = capabilities.discovered?.chatParameters
    let takes = { (name: String) in listed?.contains(name) ?? true }
    let takesImageConfig = capabilities.takesChatImageConfig || (listed?.contains("image_config") ?? false)
    let summary = listed.map { "its supported_parameters: \($0.sorted().joined(separator: ", "))" } ?? "built-in table"
    if request.seedGiven && !takes("seed") {
      throw .usage("--seed: \(model) takes no seed on chat completions (\(summary)): drop --seed")
    }
    var config: [String: String] = [:]
    if let ratio = request.aspectRatio {
      guard takesImageConfig else {
        throw .usage("--aspect-ratio: \(model) takes no image_config on chat completions (it sizes its images itself): drop --aspect-ratio")
      }
      let standard = ImageOptions.standardAspectRatios
      if ImageOptions.extendedAspectRatios.contains(ratio) {
        guard capabilities.supportsExtendedAspectRatios else {
          throw .usage(
            "--aspect-ratio '\(ratio)' is only supported by google/gemini-3.1-flash-image-preview: for \(model) use one of \(standard.joined(separator: ", "))")
        }
      } else if !standard.contains(ratio) {
        let all = standard + (capabilities.supportsExtendedAspectRatios ? ImageOptions.extendedAspectRatios : [])
        throw .usage("--aspect-ratio '\(ratio)' is not accepted: use one of \(all.joined(separator: ", "))")
      }
      config["aspect_ratio"] = ratio
    }
    if let size = request.imageSize, let tier = ImageOptions.tier(for: size) {
      guard takesImageConfig, capabilities.supportsImageSize else {
        throw .usage(
          "--image-size: \(model) takes no image_size on chat completions (only Gemini 3 image models do): drop --image-size, or use --transport images "
            + "where the model is on the Image API")
      }
      if tier == "0.5K" && !capabilities.supportsExtendedAspectRatios {
        throw .usage("--image-size '\(size)' is not accepted by \(model): use low, medium, high (1K, 2K, 4K)")
      }
      config["image_size"] = tier
    }
    return RequestParameters(
      transport: .chat, modalities: capabilities.modalities, imageConfig: config, aspectRatio: nil, resolution: nil,
      maxTokens: takes("max_tokens") ? 4096 : nil, format: 2, sendsSeed: takes("seed"), outputFormat: nil, provider: request.provider)
  }

  /// The Image API: only the fields the (pinned) endpoints list in `supported_parameters`, with
  /// values from their sets. Without discovery: `seed`, and what the user gave from the API's sets.
  static func images(_ capabilities: ModelCapabilities, _ request: Request) throws(RepriseError) -> RequestParameters {
    let model = capabilities.id
    let resolution = request.imageSize.flatMap(ImageOptions.tier(for:)).map { $0 == "0.5K" ? "512" : $0 }
    guard let discovered = capabilities.discovered else {
      if let ratio = request.aspectRatio, !ImageOptions.imagesAPIAspectRatios.contains(ratio) {
        throw .usage("--aspect-ratio '\(ratio)' is not accepted on the Image API: use one of \(ImageOptions.imagesAPIAspectRatios.joined(separator: ", "))")
      }
      return RequestParameters(
        transport: .images, modalities: [], imageConfig: [:], aspectRatio: request.aspectRatio, resolution: resolution, maxTokens: nil, format: 2,
        sendsSeed: true, outputFormat: nil, provider: request.provider)
    }
    let pinned = request.provider?.only ?? []
    if !pinned.isEmpty, discovered.endpoints(pinned: pinned).isEmpty {
      let names = (discovered.imageEndpoints ?? []).map { $0.providerTag ?? $0.providerSlug ?? $0.providerName ?? "?" }
      throw .usage(
        "--provider \(pinned.joined(separator: ",")): no Image API endpoint of \(model) matches; its providers: "
          + (names.isEmpty ? "none" : names.joined(separator: ", ")))
    }
    let params = discovered.imageParameters(pinned: pinned)
    let takes = describe(params)
    if request.seedGiven && params["seed"] == nil {
      throw .usage("--seed: \(model) takes no seed on the Image API (it takes: \(takes)): drop --seed")
    }
    if let ratio = request.aspectRatio {
      guard let descriptor = params["aspect_ratio"] else {
        throw .usage("--aspect-ratio: \(model) takes no aspect_ratio on the Image API (it takes: \(takes)): drop --aspect-ratio")
      }
      guard descriptor.accepts(ratio) else {
        throw .usage("--aspect-ratio '\(ratio)' is not supported by \(model) on the Image API: use one of \(descriptor.summary)")
      }
    }
    if let size = request.imageSize, let resolution {
      guard let descriptor = params["resolution"] else {
        throw .usage("--image-size: \(model) takes no resolution on the Image API (it takes: \(takes)): drop --image-size")
      }
      guard descriptor.accepts(resolution) else {
        throw .usage("--image-size '\(size)' (resolution \(resolution)) is not supported by \(model) on the Image API: it takes \(descriptor.summary)")
      }
    }
    let wanted = ImageOptions.outputFormat(forExtension: request.ext)
    let outputFormat = params["output_format"].flatMap { $0.accepts(wanted) ? wanted : nil }
    return RequestParameters(
      transport: .images, modalities: [], imageConfig: [:], aspectRatio: request.aspectRatio, resolution: resolution, maxTokens: nil, format: 2,
      sendsSeed: params["seed"] != nil, outputFormat: outputFormat, provider: request.provider)
  }

  /// `seed, aspect_ratio (1:1, 16:9), resolution (1K, 2K)`: what an endpoint takes, for error lines.
  static func describe(_ params: [String: ParameterDescriptor]) -> String {
    guard !params.isEmpty else { return "no optional parameters" }
    return params.keys.sorted().map { key in
      if case .supported = params[key]! { return key }
      return "\(key) (\(params[key]!.summary))"
    }.joined(separator: ", ")
  }
}
