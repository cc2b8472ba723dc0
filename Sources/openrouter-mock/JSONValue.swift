import Foundation

/// A JSON document with ordered object keys, so bodies come out in the order OpenRouter writes them.
///
/// Parsing goes through `JSONSerialization` (fast even in debug builds); writing is done here so that
/// slashes stay unescaped and multi-megabyte base64 strings can be spliced in without a scan
/// (``verbatim(_:)``).
enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case int(Int)
  case double(Double)
  case string(String)
  /// A string known to need no escaping (base64, data URLs); written as-is between quotes.
  case verbatim(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  // MARK: Reading

  /// Parses `bytes`; nil when they are not JSON.
  static func parse(_ bytes: [UInt8]) -> JSONValue? {
    guard let any = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) else { return nil }
    return JSONValue(foundationObject: any)
  }

  private init(foundationObject any: Any) {
    switch any {
    case let string as String: self = .string(string)
    case let number as NSNumber:
      let type = String(cString: number.objCType)
      if type == "c" || type == "B" {
        self = .bool(number.boolValue)
      } else if type == "d" || type == "f" {
        self = .double(number.doubleValue)
      } else {
        self = .int(number.intValue)
      }
    case let array as [Any]: self = .array(array.map(JSONValue.init(foundationObject:)))
    case let dictionary as [String: Any]:
      self = .object(dictionary.keys.sorted().map { ($0, JSONValue(foundationObject: dictionary[$0]!)) })
    default: self = .null
    }
  }

  /// The member named `key` of an object, or nil.
  subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first(where: { $0.0 == key })?.1
  }

  var stringValue: String? {
    switch self {
    case .string(let s), .verbatim(let s): return s
    default: return nil
    }
  }

  /// An integer, also from a whole-valued double.
  var intValue: Int? {
    switch self {
    case .int(let n): return n
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e18: return Int(d)
    default: return nil
    }
  }

  var doubleValue: Double? {
    switch self {
    case .int(let n): return Double(n)
    case .double(let d): return d
    default: return nil
    }
  }

  var arrayValue: [JSONValue]? {
    if case .array(let items) = self { return items }
    return nil
  }

  var objectMembers: [(String, JSONValue)]? {
    if case .object(let members) = self { return members }
    return nil
  }

  var isNull: Bool { if case .null = self { return true } else { return false } }

  /// The value as a flag string (scenario files): numbers and booleans printed, strings as they are.
  var flagString: String? {
    switch self {
    case .string(let s), .verbatim(let s): return s
    case .int(let n): return String(n)
    case .double(let d): return String(d)
    case .bool(let b): return b ? "true" : "false"
    default: return nil
    }
  }

  // MARK: Writing

  /// Compact UTF-8 JSON.
  func serialized() -> [UInt8] {
    var out = [UInt8]()
    write(into: &out)
    return out
  }

  func serializedString() -> String { String(decoding: serialized(), as: UTF8.self) }

  private func write(into out: inout [UInt8]) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let n): out.append(contentsOf: String(n).utf8)
    case .double(let d):
      out.append(contentsOf: JSONValue.format(d).utf8)
    case .string(let s): JSONValue.writeEscaped(s, into: &out)
    case .verbatim(let s):
      out.append(UInt8(ascii: "\""))
      out.append(contentsOf: s.utf8)
      out.append(UInt8(ascii: "\""))
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (index, item) in items.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        item.write(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (index, member) in members.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.writeEscaped(member.0, into: &out)
        out.append(UInt8(ascii: ":"))
        member.1.write(into: &out)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  /// Plain decimal notation (0.000048, not 4.8e-05), as OpenRouter prints costs.
  private static func format(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    let shortest = String(d)
    guard shortest.contains("e") else { return shortest }
    guard abs(d) < 1 else { return String(format: "%.0f", d) }
    var fixed = String(format: "%.20f", d)
    while fixed.hasSuffix("0") { fixed.removeLast() }
    // Keep the shortest round-tripping digits: trim until the value would change.
    var best = fixed
    while best.count > 3 {
      let shorter = String(best.dropLast())
      guard Double(shorter) == d else { break }
      best = shorter
    }
    return best
  }

  private static let hexDigits = Array("0123456789abcdef".utf8)

  private static func writeEscaped(_ string: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    for byte in string.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        out.append(contentsOf: Array("\\u00".utf8))
        out.append(hexDigits[Int(byte >> 4)])
        out.append(hexDigits[Int(byte & 0xF)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONValue: ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral, ExpressibleByStringLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral, ExpressibleByNilLiteral
{
  init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
  init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  init(stringLiteral value: String) { self = .string(value) }
  init(integerLiteral value: Int) { self = .int(value) }
  init(floatLiteral value: Double) { self = .double(value) }
  init(booleanLiteral value: Bool) { self = .bool(value) }
  init(nilLiteral: ()) { self = .null }
}
