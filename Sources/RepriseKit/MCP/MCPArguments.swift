/// A tool call's arguments, checked against the tool's parameters: unknown names, missing
/// required ones, wrong types, values outside their choices or range, and paths outside the root
/// are refused with -32602 naming the argument.
package struct MCPArguments: Sendable {
  /// The arguments as given.
  package let values: [String: JSONValue]
  /// The root paths are resolved in.
  package let root: MCPRoot

  /// Checks `values` against `parameters`.
  /// - Throws: `MCPError` -32602 for the first problem.
  package init(_ values: [String: JSONValue], parameters: [MCPParameter], root: MCPRoot, tool: String) throws(MCPError) {
    let known = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0) })
    for name in values.keys.sorted() where known[name] == nil {
      let accepted = parameters.map(\.name).joined(separator: ", ")
      throw .invalidParams("\(tool): unknown argument '\(name)' (accepted: \(accepted.isEmpty ? "none" : accepted))")
    }
    for parameter in parameters {
      guard let value = values[parameter.name], !value.isNull else {
        if parameter.required { throw .invalidParams("\(tool): argument '\(parameter.name)' is required: \(parameter.description)") }
        continue
      }
      try Self.check(value, parameter, tool: tool)
    }
    self.values = values
    self.root = root
  }

  private static func check(_ value: JSONValue, _ parameter: MCPParameter, tool: String) throws(MCPError) {
    let name = "\(tool): argument '\(parameter.name)'"
    switch parameter.kind {
    case .string:
      guard let text = value.stringValue else { throw .invalidParams("\(name) must be a string, got \(value.kindName)") }
      if !parameter.choices.isEmpty, !parameter.choices.contains(text) {
        throw .invalidParams("\(name) '\(text)' is not accepted: use one of \(parameter.choices.joined(separator: ", "))")
      }
    case .integer, .number:
      guard let number = value.doubleValue, parameter.kind == .number || value.intValue != nil else {
        throw .invalidParams("\(name) must be \(parameter.kind == .integer ? "an integer" : "a number"), got \(value.kindName)")
      }
      if let range = parameter.range, !range.contains(number) {
        throw .invalidParams("\(name) \(number) is out of range: accepted \(range.lowerBound) to \(range.upperBound)")
      }
    case .boolean:
      guard value.boolValue != nil else { throw .invalidParams("\(name) must be true or false, got \(value.kindName)") }
    case .strings:
      guard let items = value.arrayValue, items.allSatisfy({ $0.stringValue != nil }) else {
        throw .invalidParams("\(name) must be an array of strings")
      }
    }
  }

  /// A string argument, or nil.
  package func string(_ name: String) -> String? { values[name]?.stringValue }
  /// An integer argument, or nil.
  package func int(_ name: String) -> Int? { values[name]?.intValue.map { Int($0) } }
  /// A number argument, or nil.
  package func double(_ name: String) -> Double? { values[name]?.doubleValue }
  /// A boolean argument (false when absent).
  package func flag(_ name: String) -> Bool { values[name]?.boolValue ?? false }
  /// A boolean argument, or nil when absent.
  package func bool(_ name: String) -> Bool? { values[name]?.boolValue }
  /// A string-array argument (empty when absent).
  package func strings(_ name: String) -> [String] { values[name]?.arrayValue?.compactMap(\.stringValue) ?? [] }

  /// A path argument resolved inside the root, or nil when absent.
  /// - Throws: `MCPError` -32602 when it leads outside the root.
  package func path(_ name: String) throws(MCPError) -> String? {
    guard let given = string(name) else { return nil }
    return try root.resolve(given, argument: name)
  }

  /// A required path argument resolved inside the root.
  package func requiredPath(_ name: String) throws(MCPError) -> String {
    guard let resolved = try path(name) else { throw .invalidParams("argument '\(name)' is required") }
    return resolved
  }
}
