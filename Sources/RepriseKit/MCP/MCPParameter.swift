/// One argument a tool takes: its name, JSON type, description, whether it is required and the
/// values accepted. A tool's `inputSchema` is built from its parameters, and `MCPArguments`
/// checks calls against the same list, so the two never disagree.
package struct MCPParameter: Sendable, Equatable {
  /// The JSON types arguments have.
  package enum Kind: String, Sendable {
    /// A string.
    case string
    /// An integer.
    case integer
    /// Any number.
    case number
    /// true or false.
    case boolean
    /// An array of strings.
    case strings
  }

  /// The argument's name.
  package let name: String
  /// Its type.
  package let kind: Kind
  /// What it means.
  package let description: String
  /// True when the call must give it.
  package let required: Bool
  /// The only values accepted (strings), or empty.
  package let choices: [String]
  /// The smallest and largest number accepted, for numbers.
  package let range: ClosedRange<Double>?

  /// A parameter as given.
  package init(_ name: String, _ kind: Kind, _ description: String, required: Bool = false, choices: [String] = [], range: ClosedRange<Double>? = nil) {
    self.name = name
    self.kind = kind
    self.description = description
    self.required = required
    self.choices = choices
    self.range = range
  }

  /// Its JSON Schema.
  package var schema: JSONValue {
    var members: [String: JSONValue] = ["description": .string(description)]
    switch kind {
    case .strings: members["type"] = .string("array"); members["items"] = .object(["type": .string("string")])
    default: members["type"] = .string(kind.rawValue)
    }
    if !choices.isEmpty { members["enum"] = .strings(choices) }
    if let range {
      members["minimum"] = kind == .integer ? .int(Int64(range.lowerBound)) : .double(range.lowerBound)
      members["maximum"] = kind == .integer ? .int(Int64(range.upperBound)) : .double(range.upperBound)
    }
    return .object(members)
  }

  /// The `inputSchema` of a tool taking `parameters`.
  package static func inputSchema(_ parameters: [MCPParameter]) -> JSONValue {
    var properties: [String: JSONValue] = [:]
    for parameter in parameters { properties[parameter.name] = parameter.schema }
    return .object([
      "type": .string("object"), "properties": .object(properties), "required": .strings(parameters.filter(\.required).map(\.name)),
      "additionalProperties": .bool(false),
    ])
  }
}
