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

  /// Object keys in JCS order (UTF-16 code units).
  public static func sortedKeys(_ members: [String: JSONValue]) -> [String] {
    members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
  }

  private static func write(_ value: JSONValue, into out: inout [UInt8], indent: Int?, level: Int) {
    switch value {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: String(i).utf8)
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

  /// ECMAScript-style number text for non-integers (JCS). Hashed fields never hold doubles;
  /// this keeps observed values such as costs readable.
  static func formatDouble(_ d: Double) -> String {
    if d.isNaN || d.isInfinite { return "null" }
    if d == d.rounded(), abs(d) < 1e21 {
      if abs(d) < 9.007_199_254_740_992e15 { return String(Int64(d)) }
      // Shortest round-trip digits, padded with zeros (ECMAScript Number::toString).
      let text = "\(abs(d))"
      if let e = text.firstIndex(of: "e"), let exponent = Int(text[text.index(after: e)...]) {
        let digits = text[..<e].filter { $0 != "." }
        let padded = digits + String(repeating: "0", count: max(0, exponent + 1 - digits.count))
        return (d < 0 ? "-" : "") + padded
      }
    }
    var text = "\(d)"  // shortest round-trip form
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      var mantissa = String(text[..<e])
      var exponent = String(text[text.index(after: e)...])
      if mantissa.hasSuffix(".0") { mantissa.removeLast(2) }
      let negative = exponent.hasPrefix("-")
      exponent = exponent.trimmingPrefix(while: { $0 == "-" || $0 == "+" })
      exponent = exponent.trimmingPrefix(while: { $0 == "0" })
      text = mantissa + "e" + (negative ? "-" : "+") + (exponent.isEmpty ? "0" : exponent)
    }
    return text
  }
}

extension String {
  fileprivate func trimmingPrefix(while predicate: (Character) -> Bool) -> String {
    String(self.drop(while: predicate))
  }
}
