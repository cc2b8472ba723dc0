import RepriseKit

/// The `reprise` command line: dispatches to subcommands, prints help and errors, and maps
/// every outcome to a documented exit code.
package enum RepriseCommandLine {
  /// The tool's version.
  package static let version = "0.1.0"

  /// Every subcommand, in help order.
  static let commands: [Command] = [
    VariantsCommand.command,
    GenerateCommand.command,
    EnqueueCommand.command,
    DrainCommand.command,
    StatusCommand.command,
    GalleryCommand.command,
    InspectCommand.command,
    MeasureCommand.command,
    VerifyCommand.command,
    PreflightCommand.command,
    ModelsCommand.command,
    RerunCommand.command,
    DiffCommand.command,
    PickCommand.command,
    IterateCommand.command,
    LineageCommand.command,
    MCPCommand.command,
    CompletionsCommand.command,
  ]

  /// Commands that send requests to OpenRouter (or queue jobs a worker will send), so refuse an
  /// unusable `REPRISE_MAX_RESPONSE_MB` before doing anything. `preflight` reports it as a check.
  static let sendingCommands: Set<String> = ["variants", "iterate", "generate", "enqueue", "drain", "rerun", "models"]

  /// Runs `arguments` (without the program name) and returns the exit code.
  package static func run(_ arguments: [String], context: CommandContext) async -> ExitCode {
    guard let first = arguments.first else {
      context.console.err(mainHelp)
      return .usage
    }
    switch first {
    case "--help", "-h":
      context.console.out(mainHelp)
      return .ok
    case "--version", "version":
      context.console.line("reprise \(version) (writes \(Manifest.schema))")
      return .ok
    case "help":
      guard arguments.count > 1 else { context.console.out(mainHelp); return .ok }
      guard let command = commands.first(where: { $0.name == arguments[1] }) else {
        return fail(.usage("unknown command '\(arguments[1])'\(commandSuggestion(arguments[1]))"), usage: mainUsage, context: context)
      }
      context.console.out(command.help)
      return .ok
    default:
      break
    }
    guard let command = commands.first(where: { $0.name == first }) else {
      let what = first.hasPrefix("-") ? "unknown option '\(first)'" : "unknown command '\(first)'"
      return fail(.usage(what + commandSuggestion(first)), usage: mainUsage, context: context)
    }
    let rest = Array(arguments.dropFirst())
    if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) {
      context.console.out(command.help)
      return .ok
    }
    do {
      let parsed = try ArgumentParser(options: command.options).parse(rest)
      if sendingCommands.contains(command.name), let problem = OpenRouterConfiguration(environment: context.environment).maxResponseProblem {
        return fail(.usage(problem), usage: nil, context: context)
      }
      return try await command.run(parsed, context)
    } catch let error as RepriseError {
      return fail(error, usage: error.kind == .usage ? command.usageBlock : nil, context: context)
    } catch {
      // Not a reprise error (a bug or an unexpected system failure): exit 1 with its reason.
      return fail(RepriseError(.failure, PlainReason.of(error)), usage: nil, context: context)
    }
  }

  static func fail(_ error: RepriseError, usage: String?, context: CommandContext) -> ExitCode {
    context.console.errLine("error: " + error.message)
    if let usage { context.console.err(usage) }
    return error.exitCode
  }

  static func commandSuggestion(_ word: String) -> String {
    let name = word.hasPrefix("--") ? String(word.dropFirst(2)) : word
    guard let best = Suggestions.nearest(to: name, in: commands.map(\.name) + ["help"]) else { return "" }
    return " (did you mean '\(best)'?)"
  }

  static var mainUsage: String {
    "Usage:\n  reprise <command> [options]\nRun 'reprise --help' for the commands.\n"
  }

  /// `reprise --help`.
  static var mainHelp: String {
    var lines = [
      "reprise \(version): plan, replay and compare batches of image variants made with OpenRouter",
      "",
      "Usage:",
      "  reprise <command> [options]",
      "  reprise help <command>",
      "  reprise <command> --help",
      "  reprise --version",
      "",
      "Commands:",
    ]
    for command in commands {
      let width = (commands.map(\.name.count).max() ?? 0) + 2
      lines.append("  " + command.name + String(repeating: " ", count: max(1, width - command.name.count)) + command.summary)
    }
    lines += [
      "",
      "Environment:",
      "  OPENROUTER_API_KEY    API key (never written to any file or output)",
      "  OPENROUTER_BASE_URL   API base URL (default https://openrouter.ai/api/v1)",
      "  OPENROUTER_DEBUG      1 to log each request attempt on stderr",
      "  REPRISE_MAX_RESPONSE_MB  largest response body accepted, in MiB (default 160)",
      "",
      "Exit codes:",
      "  0 ok, 1 failure (a job failed, diff found differences, a request differs),",
      "  2 bad input file (baseline, manifest, job file), 3 strict clarify,",
      "  4 edit intent without baseline, 64 usage, 130 interrupted",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
