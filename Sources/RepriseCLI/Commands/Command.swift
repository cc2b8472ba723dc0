import RepriseKit

/// A subcommand: its name, help and behaviour.
struct Command: Sendable {
  /// e.g. `variants`.
  let name: String
  /// One line for the command list.
  let summary: String
  /// Usage lines without the leading `reprise `.
  let usage: [String]
  /// Paragraphs shown after the options in `--help`.
  let notes: [String]
  /// Options, in help order.
  let options: [OptionSpec]
  /// Runs the command; returns the exit code or throws a `RepriseError`.
  let run: @Sendable (ParsedArguments, CommandContext) async throws -> ExitCode

  /// The full `--help` text.
  var help: String {
    var lines = ["reprise \(name): \(summary)", "", "Usage:"]
    lines += usage.map { "  reprise " + $0 }
    lines += ["", "Options:"]
    let all = options + [OptionSpec.flag("help", "Show this help.")]
    let width = min(34, (all.map { $0.synopsis.count }.max() ?? 0) + 2)
    for option in all {
      let synopsis = option.synopsis
      if synopsis.count + 2 > width {
        lines.append("  " + synopsis)
        lines.append("  " + String(repeating: " ", count: width) + option.help)
      } else {
        lines.append("  " + synopsis + String(repeating: " ", count: width - synopsis.count) + option.help)
      }
    }
    if !notes.isEmpty {
      lines.append("")
      lines += notes
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The short usage block printed after a usage error.
  var usageBlock: String {
    (["Usage:"] + usage.map { "  reprise " + $0 } + ["Run 'reprise \(name) --help' for all options."]).joined(separator: "\n") + "\n"
  }
}
