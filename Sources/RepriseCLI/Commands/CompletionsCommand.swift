import RepriseKit

/// `reprise completions bash|zsh|fish`.
enum CompletionsCommand {
  static let command = Command(
    name: "completions",
    summary: "print a shell completion script for bash, zsh or fish",
    usage: ["completions bash|zsh|fish"],
    notes: [
      "bash: source <(reprise completions bash)",
      "zsh:  reprise completions zsh > \"${fpath[1]}/_reprise\"",
      "fish: reprise completions fish > ~/.config/fish/completions/reprise.fish",
    ],
    options: [],
    run: { args, context in
      guard args.positionals.count == 1 else { throw RepriseError.usage("completions needs one shell: bash, zsh or fish") }
      let commands = RepriseCommandLine.commands
      switch args.positionals[0] {
      case "bash": context.console.out(CompletionScript.bash(commands))
      case "zsh": context.console.out(CompletionScript.zsh(commands))
      case "fish": context.console.out(CompletionScript.fish(commands))
      default: throw RepriseError.usage("completions: unknown shell '\(args.positionals[0])': use bash, zsh or fish")
      }
      return .ok
    })
}
