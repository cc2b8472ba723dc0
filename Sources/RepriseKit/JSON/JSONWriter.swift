/// Serialises `JSONValue`s in the two forms reprise writes.
///
/// - `canonical`: RFC 8785 (JCS) — no whitespace, object keys sorted by UTF-16 code units,
///   minimal string escaping. Used for every hash, so anyone can recompute an id with a JCS library.
/// - `pretty`: the same ordering, two-space indentation, `"key": value`, trailing newline.
///   Used for files people read (manifests, results).
public enum JSONWriter {
  /// Canonical (JCS) bytes of `value`.
  public static func canonical(_ value: JSONValue) -> [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(256)
    write(value, into: &out, indent: nil, level: 0)
    return out
  }

  /// Canonical (JCS) text of `value`.
  public static func canonicalString(_ value: JSONValue) -> String {
    String(decoding: canonical(value), as: UTF8.self)
  }

  /// Pretty, sorted text of `value`, ending with a newline.
  public static func pretty(_ value: JSONValue) -> String {
    var out = [UInt8]()
    write(value, into: &out, indent: 2, level: 0)
    out.append(0x0A)
    return String(decoding: out, as: UTF8.self)
  }

  /// `pretty(value)` without its final line break, as it stands nested `level` deep: every line
  /// after the first indented by `2 x level` more, appended to `out`.
  package static func appendPretty(_ value: JSONValue, level: Int, to out: inout [UInt8]) {
    write(value, into: &out, indent: 2, level: level)
  }

  /// Object keys in JCS order (UTF-16 code units).
  public static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
    members.keys.sorted(by: utf16Precedes)
  }

  /// UTF-16 code-unit order (RFC 8785 section 3.2.3), compared on the UTF-8 bytes up to the first
  /// difference: where both differing bytes are ASCII, or one string is a prefix of the other,
  /// the byte order is the UTF-16 order (walking the UTF-16 view of native strings was 2 % of a
  /// drain's CPU); anything else is decided on the UTF-16 views.
  static func utf16Precedes(_ a: String, _ b: String) -> Bool {
    // 0: a first, 1: b first (or equal), 2: undecided on the bytes.
    let fast: Int? = a.utf8.withContiguousStorageIfAvailable { x -> Int in
      b.utf8.withContiguousStorageIfAvailable { y -> Int in
        let n = min(x.count, y.count)
        var i = 0
        while i < n, x[i] == y[i] { i += 1 }
        if i == n { return x.count < y.count ? 0 : 1 }
        guard x[i] < 0x80, y[i] < 0x80 else { return 2 }
        return x[i] < y[i] ? 0 : 1
      } ?? 2
    }
    if let fast, fast != 2 { return fast == 0 }
    return a.utf16.lexicographicallyPrecedes(b.utf16)
  }

  private static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int?, level: Int) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: formatInt(i, canonical: indent == nil).utf8)
    case .double(let d): out.append(contentsOf: formatDouble(d).utf8)
    case .string(let s): writeString(s, into: &out)
    case .array(let items):
      if items.isEmpty { out.append(contentsOf: "[]".utf8); return }
      out.append(UInt8(ascii: "["))
      for (n, item) in items.enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, indent: indent, level: level + 1)
        write(item, into: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent: indent, level: level)
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      if members.isEmpty { out.append(contentsOf: "{}".utf8); return }
      out.append(UInt8(ascii: "{"))
      for (n, key) in sortedKeys(members).enumerated() {
        if n > 0 { out.append(UInt8(ascii: ",")) }
        newline(&out, indent: indent, level: level + 1)
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        if indent != nil { out.append(0x20) }
        write(members[key]!, into: &out, indent: indent, level: level + 1)
      }
      newline(&out, indent: indent, level: level)
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func newline(_ out: inout [UInt8], indent: Int?, level: Int) {
    guard let indent else { return }
    out.append(0x0A)
    out.append(contentsOf: repeatElement(0x20, count: indent * level))
  }

  private static func writeString(_ s: String, into out: inout [UInt8]) {
    out.append(0x22)
    var s = s
    s.withUTF8 { bytes in
      var runStart = 0
      for i in 0..<bytes.count {
        let b = bytes[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
        runStart = i + 1
        switch b {
        case 0x22: out.append(0x5C); out.append(0x22)
        case 0x5C: out.append(0x5C); out.append(0x5C)
        case 0x08: out.append(0x5C); out.append(UInt8(ascii: "b"))
        case 0x09: out.append(0x5C); out.append(UInt8(ascii: "t"))
        case 0x0A: out.append(0x5C); out.append(UInt8(ascii: "n"))
        case 0x0C: out.append(0x5C); out.append(UInt8(ascii: "f"))
        case 0x0D: out.append(0x5C); out.append(UInt8(ascii: "r"))
        default:
          let hex = Array("0123456789abcdef".utf8)
          out.append(contentsOf: Array("\\u00".utf8))
          out.append(hex[Int(b >> 4)])
          out.append(hex[Int(b & 15)])
        }
      }
      if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
    }
    out.append(0x22)
  }

  /// A number RFC 8785 cannot serialise: NaN or an infinity.
  public struct NonFiniteNumber: Error, Sendable, Equatable, CustomStringConvertible {
    /// The value, as Swift prints it (`nan`, `inf`, `-inf`).
    public let value: String
    public var description: String { "\(value) is not a JSON number (RFC 8785 serialises finite numbers only)" }
  }

  /// Canonical (JCS) bytes of `value`, refusing NaN and infinities, which RFC 8785 cannot
  /// represent. `canonical` writes the same bytes for every finite document (and `null` for a
  /// non-finite number, which no parsed document holds: the parser refuses them).
  public static func canonicalChecked(_ value: JSONValue) throws(NonFiniteNumber) -> [UInt8] {
    if let bad = firstNonFinite(value) { throw NonFiniteNumber(value: "\(bad)") }
    return canonical(value)
  }

  private static func firstNonFinite(_ value: JSONValue) -> Double? {
    switch value {
    case .double(let d): return d.isFinite ? nil : d
    case .array(let items): return items.lazy.compactMap(firstNonFinite).first
    case .object(let members): return members.values.lazy.compactMap(firstNonFinite).first
    default: return nil
    }
  }

  /// Integer text. JCS treats every number as an IEEE double, so in canonical form an integer
  /// beyond ±2^53 is written as the double it reads as (9007199254740993 -> 9007199254740992),
  /// which is what any JCS library makes of the same file; smaller ones are exact either way.
  static func formatInt(_ i: Int64, canonical: Bool) -> String {
    guard canonical, i.magnitude > 1 << 53 else { return String(i) }
    return formatDouble(Double(i))
  }

  /// ECMAScript `Number.prototype.toString` text (RFC 8785 §3.2.2.3): the shortest digits that
  /// round-trip, plain from 1e-6 up to 1e21, exponent form (`1e+21`, `1.5e-7`) outside; `-0` is
  /// `0`. Non-finite values (not serialisable) give `null`.
  static func formatDouble(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == 0 { return "0" }
    // Swift's description is the shortest round-trip digits too, written plain (no exponent)
    // only inside ECMAScript's plain range (from 1e-4 to below 2^53 or so): there the two texts
    // differ only in Swift's ".0" after a whole number. A number is written without building its
    // digits again (most of a record's or a status report's cost was here).
    let text = d.description
    guard !text.utf8.contains(UInt8(ascii: "e")) else { return formatDoubleFromDigits(d) }
    return text.utf8.reversed().starts(with: "0.".utf8) ? String(text.dropLast(2)) : text
  }

  /// `formatDouble` built from the shortest digits and their exponent (every value, the
  /// definition the fast path is checked against).
  static func formatDoubleFromDigits(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == 0 { return "0" }
    let (digits, n) = shortestDigits(d.magnitude)
    let k = digits.count
    var text = d < 0 ? "-" : ""
    if k <= n && n <= 21 {
      text += digits + String(repeating: "0", count: n - k)
    } else if 0 < n && n <= 21 {
      text += digits.prefix(n) + "." + digits.dropFirst(n)
    } else if -6 < n && n <= 0 {
      text += "0." + String(repeating: "0", count: -n) + digits
    } else {
      let exponent = n - 1
      text += digits.prefix(1) + (k > 1 ? "." + digits.dropFirst() : "") + "e" + (exponent < 0 ? "-" : "+") + String(abs(exponent))
    }
    return text
  }

  /// The shortest round-trip decimal digits of a positive finite `d` (no leading or trailing
  /// zeros) and the exponent `n` with `d = 0.digits × 10^n`, from Swift's shortest description.
  static func shortestDigits(_ d: Double) -> (digits: String, n: Int) {
    let text = d.description  // shortest round-trip, e.g. "1e-07", "123.45", "1.7976931348623157e+308"
    var mantissa = Substring(text)
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      mantissa = text[..<e]
      exponent = Int(text[text.index(after: e)...]) ?? 0
    }
    let point = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
    var digits = Substring(mantissa.filter { $0 != "." })
    var n = point + exponent
    while digits.first == "0" { digits = digits.dropFirst(); n -= 1 }
    while digits.last == "0" { digits = digits.dropLast() }
    return (String(digits), n)
  }
}
