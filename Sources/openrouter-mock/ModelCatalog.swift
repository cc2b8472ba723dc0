import Foundation

/// The models the mock serves, shaped after OpenRouter's listing (prices from public model pages).
enum ModelCatalog {
  static let all: [MockModel] = [
    MockModel(
      id: "google/gemini-2.5-flash-image", canonicalSlug: "google/gemini-2.5-flash-image", name: "Google: Nano Banana (Gemini 2.5 Flash Image)",
      created: 1_759_795_200, description: "Gemini 2.5 Flash Image: image generation and editing.", contextLength: 32768,
      inputModalities: ["image", "text"], outputModalities: ["image", "text"], providerName: "Google", servedOnChat: true,
      promptPrice: "0.0000003", completionPrice: "0.0000025", imageTokenPrice: "0.00003", imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "response_format", "seed", "structured_outputs", "temperature", "top_p"],
      hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 1290, "2K": 1290, "4K": 1290]),
    MockModel(
      id: "google/gemini-3.1-flash-image-preview", canonicalSlug: "google/gemini-3.1-flash-image-preview-20260226",
      name: "Google: Nano Banana 2 (Gemini 3.1 Flash Image Preview)", created: 1_772_064_000,
      description: "Gemini 3.1 Flash Image: fast image generation with extended aspect ratios.", contextLength: 131072,
      inputModalities: ["image", "text"], outputModalities: ["image", "text"], providerName: "Google", servedOnChat: true,
      promptPrice: "0.0000005", completionPrice: "0.000003", imageTokenPrice: "0.00006", imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "reasoning", "seed", "temperature", "top_p"],
      hasExtendedOptions: true, reasoningTokens: 0, imageTokensBySize: ["0.5K": 747, "1K": 1120, "2K": 1680, "4K": 2520]),
    MockModel(
      id: "google/gemini-3-pro-image-preview", canonicalSlug: "google/gemini-3-pro-image-preview-20251120",
      name: "Google: Nano Banana Pro (Gemini 3 Pro Image Preview)", created: 1_763_596_800,
      description: "Gemini 3 Pro Image: a thinking image model.", contextLength: 65536,
      inputModalities: ["image", "text"], outputModalities: ["image", "text"], providerName: "Google", servedOnChat: true,
      promptPrice: "0.000002", completionPrice: "0.000012", imageTokenPrice: "0.00012", imageOutputPrice: nil,
      supportedParameters: ["include_reasoning", "max_tokens", "reasoning", "seed", "temperature", "top_p"],
      hasExtendedOptions: false, reasoningTokens: 225, imageTokensBySize: ["1K": 1120, "2K": 1120, "4K": 2000]),
    MockModel(
      id: "google/gemini-3.1-flash-lite-image", canonicalSlug: "google/gemini-3.1-flash-lite-image-20260805",
      name: "Google: Gemini 3.1 Flash Lite Image", created: 1_786_000_000,
      description: "Gemini 3.1 Flash Lite Image: low-cost image generation (JPEG unless output_format asks otherwise on the Image API).",
      contextLength: 65536, inputModalities: ["image", "text"], outputModalities: ["image", "text"], providerName: "Google AI Studio", servedOnChat: true,
      promptPrice: "0.00000025", completionPrice: "0.0000015", imageTokenPrice: "0.00003", imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "seed", "temperature", "top_p"],
      hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["0.5K": 560, "1K": 1120, "2K": 1680]),
    MockModel(
      id: "openai/gpt-5-image", canonicalSlug: "openai/gpt-5-image", name: "OpenAI: GPT-5 Image", created: 1_760_400_000,
      description: "GPT-5 with native image generation.", contextLength: 400000,
      inputModalities: ["image", "text", "file"], outputModalities: ["image", "text"], providerName: "OpenAI", servedOnChat: true,
      promptPrice: "0.00001", completionPrice: "0.00001", imageTokenPrice: "0.00004", imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "reasoning", "response_format", "structured_outputs"],
      hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 1056, "2K": 1056, "4K": 1056]),
    MockModel(
      id: "openai/gpt-5-image-mini", canonicalSlug: "openai/gpt-5-image-mini", name: "OpenAI: GPT-5 Image Mini", created: 1_760_486_400,
      description: "A smaller GPT-5 with native image generation.", contextLength: 400000,
      inputModalities: ["image", "text", "file"], outputModalities: ["image", "text"], providerName: "OpenAI", servedOnChat: true,
      promptPrice: "0.0000025", completionPrice: "0.000002", imageTokenPrice: "0.000008", imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "reasoning", "response_format", "structured_outputs"],
      hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 1056, "2K": 1056, "4K": 1056]),
    MockModel(
      id: "black-forest-labs/flux.2-pro", canonicalSlug: "black-forest-labs/flux.2-pro", name: "Black Forest Labs: FLUX.2 Pro",
      created: 1_764_028_800, description: "FLUX.2 [pro]: image generation and editing.", contextLength: 46864,
      inputModalities: ["image", "text"], outputModalities: ["image"], providerName: "Black Forest Labs", servedOnChat: true,
      promptPrice: "0", completionPrice: "0", imageTokenPrice: nil, imageOutputPrice: "0.03",
      supportedParameters: ["seed"], hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 4096]),
    MockModel(
      id: "black-forest-labs/flux.2-flex", canonicalSlug: "black-forest-labs/flux.2-flex", name: "Black Forest Labs: FLUX.2 Flex",
      created: 1_764_028_800, description: "FLUX.2 [flex]: adjustable steps and guidance.", contextLength: 67344,
      inputModalities: ["image", "text"], outputModalities: ["image"], providerName: "Black Forest Labs", servedOnChat: true,
      promptPrice: "0", completionPrice: "0", imageTokenPrice: nil, imageOutputPrice: "0.06",
      supportedParameters: ["seed"], hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 4096]),
    MockModel(
      id: "bytedance-seed/seedream-4.5", canonicalSlug: "bytedance-seed/seedream-4.5", name: "ByteDance Seed: Seedream 4.5",
      created: 1_764_806_400, description: "Seedream 4.5: high-resolution image generation.", contextLength: 4096,
      inputModalities: ["image", "text"], outputModalities: ["image"], providerName: "Seed", servedOnChat: true,
      promptPrice: "0", completionPrice: "0", imageTokenPrice: nil, imageOutputPrice: "0.04",
      supportedParameters: ["seed"], hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 4096]),
    MockModel(
      id: "sourceful/riverflow-v2-fast", canonicalSlug: "sourceful/riverflow-v2-fast", name: "Sourceful: Riverflow V2 Fast",
      created: 1_765_411_200, description: "Riverflow V2 Fast: quick design-oriented image generation.", contextLength: 8192,
      inputModalities: ["image", "text"], outputModalities: ["image"], providerName: "Sourceful", servedOnChat: true,
      promptPrice: "0", completionPrice: "0", imageTokenPrice: nil, imageOutputPrice: "0.02",
      supportedParameters: ["seed"], hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 4096]),
    MockModel(
      id: "openai/gpt-image-2", canonicalSlug: "openai/gpt-image-2", name: "OpenAI: GPT Image 2", created: 1_776_902_400,
      description: "GPT Image 2: served through the Image API (POST /api/v1/images) only.", contextLength: 32000,
      inputModalities: ["image", "text"], outputModalities: ["image"], providerName: "OpenAI", servedOnChat: false,
      promptPrice: "0.000005", completionPrice: "0.00001", imageTokenPrice: nil, imageOutputPrice: "0.13",
      supportedParameters: ["seed"], hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: ["1K": 4160]),
    MockModel(
      id: "openai/gpt-4o-mini", canonicalSlug: "openai/gpt-4o-mini-2024-07-18", name: "OpenAI: GPT-4o-mini", created: 1_721_260_800,
      description: "A small, fast text model (no image output).", contextLength: 128000,
      inputModalities: ["text", "image", "file"], outputModalities: ["text"], providerName: "OpenAI", servedOnChat: true,
      promptPrice: "0.00000015", completionPrice: "0.0000006", imageTokenPrice: nil, imageOutputPrice: nil,
      supportedParameters: ["max_tokens", "response_format", "seed", "temperature", "tools", "top_p"],
      hasExtendedOptions: false, reasoningTokens: 0, imageTokensBySize: [:]),
  ]

  static func model(id: String) -> MockModel? { all.first(where: { $0.id == id }) }

  /// Models whose output modalities include any of `filter` ("all" lists everything). OpenRouter's default
  /// filter is "text", which hides image-only models.
  static func listing(outputModalities filter: String?) -> [MockModel] {
    let wanted = Set((filter ?? "text").lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
    if wanted.contains("all") { return all }
    return all.filter { !wanted.isDisjoint(with: $0.outputModalities) }
  }

  /// Aspect ratios the chat path accepts for `model` (Gemini's set, plus the extended ones for 3.1 Flash).
  static func chatAspectRatios(for model: MockModel) -> [String] {
    let standard = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"]
    return model.hasExtendedOptions ? standard + ["1:4", "4:1", "1:8", "8:1"] : standard
  }

  /// Image sizes the chat path accepts for `model`.
  static func chatImageSizes(for model: MockModel) -> [String] {
    model.hasExtendedOptions ? ["0.5K", "1K", "2K", "4K"] : ["1K", "2K", "4K"]
  }

  /// The Image API's `aspect_ratio` enum.
  static let imageAPIAspectRatios = [
    "1:1", "1:2", "1:4", "1:8", "2:1", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16", "16:9", "9:19.5",
    "19.5:9", "9:20", "20:9", "9:21", "21:9", "auto",
  ]

  /// The Image API's `resolution` enum.
  static let imageAPIResolutions = ["512", "1K", "2K", "4K"]
}
