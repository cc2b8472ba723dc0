/// How a request reaches OpenRouter.
public enum Transport: String, Sendable, CaseIterable {
  /// `POST /chat/completions` with `modalities` and `image_config`.
  case chat
  /// `POST /images`, the dedicated Image API.
  case images

  /// The path below the base URL.
  public var path: String { self == .chat ? "/chat/completions" : "/images" }
}

/// What the user asked for with `--transport`.
public enum TransportChoice: String, Sendable, CaseIterable {
  /// `images` for image-only models, `chat` otherwise.
  case auto
  case chat
  case images
}
