import RepriseCodecs

// TEMPORARY stand-in until helper-codecs' RepriseCodecs.ImageDecoder is merged (same signatures);
// removed at that merge. It decodes nothing.

/// Limits a decode stays within.
package struct DecodeLimits: Sendable {
  /// The default limits.
  package static let standard = DecodeLimits()
}

/// Why an image was not decoded.
package enum ImageDecodeError: Error, Sendable {
  /// A format or feature not decoded.
  case unsupported(format: String, reason: String)
  /// A broken file.
  case malformed(format: String, reason: String)
  /// Over the limits.
  case tooLarge(format: String, reason: String)

  /// One line: `png: CRC mismatch ...`.
  package var message: String {
    switch self {
    case .unsupported(let f, let r), .malformed(let f, let r), .tooLarge(let f, let r): return "\(f): \(r)"
    }
  }
}

/// The decoder measures call (RepriseKit has an `ImageDecoder` of its own, for base64 payloads).
enum MeasureDecoder {
  /// Always refuses.
  static func decode(_ bytes: [UInt8]) throws(ImageDecodeError) -> DecodedImage {
    throw .unsupported(format: "image", reason: "decoder not merged yet")
  }
}
