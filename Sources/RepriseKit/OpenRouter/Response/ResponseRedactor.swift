/// Makes provider responses small enough to keep: every base64 image payload becomes a digest.
package enum ResponseRedactor {
  /// The provider JSON with every base64 image payload replaced by {"sha256": "<hex of decoded bytes>", "bytes": N}
  /// (data URLs anywhere in strings, b64_json, inline_data.data, {type:"image", data}). Everything else unchanged.
  ///
  /// A string that is a whole data URL becomes the digest object; a data URL embedded in longer
  /// text is replaced, inside the text, by the digest's canonical JSON. Bare base64 strings in an
  /// `images` array are digested too; http(s) URLs are kept. A payload that is not valid base64 is
  /// still removed: its digest hashes the text as received and adds `"invalid_base64": true`.
  package static func redact(_ value: JSONValue) -> JSONValue {
    redact(value, blobs: ResponseBlobs())
  }

  /// `redact(_:)` for a body whose large image strings `LargeStringExtractor` took out: each
  /// placeholder becomes the digest of its payload in `blobs`, as the string it stands for would
  /// (never the placeholder text).
  package static func redact(_ value: JSONValue, blobs: ResponseBlobs) -> JSONValue {
    switch value {
    case .string(let text): return redactText(text, blobs: blobs)
    case .array(let items): return .array(items.map { redact($0, blobs: blobs) })
    case .object(let members):
      let isImagePart = members["type"]?.stringValue == "image"
      var result: [String: JSONValue] = [:]
      result.reserveCapacity(members.count)
      for (key, member) in members {
        switch (key, member) {
        case ("b64_json", .string(let text)):
          result[key] = digestPayload(text, blobs: blobs)
        case ("data", .string(let text)) where isImagePart || members["mime_type"] != nil || members["mimeType"] != nil:
          result[key] = digestPayload(text, blobs: blobs)
        case ("source", .object(var source)) where isImagePart:
          if case .string(let text)? = source["data"] { source["data"] = digestPayload(text, blobs: blobs) }
          result[key] = redact(.object(source), blobs: blobs)
        case ("inline_data", .object(var inline)), ("inlineData", .object(var inline)):
          if case .string(let text)? = inline["data"] { inline["data"] = digestPayload(text, blobs: blobs) }
          result[key] = redact(.object(inline), blobs: blobs)
        case ("images", .array(let items)):
          result[key] = .array(items.map { item in
            if case .string(let text) = item { return digestPayload(text, blobs: blobs) }
            return redact(item, blobs: blobs)
          })
        default:
          result[key] = redact(member, blobs: blobs)
        }
      }
      return .object(result)
    default: return value
    }
  }

  /// A field that holds an image payload (raw base64 or a data URL): its digest; http(s) URLs and
  /// already-redacted values are kept.
  private static func digestPayload(_ text: String, blobs: ResponseBlobs) -> JSONValue {
    if let blob = blobs.blob(for: text) { return digestObject(blob.image) }
    var text = text
    return text.withUTF8 { buffer in
      var start = 0
      while start < buffer.count, ImageDecoder.isSpace(buffer[start]) { start += 1 }
      let trimmed = UnsafeBufferPointer(rebasing: buffer[start...])
      if ImageDecoder.hasPrefix(trimmed, "http://") || ImageDecoder.hasPrefix(trimmed, "https://") { return .string(String(decoding: buffer, as: UTF8.self)) }
      if ImageDecoder.hasPrefix(trimmed, "data:") {
        return wholeDataURL(buffer) ?? redactText(buffer)
      }
      return digest(of: buffer)
    }
  }

  /// Any string: a whole base64 data URL becomes its digest object; embedded ones are replaced in the text.
  private static func redactText(_ text: String, blobs: ResponseBlobs) -> JSONValue {
    // Placeholders only stand where a whole data URL (digested here too) or a payload field was.
    if let blob = blobs.blob(for: text) { return digestObject(blob.image) }
    var text = text
    return text.withUTF8 { redactText($0) }
  }

  private static func redactText(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONValue {
    if let whole = wholeDataURL(buffer) { return whole }
    let spans = DataURLScanner.spans(in: buffer, imageOnly: false)
    guard !spans.isEmpty else { return .string(String(decoding: buffer, as: UTF8.self)) }
    var out: [UInt8] = []
    var cursor = 0
    for span in spans {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<span.start]))
      out.append(contentsOf: JSONWriter.canonical(digest(of: UnsafeBufferPointer(rebasing: buffer[span.payloadStart..<span.end]))))
      cursor = span.end
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor...]))
    return .string(String(decoding: out, as: UTF8.self))
  }

  /// The digest when the whole string (ignoring surrounding whitespace) is one base64 data URL,
  /// whose payload may contain whitespace.
  private static func wholeDataURL(_ buffer: UnsafeBufferPointer<UInt8>) -> JSONValue? {
    var start = 0
    while start < buffer.count, ImageDecoder.isSpace(buffer[start]) { start += 1 }
    let trimmed = UnsafeBufferPointer(rebasing: buffer[start...])
    guard ImageDecoder.hasPrefix(trimmed, "data:") else { return nil }
    // The header is short; a comma further away means this is text that merely starts with "data:".
    guard let comma = trimmed.prefix(256).firstIndex(of: UInt8(ascii: ",")) else { return nil }
    let header = UnsafeBufferPointer(rebasing: trimmed[5..<comma])
    guard !header.contains(where: { ImageDecoder.isSpace($0) }), ImageDecoder.parseHeader(header).isBase64 else { return nil }
    let payload = UnsafeBufferPointer(rebasing: trimmed[(comma + 1)...])
    guard let bytes = LenientBase64.decode(payload) else {
      // Not one clean payload (e.g. a data URL followed by prose): let the scanner handle it.
      return nil
    }
    return digestObject(bytes)
  }

  /// `{"sha256","bytes"}` of the decoded payload, or of the text itself when it is not base64.
  private static func digest(of payload: UnsafeBufferPointer<UInt8>) -> JSONValue {
    if let bytes = LenientBase64.decode(payload) { return digestObject(bytes) }
    return .object([
      "sha256": .string(SHA256.hash(payload, engine: Platform.sha256Engine).hexString),
      "bytes": .int(Int64(payload.count)),
      "invalid_base64": .bool(true),
    ])
  }

  /// The digest of a decoded payload, computed when it was decoded (no second pass).
  private static func digestObject(_ image: ImageBytes) -> JSONValue {
    .object(["sha256": .string(image.sha256), "bytes": .int(Int64(image.count))])
  }

  private static func digestObject(_ bytes: [UInt8]) -> JSONValue {
    .object(["sha256": .string(SHA256.hash(bytes, engine: Platform.sha256Engine).hexString), "bytes": .int(Int64(bytes.count))])
  }
}
