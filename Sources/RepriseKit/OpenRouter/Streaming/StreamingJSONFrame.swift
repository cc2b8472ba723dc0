/// One open array or object while `LargeStringExtractor` streams a body.
struct StreamingJSONFrame: Sendable, Equatable {
  /// An object (`{`) rather than an array (`[`).
  let isObject: Bool
  /// The key this container is the value of (`.other` inside an array or at the root).
  let ownKey: StreamingJSONKey
  /// Inside an `error` or `usage` member: strings there are text, never replaced.
  let excluded: Bool
  /// In an object: the next string is a key (just after `{` or `,`).
  var expectingKey: Bool
  /// In an object: the key of the member being read.
  var currentKey: StreamingJSONKey = .other

  /// A frame opened under `ownKey` inside `parent` (nil at the root).
  init(isObject: Bool, ownKey: StreamingJSONKey, parent: StreamingJSONFrame?) {
    self.isObject = isObject
    self.ownKey = ownKey
    self.excluded = (parent?.excluded ?? false) || ownKey == .error || ownKey == .usage
    self.expectingKey = isObject
  }

  /// Which base64 forms a string value in this frame may be replaced in, or nil when it must be
  /// copied as it is. Only positions that both `ResponseParser` (image or `[image]` text) and
  /// `ResponseRedactor` (digest) treat as image payloads qualify:
  /// - `data:image/*;base64,` URLs under `url`, `image_url`/`imageUrl`, `data`, `b64_json`, and in
  ///   `images` arrays (whitespace allowed, as `ImageDecoder` skips it), or under `content`/`text` and
  ///   in `content` arrays (no whitespace: `DataURLScanner` stops there);
  /// - raw base64 under `b64_json`, `inline_data.data`/`inlineData.data` and in `images` arrays.
  var stringOptions: Base64StreamDecoder.Options? {
    guard !excluded else { return nil }
    if isObject {
      guard !expectingKey else { return nil }
      switch currentKey {
      case .url, .imageURL: return .init(dataURL: true, raw: false, whitespace: true)
      case .b64JSON: return .init(dataURL: true, raw: true, whitespace: true)
      case .data: return .init(dataURL: true, raw: ownKey == .inlineData, whitespace: true)
      case .content, .text: return .init(dataURL: true, raw: false, whitespace: false)
      default: return nil
      }
    }
    switch ownKey {
    case .images: return .init(dataURL: true, raw: true, whitespace: true)
    case .content: return .init(dataURL: true, raw: false, whitespace: false)
    default: return nil
    }
  }
}
