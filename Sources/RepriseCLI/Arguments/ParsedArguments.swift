import RepriseKit

/// What the parser found: values by option name, switches, toggles and positionals.
struct ParsedArguments: Sendable {
  var values: [String: String] = [:]
  var lists: [String: [String]] = [:]
  var flags: Set<String> = []
  var toggles: [String: Bool] = [:]
  var positionals: [String] = []

  /// The value of `--name`, if given.
  func value(_ name: String) -> String? { values[name] }
  /// True when `--name` was given.
  func flag(_ name: String) -> Bool { flags.contains(name) }
  /// Every value of a repeatable `--name`.
  func list(_ name: String) -> [String] { lists[name] ?? [] }
  /// `true` / `false` for `--name` / `--no-name`, nil when neither was given.
  func toggle(_ name: String) -> Bool? { toggles[name] }

  /// An integer option, with an error naming the flag and the accepted range.
  func int(_ name: String, accepted: String) throws(RepriseError) -> Int? {
    guard let text = values[name] else { return nil }
    let trimmed = text.trimmingSpaces
    guard let number = Int(trimmed) else {
      let digits = trimmed.first == "-" || trimmed.first == "+" ? trimmed.dropFirst() : Substring(trimmed)
      if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) {
        throw .usage("--\(name) '\(text)' is too \(trimmed.first == "-" ? "small" : "large"): accepted \(accepted)")
      }
      throw .usage("--\(name) '\(text)' is not a whole number: accepted \(accepted)")
    }
    return number
  }

  /// A decimal option, with an error naming the flag.
  func double(_ name: String, accepted: String) throws(RepriseError) -> Double? {
    guard let text = values[name] else { return nil }
    guard let number = Double(text.trimmingSpaces), number.isFinite else {
      throw .usage("--\(name) '\(text)' is not a number: accepted \(accepted)")
    }
    return number
  }
}

extension String {
  var trimmingSpaces: String {
    var s = Substring(self)
    while s.first == " " { s = s.dropFirst() }
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
