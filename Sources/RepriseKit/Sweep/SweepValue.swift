/// One value of a sweep axis: text for every axis but `seed`, whose values are integers.
public enum SweepValue: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// A model id, aspect ratio, size, strength, transport or prompt wording.
  case text(String)
  /// An explicit seed.
  case seed(Int64)

  /// The manifest form (a JSON string or integer).
  public var json: JSONValue {
    switch self {
    case .text(let s): return .string(s)
    case .seed(let n): return .int(n)
    }
  }

  /// The value as shown in messages and views.
  public var description: String {
    switch self {
    case .text(let s): return s
    case .seed(let n): return String(n)
    }
  }

  /// The text, or nil for a seed.
  public var text: String? { if case .text(let s) = self { return s }; return nil }

  /// Reads the manifest form of a value of `axis`.
  static func reading(_ value: JSONValue, axis: SweepAxis, path: String) throws(JSONFieldError) -> SweepValue {
    switch (axis, value) {
    case (.seed, .int(let n)): return .seed(n)
    case (.seed, _): throw JSONFieldError(path: path, expected: "an integer seed", found: value.kindName)
    case (_, .string(let s)): return .text(s)
    default: throw JSONFieldError(path: path, expected: "a string", found: value.kindName)
    }
  }
}
