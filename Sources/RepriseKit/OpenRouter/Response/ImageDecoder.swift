import Foundation

/// Turns a string found where an image is expected into an image: a `data:` URL, an http(s) URL,
/// or raw base64. Works on the string's UTF-8 storage directly, so a 20 MB payload is decoded once.
enum ImageDecoder {
  /// Why a string could not be turned into image bytes.
  enum Failure: Error, Sendable, Equatable {
    /// The payload is not base64.
    case invalidBase64
    /// The payload decodes to no bytes.
    case empty
    /// A `data:` URL without a comma, or with undecodable percent-encoding.
    case malformedDataURL

    /// The error reported to the user for a response image that failed this way.
    func error(status: Int) -> OpenRouterError {
      switch self {
      case .invalidBase64: return .unusable(status: status, code: "invalid_image", message: "response image is not valid base64")
      case .empty: return .unusable(status: status, code: "invalid_image", message: "response image is empty")
      case .malformedDataURL: return .unusable(status: status, code: "invalid_image", message: "response image is not a valid data URL")
      }
    }
  }

  /// The image in `text`. `declaredMediaType` is used when a data URL does not name its type. A
  /// placeholder from `LargeStringExtractor` gives its payload from `blobs`, already decoded.
  static func image(from text: String, declaredMediaType: String?, blobs: ResponseBlobs = ResponseBlobs()) -> Result<ImagePayload, Failure> {
    if let blob = blobs.blob(for: text) { return .success(blob.image(declaredMediaType: declaredMediaType)) }
    var text = text
    return text.withUTF8 { image(from: $0, declaredMediaType: declaredMediaType) }
  }

  /// The image in a string's UTF-8 bytes.
  static func image(from buffer: UnsafeBufferPointer<UInt8>, declaredMediaType: String?) -> Result<ImagePayload, Failure> {
    var start = 0
    var end = buffer.count
    while start < end, isSpace(buffer[start]) { start += 1 }
    while end > start, isSpace(buffer[end - 1]) { end -= 1 }
    let trimmed = UnsafeBufferPointer(rebasing: buffer[start..<end])
    if hasPrefix(trimmed, "data:") {
      return decodeDataURL(UnsafeBufferPointer(rebasing: trimmed[5...]), declaredMediaType: declaredMediaType)
    }
    if hasPrefix(trimmed, "https://") || hasPrefix(trimmed, "http://") {
      return .success(ImagePayload(source: .remoteURL(String(decoding: trimmed, as: UTF8.self)), declaredMediaType: declaredMediaType))
    }
    return bytes(LenientBase64.decode(trimmed)).map { ImagePayload(source: .bytes(ImageBytes($0)), declaredMediaType: declaredMediaType) }
  }

  /// Decodes everything after `data:`: `<type>[;params][;base64],<payload>`.
  private static func decodeDataURL(_ rest: UnsafeBufferPointer<UInt8>, declaredMediaType: String?) -> Result<ImagePayload, Failure> {
    guard let comma = rest.firstIndex(of: UInt8(ascii: ",")) else { return .failure(.malformedDataURL) }
    let header = parseHeader(UnsafeBufferPointer(rebasing: rest[..<comma]))
    let payload = UnsafeBufferPointer(rebasing: rest[(comma + 1)...])
    let mediaType = header.mediaType ?? declaredMediaType
    if header.isBase64 {
      return bytes(LenientBase64.decode(payload)).map { ImagePayload(source: .bytes(ImageBytes($0)), declaredMediaType: mediaType) }
    }
    guard let text = String(decoding: payload, as: UTF8.self).removingPercentEncoding else { return .failure(.malformedDataURL) }
    let decoded = Array(text.utf8)
    return decoded.isEmpty ? .failure(.empty) : .success(ImagePayload(source: .bytes(ImageBytes(decoded)), declaredMediaType: mediaType))
  }

  /// The media type (nil when empty) and whether `;base64` is among the parameters.
  static func parseHeader(_ header: UnsafeBufferPointer<UInt8>) -> (mediaType: String?, isBase64: Bool) {
    let parts = String(decoding: header, as: UTF8.self).split(separator: ";", omittingEmptySubsequences: false)
    let type = parts.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    let isBase64 = parts.dropFirst().contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "base64" }
    return (type.isEmpty ? nil : type, isBase64)
  }

  private static func bytes(_ decoded: [UInt8]?) -> Result<[UInt8], Failure> {
    guard let decoded else { return .failure(.invalidBase64) }
    return decoded.isEmpty ? .failure(.empty) : .success(decoded)
  }

  /// ASCII-case-insensitive prefix test.
  static func hasPrefix(_ buffer: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard buffer.count >= count else { return false }
    let start = prefix.utf8Start
    for i in 0..<count where lowercased(buffer[i]) != lowercased(start[i]) { return false }
    return true
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 { (0x41...0x5A).contains(byte) ? byte | 0x20 : byte }

  static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
}
