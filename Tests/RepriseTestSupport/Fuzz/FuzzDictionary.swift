/// Tokens a mutator splices into inputs: the pieces of syntax and the boundary values that reach
/// parser edge cases far more often than random bytes do.
public enum FuzzDictionary {
  /// JSON syntax, escapes, surrogate halves, literals and extreme numbers.
  public static let json: [[UInt8]] = [
    "{", "}", "[", "]", ",", ":", "\"", "\\", "\\\"", "\\\\", "\\u", "\\u0000", "\\ud800", "\\udc00", "\\ud83e\\udd80",
    "\\uDBFF\\uDFFF", "\\uzzzz", "\\x", "\u{00}", "\u{1F}", "\u{7F}", "\u{FEFF}", "\u{EF}\u{BB}\u{BF}", "true", "false", "null",
    "nul", "0", "-0", "1", "-1", "00", "01", "1.", ".5", "1e", "1e+", "-", "0.0000001", "1e308", "1e309", "-1e309", "1E-400",
    "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "18446744073709551616",
    "99999999999999999999999999999999999999", "2147483647", "2147483648", "4294967296", "NaN", "Infinity", "\"\"", "{}", "[]",
    "[[[[[[[[", "]]]]]]]]", "{\"a\":", "\"data:image/png;base64,", "data:image/jpeg;base64,/9j/", "data:,", "data:;base64,",
    "iVBORw0KGgo", "====", "AAAA", "http://", "https://example.com/a.png", "\"type\":\"image\"", "\"b64_json\":",
    "\"images\":[", "\"choices\":[", "\"data\":[", "\"error\":{", "\"message\":", "\"code\":", "\"schema\":",
    "\"reprise.manifest/1\"", "\"reprise.manifest/1.9\"", "\"reprise.job/1\"", "\"manifest_id\":", "\"jobs\":[", "\"batches\":[",
    "\"spec\":{", "\"index\":", "\"seed\":", "\u{C3}", "\u{C3}\u{28}", "\u{ED}\u{A0}\u{80}", "\u{F4}\u{90}\u{80}\u{80}", "\u{FF}",
  ].map { (token: String) in Array(token.utf8) }

  /// PNG chunk types and text-chunk pieces.
  public static let png: [[UInt8]] = [
    Array("IHDR".utf8), Array("IDAT".utf8), Array("IEND".utf8), Array("tEXt".utf8), Array("iTXt".utf8), Array("zTXt".utf8),
    Array("PLTE".utf8), Array("reprise".utf8), Array("parameters".utf8), Array("prompt".utf8), Array("workflow".utf8),
    [0], [0, 0], [0, 0, 0, 0, 0], [1, 0], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
    [0, 0, 0, 0], [0, 0, 0, 13], [0x7F, 0xFF, 0xFF, 0xFF], [0x80, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], [0xFF, 0xD8, 0xFF],
    Array("RIFF".utf8), Array("WEBP".utf8), Array("VP8 ".utf8), Array("VP8L".utf8), Array("VP8X".utf8), Array("GIF89a".utf8),
  ]
}
