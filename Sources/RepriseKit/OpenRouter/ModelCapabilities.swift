/// What reprise knows about a model: whether it also outputs text (which decides `modalities`
/// and the `auto` transport) and which image options it takes.
package struct ModelCapabilities: Sendable, Equatable {
  /// The model id, e.g. `google/gemini-3.1-flash-image-preview`.
  package let id: String
  /// True when the model outputs text as well as images (`modalities: ["image","text"]`).
  package let outputsText: Bool
  /// True when the model is served only by `POST /images` (never by chat completions).
  package let imagesAPIOnly: Bool
  /// True when the model takes `1:4`, `4:1`, `1:8`, `8:1`.
  package let supportsExtendedAspectRatios: Bool
  /// True when the chat path takes `image_config.image_size`.
  package let supportsImageSize: Bool
  /// False for models whose chat path takes no `image_config` (the gpt-5-image family sizes its
  /// images itself): `--aspect-ratio` and `--image-size` are refused for them on chat.
  package let takesChatImageConfig: Bool
  /// What discovery said, or nil when these capabilities come from the built-in table.
  package let discovered: DiscoveredModel?

  /// Capabilities as given.
  package init(
    id: String, outputsText: Bool, imagesAPIOnly: Bool = false, supportsExtendedAspectRatios: Bool = false, supportsImageSize: Bool = false,
    takesChatImageConfig: Bool = true, discovered: DiscoveredModel? = nil
  ) {
    self.id = id
    self.outputsText = outputsText
    self.imagesAPIOnly = imagesAPIOnly
    self.supportsExtendedAspectRatios = supportsExtendedAspectRatios
    self.supportsImageSize = supportsImageSize
    self.takesChatImageConfig = takesChatImageConfig
    self.discovered = discovered
  }

  /// These capabilities with discovery's answer: modalities and the transports from `discovered`,
  /// the chat path's `image_config` knowledge (aspect ratio and size sets) from the built-in entry.
  package func with(_ discovered: DiscoveredModel) -> ModelCapabilities {
    ModelCapabilities(
      id: id, outputsText: discovered.outputModalities.contains("text"), imagesAPIOnly: imagesAPIOnly || (discovered.onImagesAPI && !discovered.onChat),
      supportsExtendedAspectRatios: supportsExtendedAspectRatios, supportsImageSize: supportsImageSize, takesChatImageConfig: takesChatImageConfig,
      discovered: discovered)
  }

  /// The `modalities` array for the chat path.
  package var modalities: [String] { outputsText ? ["image", "text"] : ["image"] }

  /// The transport `auto` picks: `images` for image-only models, `chat` otherwise.
  package var automaticTransport: Transport {
    guard let discovered else { return outputsText ? .chat : .images }
    if discovered.onChat && (outputsText || !discovered.onImagesAPI) { return .chat }
    return discovered.onImagesAPI ? .images : .chat
  }

  /// Built-in knowledge of OpenRouter's image models (openrouter-api.md §5.2). Used when no
  /// `reprise models` cache is present.
  package static let builtIn: [ModelCapabilities] = [
    ModelCapabilities(id: "google/gemini-2.5-flash-image", outputsText: true),
    ModelCapabilities(id: "google/gemini-2.5-flash-image-preview", outputsText: true),
    ModelCapabilities(id: "google/gemini-3-pro-image-preview", outputsText: true, supportsImageSize: true),
    ModelCapabilities(id: "google/gemini-3-pro-image", outputsText: true, supportsImageSize: true),
    ModelCapabilities(id: "google/gemini-3.1-flash-image-preview", outputsText: true, supportsExtendedAspectRatios: true, supportsImageSize: true),
    ModelCapabilities(id: "google/gemini-3.1-flash-image", outputsText: true, supportsExtendedAspectRatios: true, supportsImageSize: true),
    ModelCapabilities(id: "openai/gpt-5-image", outputsText: true, takesChatImageConfig: false),
    ModelCapabilities(id: "openai/gpt-5-image-mini", outputsText: true, takesChatImageConfig: false),
    ModelCapabilities(id: "openai/gpt-5.4-image-2", outputsText: true),
    ModelCapabilities(id: "openai/gpt-image-1", outputsText: false, imagesAPIOnly: true),
    ModelCapabilities(id: "openai/gpt-image-2", outputsText: false, imagesAPIOnly: true),
    ModelCapabilities(id: "black-forest-labs/flux.2-pro", outputsText: false),
    ModelCapabilities(id: "black-forest-labs/flux.2-flex", outputsText: false),
    ModelCapabilities(id: "black-forest-labs/flux.2-max", outputsText: false),
    ModelCapabilities(id: "black-forest-labs/flux.2-klein-4b", outputsText: false),
    ModelCapabilities(id: "bytedance-seed/seedream-4.5", outputsText: false),
    ModelCapabilities(id: "bytedance-seed/seedream-5-0-lite", outputsText: false),
    ModelCapabilities(id: "bytedance-seed/seedream-5-0-pro", outputsText: false, imagesAPIOnly: true),
    ModelCapabilities(id: "sourceful/riverflow-v2-fast", outputsText: false),
    ModelCapabilities(id: "sourceful/riverflow-v2-pro", outputsText: false),
    ModelCapabilities(id: "recraft/recraft-v3", outputsText: false),
    ModelCapabilities(id: "recraft/recraft-v4", outputsText: false),
    ModelCapabilities(id: "microsoft/mai-image-2.5", outputsText: false),
    ModelCapabilities(id: "x-ai/grok-imagine-image-quality", outputsText: false),
  ]

  /// The built-in entry for `id`, or the assumption for an unknown model: it outputs text and
  /// image (the chat path's common case) and takes only the standard options.
  package static func lookup(_ id: String, in table: [ModelCapabilities] = builtIn) -> ModelCapabilities {
    let base = id.split(separator: ":", maxSplits: 1).first.map(String.init) ?? id
    if let known = table.first(where: { $0.id == id || $0.id == base }) { return known }
    return ModelCapabilities(id: id, outputsText: true)
  }

  /// Whether `id` looks like an OpenRouter model id: `author/slug`, optionally `:variant`.
  package static func isValidID(_ id: String) -> Bool {
    let parts = id.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, id.utf8.count <= 128 else { return false }
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
    guard parts[0].unicodeScalars.allSatisfy({ allowed.contains($0) }) else { return false }
    return parts[1].unicodeScalars.allSatisfy { allowed.contains($0) || $0 == ":" }
  }
}
