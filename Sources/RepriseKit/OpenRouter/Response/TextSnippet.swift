/// Short, single-line excerpts of text for error messages.
enum TextSnippet {
  /// `text` with every run of whitespace (newlines included) collapsed to one space, trimmed, and
  /// cut to `limit` characters (ending with `…` when cut).
  static func collapsed(_ text: some StringProtocol, limit: Int) -> String {
    // Only look at a bounded prefix: messages can be arbitrarily long.
    let window = text.prefix(limit * 4 + 64)
    let cutShort = window.endIndex != text.endIndex
    let result = window.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    if result.count > limit { return String(result.prefix(max(0, limit - 1))) + "…" }
    return cutShort ? result + "…" : result
  }
}
