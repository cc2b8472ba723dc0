import RepriseKit

/// Hand-written argument parsing: `--flag value`, `--flag=value`, repeatable options,
/// `--name`/`--no-name` toggles, an option that takes the rest of the line (`--on-complete CMD ARG...`),
/// and `--` to end options. Errors name the option and, for a
/// typo, suggest the nearest one.
struct ArgumentParser: Sendable {
  let options: [OptionSpec]

  /// Parses `arguments` (without the command name).
  func parse(_ arguments: [String]) throws(RepriseError) -> ParsedArguments {
    var parsed = ParsedArguments()
    var index = 0
    var optionsEnded = false
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
        parsed.positionals.append(argument)
        continue
      }
      if argument == "--" { optionsEnded = true; continue }
      guard argument.hasPrefix("--") else {
        throw .usage("unknown option '\(argument)'\(suggestion(for: String(argument.dropFirst())))")
      }
      var name = String(argument.dropFirst(2))
      var inlineValue: String?
      if let equals = name.firstIndex(of: "=") {
        inlineValue = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if let spec = options.first(where: { $0.name == name }) {
        switch spec.kind {
        case .flag:
          if inlineValue != nil { throw .usage("option '--\(name)' takes no value") }
          parsed.flags.insert(name)
        case .toggle:
          if inlineValue != nil { throw .usage("option '--\(name)' takes no value (use --\(name) or --no-\(name))") }
          if let earlier = parsed.toggles[name], earlier != true { throw .usage("options '--\(name)' and '--no-\(name)' contradict each other") }
          parsed.toggles[name] = true
        case .rest(let placeholder):
          let words = (inlineValue.map { [$0] } ?? []) + arguments[index...]
          index = arguments.count
          guard let first = words.first, !first.isEmpty else { throw .usage("option '--\(name)' needs a command after it (\(placeholder))") }
          parsed.lists[name] = Array(words)
                case .value(let placeholder), .repeatable(let placeholder):
          let value: String
          if let inlineValue {
            value = inlineValue
          } else {
            guard index < arguments.count else { throw .usage("option '--\(name)' needs a value (\(placeholder))") }
            value = arguments[index]
            index += 1
          }
          if case .repeatable = spec.kind {
            parsed.lists[name, default: []].append(value)
          } else {
            if parsed.values[name] != nil { throw .usage("option '--\(name)' was given twice; give it once") }
            parsed.values[name] = value
          }
        }
        continue
      }
      if name.hasPrefix("no-"), let spec = options.first(where: { $0.name == String(name.dropFirst(3)) }), spec.kind == .toggle {
        if inlineValue != nil { throw .usage("option '--\(name)' takes no value") }
        if let earlier = parsed.toggles[spec.name], earlier != false { throw .usage("options '--\(spec.name)' and '--\(name)' contradict each other") }
        parsed.toggles[spec.name] = false
        continue
      }
      throw .usage("unknown option '--\(name)'\(suggestion(for: name))")
    }
    return parsed
  }

  /// ` (did you mean '--count'?)` for the nearest known option, or empty.
  func suggestion(for name: String) -> String {
    var candidates: [String] = []
    for spec in options {
      candidates.append(spec.name)
      if spec.kind == .toggle { candidates.append("no-" + spec.name) }
    }
    guard let best = Suggestions.nearest(to: name, in: candidates) else { return "" }
    return " (did you mean '--\(best)'?)"
  }
}
