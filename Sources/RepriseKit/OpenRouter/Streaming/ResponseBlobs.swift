/// The payloads decoded out of one response body, looked up by the placeholder strings that stand
/// for them in the reduced JSON. Empty for bodies parsed whole.
package struct ResponseBlobs: Sendable, Equatable {
  /// The payloads; placeholder `n` names `entries[n]`.
  package private(set) var entries: [ResponseBlob]

  /// A table of `entries`.
  package init(_ entries: [ResponseBlob] = []) { self.entries = entries }

  /// No payloads.
  package var isEmpty: Bool { entries.isEmpty }

  /// Adds a payload whose placeholder ends with `ResponseBlob.marker` + `entries.count`.
  mutating func append(_ blob: ResponseBlob) { entries.append(blob) }

  /// The payload `text` stands for, or nil when it is an ordinary string.
  package func blob(for text: String) -> ResponseBlob? {
    guard !entries.isEmpty else { return nil }
    // The index is at the very end: read at most the last 32 bytes.
    let tail = Array(text.utf8.suffix(32))
    guard let nul = tail.lastIndex(of: 0) else { return nil }
    let suffix = String(decoding: tail[nul...], as: UTF8.self)
    guard suffix.hasPrefix(ResponseBlob.marker), let index = Int(suffix.dropFirst(ResponseBlob.marker.count)),
      entries.indices.contains(index), entries[index].placeholder == text
    else { return nil }
    return entries[index]
  }
}
