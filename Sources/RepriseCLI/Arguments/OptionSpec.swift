/// One option a command accepts.
struct OptionSpec: Sendable {
  /// How the option takes its value.
  enum Kind: Sendable, Equatable {
    /// `--name VALUE` or `--name=VALUE`, once.
    case value(placeholder: String)
    /// `--name VALUE`, repeatable; values kept in order.
    case repeatable(placeholder: String)
    /// `--name`, a switch.
    case flag
    /// `--name` / `--no-name`; unset when neither is given.
    case toggle
    /// `--name WORD...`: takes every argument after it, whatever it looks like, so it comes
    /// last (`--on-complete CMD ARG...`). At least one word.
    case rest(placeholder: String)
  }

  /// The name without dashes, e.g. `count`.
  let name: String
  /// How it takes its value.
  let kind: Kind
  /// One line of help.
  let help: String

  /// `--name VALUE`, once.
  static func value(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, kind: .value(placeholder: placeholder), help: help)
  }
  /// `--name VALUE`, repeatable.
  static func repeatable(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, kind: .repeatable(placeholder: placeholder), help: help)
  }
  /// `--name WORD...`, the rest of the command line.
  static func rest(_ name: String, _ placeholder: String, _ help: String) -> OptionSpec {
    OptionSpec(name: name, kind: .rest(placeholder: placeholder), help: help)
  }
  /// `--name`.
  static func flag(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, kind: .flag, help: help) }
  /// `--name` / `--no-name`.
  static func toggle(_ name: String, _ help: String) -> OptionSpec { OptionSpec(name: name, kind: .toggle, help: help) }

  /// How the option appears in help, e.g. `--count N` or `--[no-]lock-palette`.
  var synopsis: String {
    switch kind {
    case .value(let p), .repeatable(let p), .rest(let p): return "--\(name) \(p)"
    case .flag: return "--\(name)"
    case .toggle: return "--[no-]\(name)"
    }
  }
}
