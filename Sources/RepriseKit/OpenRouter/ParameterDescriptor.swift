/// One entry of an Image API endpoint's `supported_parameters`: what a request field accepts.
/// An absent key means the endpoint does not take the field.
package enum ParameterDescriptor: Sendable, Equatable {
  /// `{type: "enum", values: [...]}`: one of these strings.
  case oneOf([String])
  /// `{type: "range", min, max}`: an integer in the range.
  case range(min: Int64, max: Int64)
  /// `{type: "boolean"}`: taken, any value of its type.
  case supported

  /// Reads a descriptor; an unknown `type` counts as supported (the key is present).
  package init(_ value: JSONValue) {
    switch value["type"]?.stringValue {
    case "enum": self = .oneOf(value["values"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    case "range": self = .range(min: value["min"]?.intValue ?? Int64.min, max: value["max"]?.intValue ?? Int64.max)
    default: self = .supported
    }
  }

  /// The discovery form.
  package var json: JSONValue {
    switch self {
    case .oneOf(let values): return .object(["type": .string("enum"), "values": .strings(values)])
    case .range(let min, let max): return .object(["type": .string("range"), "min": .int(min), "max": .int(max)])
    case .supported: return .object(["type": .string("boolean")])
    }
  }

  /// Whether a string value is accepted.
  package func accepts(_ value: String) -> Bool {
    if case .oneOf(let values) = self { return values.contains(value) }
    return true
  }

  /// The union of two descriptors of one field (endpoints of one model).
  package func union(_ other: ParameterDescriptor) -> ParameterDescriptor {
    switch (self, other) {
    case (.oneOf(let a), .oneOf(let b)): return .oneOf(a + b.filter { !a.contains($0) })
    case (.range(let a, let b), .range(let c, let d)): return .range(min: Swift.min(a, c), max: Swift.max(b, d))
    default: return .supported
    }
  }

  /// What it accepts in a few words, for error lines: `1:1, 16:9`, `0 to 100`, or `any value`.
  package var summary: String {
    switch self {
    case .oneOf(let values): return values.joined(separator: ", ")
    case .range(let min, let max): return "\(min) to \(max)"
    case .supported: return "any value"
    }
  }
}
