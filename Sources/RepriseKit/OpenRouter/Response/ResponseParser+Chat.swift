extension ResponseParser {
  /// Reads `choices[0]` of a chat completion: its error, images, text and finish reasons.
  ///
  /// Images come from, in order: `message.images[]` (objects with `image_url.url`/`imageUrl.url`
  /// or `url`, or bare strings), then the parts of an array `message.content` (`image_url`,
  /// `inline_data`/`inlineData`, `{type:"image", data}`), and only when none was found, `data:image/`
  /// URLs embedded in the text. Placeholders (`LargeStringExtractor`) resolve to `blobs`.
  static func readChat(_ root: [String: JSONValue], status: Int, blobs: ResponseBlobs = ResponseBlobs()) -> Result<Reading, OpenRouterError> {
    guard case .object(let choice)? = root["choices"]?.arrayValue?.first else { return .success(Reading()) }
    if let error = choice["error"], !error.isNull {
      return .failure(OpenRouterError(envelope: error, status: status, insideSuccess: true, fallbackProvider: root["provider"]?.stringValue))
    }
    var reading = Reading()
    reading.finishReason = choice["finish_reason"]?.stringValue
    reading.nativeFinishReason = choice["native_finish_reason"]?.stringValue
    let message = choice["message"]?.objectValue ?? choice["delta"]?.objectValue ?? [:]

    do throws(ImageDecoder.Failure) {
      for entry in message["images"]?.arrayValue ?? [] {
        if let image = try image(inEntry: entry, blobs: blobs) { reading.images.append(image) }
      }
      var texts: [String] = []
      switch message["content"] {
      case .string(let text)?:
        texts.append(text)
      case .array(let parts)?:
        for part in parts {
          if let image = try image(inEntry: part, listedAsImage: false, blobs: blobs) {
            reading.images.append(image)
          } else if case .object(let members) = part, let text = members["text"]?.stringValue {
            texts.append(text)
          } else if case .string(let text) = part {
            texts.append(text)
          }
        }
      default: break
      }
      reading.text = try scanText(texts, collectInto: &reading.images, blobs: blobs)
    } catch {
      return .failure(error.error(status: status))
    }
    return .success(reading)
  }

  /// The image an entry of `message.images` or a content part holds, or nil when it holds none.
  /// Bare strings and plain `url`/`b64_json` members count only in `message.images`
  /// (`listedAsImage`); a content part must say it is an image.
  private static func image(inEntry entry: JSONValue, listedAsImage: Bool = true, blobs: ResponseBlobs) throws(ImageDecoder.Failure) -> ImagePayload? {
    switch entry {
    case .string(let text) where listedAsImage:
      return try ImageDecoder.image(from: text, declaredMediaType: nil, blobs: blobs).get()
    case .object(let members):
      let mediaType = members["media_type"]?.stringValue ?? members["mime_type"]?.stringValue ?? members["mimeType"]?.stringValue
      if let wrapper = members["image_url"] ?? members["imageUrl"], let url = wrapper.stringValue ?? wrapper["url"]?.stringValue {
        return try ImageDecoder.image(from: url, declaredMediaType: mediaType, blobs: blobs).get()
      }
      if case .object(let inline)? = members["inline_data"] ?? members["inlineData"], let data = inline["data"]?.stringValue {
        let inlineType = inline["mime_type"]?.stringValue ?? inline["mimeType"]?.stringValue ?? mediaType
        return try ImageDecoder.image(from: data, declaredMediaType: inlineType, blobs: blobs).get()
      }
      if members["type"]?.stringValue == "image" {
        if let data = members["data"]?.stringValue {
          return try ImageDecoder.image(from: data, declaredMediaType: mediaType, blobs: blobs).get()
        }
        // Anthropic-style `{type:"image", source:{type:"base64", media_type, data}}`.
        if case .object(let source)? = members["source"], let data = source["data"]?.stringValue ?? source["url"]?.stringValue {
          return try ImageDecoder.image(from: data, declaredMediaType: source["media_type"]?.stringValue ?? mediaType, blobs: blobs).get()
        }
      }
      guard listedAsImage else { return nil }
      if let url = members["url"]?.stringValue {
        return try ImageDecoder.image(from: url, declaredMediaType: mediaType, blobs: blobs).get()
      }
      if let base64 = members["b64_json"]?.stringValue {
        return try ImageDecoder.image(from: base64, declaredMediaType: mediaType, blobs: blobs).get()
      }
      return nil
    default:
      return nil
    }
  }

  /// Joins the text pieces, replacing embedded `data:image/` URLs by `[image]`. When `images` is
  /// still empty, those URLs are decoded into it (the last-resort source). A text that is a data
  /// URL placeholder (`LargeStringExtractor`) counts as that one data URL.
  private static func scanText(_ texts: [String], collectInto images: inout [ImagePayload], blobs: ResponseBlobs) throws(ImageDecoder.Failure) -> String? {
    let takeImages = images.isEmpty
    var cleaned: [String] = []
    for var text in texts {
      if let blob = blobs.blob(for: text), blob.isDataURL {
        if takeImages { images.append(ImagePayload(source: .bytes(blob.image), declaredMediaType: blob.mediaType)) }
        cleaned.append("[image]")
        continue
      }
      let outcome: Result<(String?, [ImagePayload]), ImageDecoder.Failure> = text.withUTF8 { buffer in
        let spans = DataURLScanner.spans(in: buffer, imageOnly: true)
        guard !spans.isEmpty else { return .success((nil, [])) }
        var found: [ImagePayload] = []
        var pieces: [UInt8] = []
        var cursor = 0
        for span in spans {
          pieces.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor..<span.start]))
          pieces.append(contentsOf: "[image]".utf8)
          cursor = span.end
          if takeImages {
            guard let bytes = LenientBase64.decode(UnsafeBufferPointer(rebasing: buffer[span.payloadStart..<span.end])) else {
              return .failure(.invalidBase64)
            }
            if bytes.isEmpty { return .failure(.empty) }
            found.append(ImagePayload(source: .bytes(ImageBytes(bytes)), declaredMediaType: span.mediaType))
          }
        }
        pieces.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[cursor...]))
        return .success((String(decoding: pieces, as: UTF8.self), found))
      }
      let (replaced, found) = try outcome.get()
      images.append(contentsOf: found)
      cleaned.append(replaced ?? text)
    }
    let joined = cleaned.filter { !$0.isEmpty }.joined(separator: "\n")
    return joined.isEmpty ? nil : joined
  }
}
