import Foundation
import RepriseKit

/// `reprise lineage [DIR]`: the tree of iterations (parent image -> child manifest) under a folder.
enum LineageCommand {
  static let command = Command(
    name: "lineage",
    summary: "print the tree of iterations under a folder (parent output -> child manifest), picks, cost",
    usage: ["lineage [DIR] [--json]"],
    notes: [
      "Reads every *-manifest.json under DIR (default: the current folder), never following symbolic links.",
      "A manifest's parent is the manifest whose succeeded job output (sha256 or provider_sha256 in the",
      "results of <its folder>/imagegen-queue) has the sha256 of its baseline; roots have no baseline or",
      "one that matches no output. Each line shows the path (relative to DIR), jobs, succeeded, cost,",
      "picks and, for a child, the parent job (from PATH #INDEX). --json lists every manifest sorted by",
      "path with manifest_id, jobs, succeeded, cost, picks, parent {manifest, index, job_id, sha256} or null,",
      "and children. An unreadable manifest is skipped with one warning line on stderr.",
      "Exit 0 ok, 2 DIR is not a folder, 64 usage.",
    ],
    options: [
      .flag("json", "Print the manifests as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    guard args.positionals.count <= 1 else { throw RepriseError.usage("lineage takes at most one folder") }
    let name = args.positionals.first ?? "."
    let root = context.absolute(name)
    let report = try await BlockingWork.run { () throws(RepriseError) -> LineageReport in
      try LineageBuilder.build(root: root, shown: name)
    }
    for warning in report.warnings { context.console.errLine(warning) }
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(report.json))
    } else {
      for line in report.lines { context.console.line(line) }
    }
    return .ok
  }
}
