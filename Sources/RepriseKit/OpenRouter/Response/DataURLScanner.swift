/// Finds base64 `data:` URLs embedded in text, e.g. markdown `![image](data:image/png;base64,…)`.
/// An embedded URL ends at the first byte that cannot be part of a base64 payload.
enum DataURLScanner {
  /// One embedded data URL, as byte offsets into the scanned text.
  struct Span: Sendable, Equatable {
    /// Offset of `data:`.
    let start: Int
    /// Offset of the first payload byte (just after the comma).
    let payloadStart: Int
    /// Offset just past the payload.
    let end: Int
    /// The media type in the header, if any.
    let mediaType: String?
  }

  /// Longest header (`data:` up to the comma) considered.
  private static let maxHeaderLength = 256

  /// Every base64 data URL in `buffer`, in order; with `imageOnly`, only `image/*` ones.
  static func spans(in buffer: UnsafeBufferPointer<UInt8>, imageOnly: Bool) -> [Span] {
    var spans: [Span] = []
    let count = buffer.count
    var i = 0
    while i + 5 < count {
      guard buffer[i] == UInt8(ascii: "d") || buffer[i] == UInt8(ascii: "D"),
        ImageDecoder.hasPrefix(UnsafeBufferPointer(rebasing: buffer[i...]), "data:")
      else {
        i += 1
        continue
      }
      var comma = i + 5
      while comma < count, comma - i < maxHeaderLength, isHeaderByte(buffer[comma]) { comma += 1 }
      guard comma < count, buffer[comma] == UInt8(ascii: ",") else {
        i += 5
        continue
      }
      let header = ImageDecoder.parseHeader(UnsafeBufferPointer(rebasing: buffer[(i + 5)..<comma]))
      let isImage = header.mediaType?.lowercased().hasPrefix("image/") ?? false
      var end = comma + 1
      while end < count, LenientBase64.isPayloadByte(buffer[end]) { end += 1 }
      if header.isBase64, !imageOnly || isImage, end > comma + 1 {
        spans.append(Span(start: i, payloadStart: comma + 1, end: end, mediaType: header.mediaType))
        i = end
      } else {
        i = comma + 1
      }
    }
    return spans
  }

  /// Bytes allowed between `data:` and the comma: printable ASCII except delimiters.
  private static func isHeaderByte(_ byte: UInt8) -> Bool {
    guard byte > 0x20, byte < 0x7F else { return false }
    switch byte {
    case UInt8(ascii: ","), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"),
      UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["), UInt8(ascii: "]"):
      return false
    default: return true
    }
  }
}
