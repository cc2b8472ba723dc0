/// A JSON document as a value: the one representation reprise hashes, compares and writes.
///
/// Numbers keep their kind: integers stay `Int64` (hashed fields only ever hold integers, so
/// canonical output never depends on float formatting), other numbers are `Double`.
public enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string payload, or nil.
  public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
  /// The integer payload (also accepts a double with no fraction), or nil.
  public var intValue: Int64? {
    switch self {
    case .int(let i): return i
    case .double(let d) where d.rounded() == d && abs(d) < 9.0e15: return Int64(d)
    default: return nil
    }
  }
  /// Any number as a double, or nil.
  public var doubleValue: Double? {
    switch self {
    case .int(let i): return Double(i)
    case .double(let d): return d
    default: return nil
    }
  }
  /// The bool payload, or nil.
  public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }
  /// The array payload, or nil.
  public var arrayValue: [JSONValue]? { if case .array(let a) = self { return a }; return nil }
  /// The object payload, or nil.
  public var objectValue: [String: JSONValue]? { if case .object(let o) = self { return o }; return nil }
  /// True for `.null`.
  public var isNull: Bool { if case .null = self { return true }; return false }

  /// A short name of the value's kind, for error messages.
  public var kindName: String {
    switch self {
    case .null: return "null"
    case .bool: return "boolean"
    case .int, .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
  }
}

extension JSONValue {
  /// `.string(s)` or `.null` when `s` is nil.
  public static func optional(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
  /// `.int(i)` or `.null` when `i` is nil.
  public static func optional(_ i: Int?) -> JSONValue { i.map { .int(Int64($0)) } ?? .null }
  /// An array of strings.
  public static func strings(_ items: [String]) -> JSONValue { .array(items.map { .string($0) }) }
}
