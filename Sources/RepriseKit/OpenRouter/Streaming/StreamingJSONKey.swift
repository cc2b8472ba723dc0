/// The object keys `LargeStringExtractor` tells apart while it streams a response body: the ones
/// under which `ResponseParser` and `ResponseRedactor` read a string as an image, and the ones whose
/// subtree is used as text (`error`, `usage`), where nothing is ever replaced.
enum StreamingJSONKey: Sendable, Equatable {
  case url
  /// `image_url` or `imageUrl`.
  case imageURL
  case data
  /// `b64_json`.
  case b64JSON
  case content
  case text
  case images
  /// `inline_data` or `inlineData`.
  case inlineData
  case error
  case usage
  /// Any other key, an escaped key, or no key (an array element or the root).
  case other

  /// The key whose unescaped UTF-8 bytes are `bytes`.
  init(_ bytes: [UInt8]) {
    switch String(decoding: bytes, as: UTF8.self) {
    case "url": self = .url
    case "image_url", "imageUrl": self = .imageURL
    case "data": self = .data
    case "b64_json": self = .b64JSON
    case "content": self = .content
    case "text": self = .text
    case "images": self = .images
    case "inline_data", "inlineData": self = .inlineData
    case "error": self = .error
    case "usage": self = .usage
    default: self = .other
    }
  }

  /// Longest key worth remembering; longer keys are `.other`.
  static let longestKnown = 11
}
