extension ResponseParser {
  /// Reads a `POST /images` response: `data[].b64_json` (raw base64) with an optional
  /// `media_type`, or `data[].url` (a data URL or an http(s) URL to download). Placeholders resolve to `blobs`.
  static func readImages(_ root: [String: JSONValue], status: Int, blobs: ResponseBlobs = ResponseBlobs()) -> Result<Reading, OpenRouterError> {
    var reading = Reading()
    var texts: [String] = []
    for entry in root["data"]?.arrayValue ?? [] {
      guard case .object(let members) = entry else { continue }
      let mediaType = members["media_type"]?.stringValue ?? members["mime_type"]?.stringValue
      guard let text = members["b64_json"]?.stringValue ?? members["url"]?.stringValue else { continue }
      switch ImageDecoder.image(from: text, declaredMediaType: mediaType, blobs: blobs) {
      case .success(let image): reading.images.append(image)
      case .failure(let failure): return .failure(failure.error(status: status))
      }
      if let revised = members["revised_prompt"]?.stringValue, !revised.isEmpty { texts.append(revised) }
    }
    reading.text = texts.isEmpty ? nil : texts.joined(separator: "\n")
    return .success(reading)
  }
}
