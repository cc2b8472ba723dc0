/// Shell completion scripts generated from the command table, so they never drift from the flags.
enum CompletionScript {
  /// Values offered for options that take one of a fixed set.
  static let values: [String: [String]] = [
    "image-size": ["low", "medium", "high"],
    "variation-strength": ["low", "medium", "high"],
    "transport": ["auto", "chat", "images"],
    "ext": ["png", "jpg", "webp"],
    "aspect-ratio": ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1", "1:8", "8:1"],
    "baseline-source-kind": ["current_attachment", "reply_attachment", "explicit_path_or_url"],
    "output-format": ["path", "json"],
    "handoff-mode": ["foreground", "background"],
  ]

  /// Options whose value is a file or folder.
  static let pathOptions: Set<String> = [
    "prompt-file", "out-dir", "out", "baseline-image", "workspace-root", "queue-dir", "save-response-json", "manifest", "from-image", "from", "lineage",
  ]

  static func optionWords(_ command: Command) -> [String] {
    var words: [String] = []
    for option in command.options {
      words.append("--" + option.name)
      if option.kind == .toggle { words.append("--no-" + option.name) }
    }
    return words + ["--help"]
  }

  static func takesValue(_ option: OptionSpec) -> Bool {
    switch option.kind {
    case .value, .repeatable, .rest: return true
    case .flag, .toggle: return false
    }
  }

  /// bash (`source <(reprise completions bash)`).
  static func bash(_ commands: [Command]) -> String {
    var lines = [
      "# bash completion for reprise; load with: source <(reprise completions bash)",
      "_reprise() {",
      "  local cur prev sub opts",
      "  cur=\"${COMP_WORDS[COMP_CWORD]}\"",
      "  prev=\"${COMP_WORDS[COMP_CWORD-1]}\"",
      "  if [ \"$COMP_CWORD\" -eq 1 ]; then",
      "    COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " ")) help --help --version\" -- \"$cur\"))",
      "    return",
      "  fi",
      "  sub=\"${COMP_WORDS[1]}\"",
      "  case \"$prev\" in",
    ]
    for name in values.keys.sorted() {
      lines.append("    --\(name)) COMPREPLY=($(compgen -W \"\(values[name]!.joined(separator: " "))\" -- \"$cur\")); return ;;")
    }
    lines.append("    --\(pathOptions.sorted().joined(separator: "|--"))) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;")
    lines += ["  esac", "  case \"$sub\" in"]
    for command in commands {
      lines.append("    \(command.name)) opts=\"\(optionWords(command).joined(separator: " "))\" ;;")
    }
    lines.append("    help) COMPREPLY=($(compgen -W \"\(commands.map(\.name).joined(separator: " "))\" -- \"$cur\")); return ;;")
    lines += [
      "    *) opts=\"--help\" ;;",
      "  esac",
      "  if [[ \"$cur\" == -* ]]; then",
      "    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))",
      "  else",
      "    COMPREPLY=($(compgen -f -- \"$cur\"))",
      "  fi",
      "}",
      "complete -F _reprise reprise",
    ]
    return lines.joined(separator: "\n") + "\n"
  }

  static func zshEscape(_ text: String) -> String {
    var out = ""
    for c in text {
      switch c {
      case "[", "]", ":", "\\": out += "\\" + String(c)
      case "'": out += "'\\''"
      default: out.append(c)
      }
    }
    return out
  }

  /// zsh (`reprise completions zsh > "${fpath[1]}/_reprise"`).
  static func zsh(_ commands: [Command]) -> String {
    var lines = [
      "#compdef reprise", "# zsh completion for reprise; install with: reprise completions zsh > \"${fpath[1]}/_reprise\"", "_reprise() {",
      "  local -a commands", "  commands=(",
    ]
    for command in commands { lines.append("    '\(command.name):\(zshEscape(command.summary))'") }
    lines += ["  )", "  if (( CURRENT == 2 )); then", "    _describe 'command' commands", "    return", "  fi", "  case $words[2] in"]
    for command in commands {
      var specs: [String] = []
      for option in command.options {
        let help = zshEscape(option.help)
        var action = ""
        if takesValue(option) {
          if let choices = values[option.name] {
            action = ":\(option.name):(\(choices.joined(separator: " ")))"
          } else if pathOptions.contains(option.name) {
            action = ":\(option.name):_files"
          } else {
            action = ":\(option.name):"
          }
        }
        var repeatPrefix = ""
        if case .repeatable = option.kind { repeatPrefix = "*" }
        specs.append("'\(repeatPrefix)--\(option.name)[\(help)]\(action)'")
        if option.kind == .toggle { specs.append("'--no-\(option.name)[turn off --\(option.name)]'") }
      }
      specs.append("'*:file:_files'")
      lines.append("    \(command.name))")
      lines.append("      _arguments \\")
      lines += specs.enumerated().map { "        \($0.element)\($0.offset == specs.count - 1 ? "" : " \\")" }
      lines.append("      ;;")
    }
    lines += ["  esac", "}", "_reprise \"$@\""]
    return lines.joined(separator: "\n") + "\n"
  }

  static func fishEscape(_ text: String) -> String {
    text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
  }

  /// fish (`reprise completions fish > ~/.config/fish/completions/reprise.fish`).
  static func fish(_ commands: [Command]) -> String {
    var lines = ["# fish completion for reprise; install with: reprise completions fish > ~/.config/fish/completions/reprise.fish", "complete -c reprise -f"]
    for command in commands {
      lines.append("complete -c reprise -n '__fish_use_subcommand' -a \(command.name) -d '\(fishEscape(command.summary))'")
    }
    for command in commands {
      for option in command.options {
        var line = "complete -c reprise -n '__fish_seen_subcommand_from \(command.name)' -l \(option.name) -d '\(fishEscape(option.help))'"
        if takesValue(option) {
          if let choices = values[option.name] {
            line += " -x -a '\(choices.joined(separator: " "))'"
          } else if pathOptions.contains(option.name) {
            line += " -r -F"
          } else {
            line += " -r"
          }
        }
        lines.append(line)
        if option.kind == .toggle {
          lines.append("complete -c reprise -n '__fish_seen_subcommand_from \(command.name)' -l no-\(option.name) -d 'turn off --\(option.name)'")
        }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}

import Foundation
