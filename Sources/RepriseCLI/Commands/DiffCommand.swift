import Foundation
import RepriseKit

/// `reprise diff A B`: compare two manifests.
enum DiffCommand {
  static let command = Command(
    name: "diff",
    summary: "compare two manifests: spec, batches and jobs matched by index",
    usage: ["diff OLD-MANIFEST NEW-MANIFEST [--results OLD-QUEUE NEW-QUEUE] [--json]"],
    notes: [
      "Lines start with + (added), - (removed) or ~ (changed); long text is diffed word by word as",
      "[-removed-]{+added+}. --json prints {identical, manifest_ids_equal, changes: [{path, op, old, new}]}.",
      "When both manifests have results (their queue folders, <folder>/imagegen-queue, or --results),",
      "each job's output is compared too: identical bytes, different bytes, or failed, with the cost.",
      "Each side's picks (reprise pick) are listed when it has a picks file (--json: picks {old, new}).",
      "Exit 0 identical, 1 different, 2 unreadable manifest or a picks file that belongs to another manifest.",
    ],
    options: [
      .flag("json", "Print the differences as JSON."),
      .flag("results", "Take the next two arguments as the queue folders of OLD and NEW."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    let expected = args.flag("results") ? 4 : 2
    guard args.positionals.count == expected else {
      throw RepriseError.usage(
        args.flag("results")
          ? "diff --results needs two manifests and two queue folders, got \(args.positionals.count) paths"
          : "diff needs two manifest paths, got \(args.positionals.count)")
    }
    let a = try ManifestDocument.load(path: context.absolute(args.positionals[0]), name: args.positionals[0])
    let b = try ManifestDocument.load(path: context.absolute(args.positionals[1]), name: args.positionals[1])
    let diff = ManifestDiff(a.manifest, b.manifest)
    let picks = [(args.positionals[0], a), (args.positionals[1], b)].map { name, document in
      PickFile.loadForShowing(forManifest: document.manifest, manifestPath: context.absolute(name), manifestName: name, warn: context.console.errLine)
    }
    var queues = [0, 1].map { (context.absolute(args.positionals[$0]) as NSString).deletingLastPathComponent + "/imagegen-queue" }
    if args.flag("results") {
      queues = [context.absolute(args.positionals[2]), context.absolute(args.positionals[3])]
      for (n, queue) in queues.enumerated() where !FileSystem.isDirectory(queue) {
        throw RepriseError.badInput("queue folder '\(args.positionals[n + 2])' does not exist")
      }
    }
    var outputs: OutputComparison?
    if queues.allSatisfy({ FileSystem.isDirectory($0 + "/results") || FileSystem.isDirectory($0 + "/failed") }) {
      outputs = OutputComparison(a.manifest, QueueStore(layout: QueueLayout(root: queues[0])), b.manifest, QueueStore(layout: QueueLayout(root: queues[1])))
    }
    if args.flag("json") {
      var members = diff.json.objectValue ?? [:]
      members["outputs"] = outputs?.json ?? .null
      members["picks"] = picks.allSatisfy { $0 == nil } ? .null : .object(["old": picksJSON(picks[0]), "new": picksJSON(picks[1])])
      members["identical"] = .bool(diff.isEmpty && !(outputs?.hasDifferences ?? false))
      context.console.out(JSONWriter.pretty(.object(members)))
    } else {
      for (name, document) in [(args.positionals[0], a), (args.positionals[1], b)] where !document.idMatches {
        context.console.errLine("warning: manifest '\(name)' was edited: its manifest_id does not match its contents")
      }
      context.console.out(diff.text)
      if let outputs { for line in outputs.lines { context.console.line(line) } }
      for (side, file) in zip(["old", "new"], picks) {
        guard let file else { continue }
        let items = file.picks.map { "\($0.index) \($0.jobID)" + ($0.note.map { " (note: \($0))" } ?? "") }
        context.console.line("picks \(side): " + (items.isEmpty ? "none" : items.joined(separator: ", ")))
      }
    }
    return .okIf(diff.isEmpty && !(outputs?.hasDifferences ?? false))
  }

  /// One side's picks for `--json`: null without a picks file.
  static func picksJSON(_ file: PickFile?) -> JSONValue {
    file.map { .array($0.picks.map(\.json)) } ?? .null
  }
}
