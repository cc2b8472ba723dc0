/// Why an image could not be decoded, always naming the format ("png", "jpeg", "webp" or
/// "unknown") and saying in one short phrase what was wrong.
///
/// - `unsupported`: a valid file using something these decoders do not read (lossy WebP,
///   arithmetic-coded or CMYK JPEG). Callers say "not measured: <format>".
/// - `malformed`: the bytes break the format (bad CRC or Adler-32, truncated data, bad Huffman code).
/// - `tooLarge`: the header declares more than `DecodeLimits` allow; nothing was allocated for it.
public enum ImageDecodeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A valid file using a feature that is not decoded.
  case unsupported(format: String, reason: String)
  /// A file that breaks its format.
  case malformed(format: String, reason: String)
  /// A file whose declared size is over the limits.
  case tooLarge(format: String, reason: String)

  /// The format named by the error.
  public var format: String {
    switch self {
    case .unsupported(let format, _), .malformed(let format, _), .tooLarge(let format, _): format
    }
  }

  /// One line, e.g. `png: CRC mismatch in IDAT chunk 3`.
  public var message: String {
    switch self {
    case .unsupported(let format, let reason), .malformed(let format, let reason), .tooLarge(let format, let reason):
      "\(format): \(reason)"
    }
  }

  /// The same as `message`.
  public var description: String { message }
}
