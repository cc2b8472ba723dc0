import RepriseKit

/// `reprise diff A B`: compare two manifests.
enum DiffCommand {
  static let command = Command(
    name: "diff",
    summary: "compare two manifests: spec, batches and jobs matched by index",
    usage: ["diff OLD-MANIFEST NEW-MANIFEST [--json]"],
    notes: [
      "Lines start with + (added), - (removed) or ~ (changed); long text is diffed word by word as",
      "[-removed-]{+added+}. --json prints {identical, manifest_ids_equal, changes: [{path, op, old, new}]}.",
      "Exit 0 identical, 1 different, 2 unreadable manifest.",
    ],
    options: [.flag("json", "Print the differences as JSON.")],
    run: { args, context in try run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) throws -> Int32 {
    guard args.positionals.count == 2 else {
      throw RepriseError.usage("diff needs two manifest paths, got \(args.positionals.count)")
    }
    let a = try ManifestDocument.load(path: context.absolute(args.positionals[0]), name: args.positionals[0])
    let b = try ManifestDocument.load(path: context.absolute(args.positionals[1]), name: args.positionals[1])
    let diff = ManifestDiff(a.manifest, b.manifest)
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(diff.json))
    } else {
      for (name, document) in [(args.positionals[0], a), (args.positionals[1], b)] where !document.idMatches {
        context.console.errLine("warning: manifest '\(name)' was edited: its manifest_id does not match its contents")
      }
      context.console.out(diff.text)
    }
    return diff.isEmpty ? 0 : 1
  }
}
