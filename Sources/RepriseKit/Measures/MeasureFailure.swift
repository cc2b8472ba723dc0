import RepriseCodecs

/// Why an image was not measured: the decoder's one line (`png: CRC mismatch in IDAT`) and whether
/// the file is broken (`malformed`, `too large`) or only of a kind not decoded (`unsupported`, e.g.
/// lossy WebP).
public struct MeasureFailure: Error, Sendable, Equatable {
  /// The decoder's one line.
  public let message: String
  /// True for a format or feature reprise does not decode (the file itself may be fine).
  public let unsupported: Bool

  /// A failure as given.
  public init(message: String, unsupported: Bool) {
    self.message = message
    self.unsupported = unsupported
  }

  init(_ error: ImageDecodeError) {
    // A file that is no image at all (`unknown`) is broken input, not a kind left undecoded.
    if case .unsupported(let format, _) = error, format != "unknown" { unsupported = true } else { unsupported = false }
    message = error.message
  }
}
