import Foundation
import RepriseKit

/// `reprise pick MANIFEST INDEX...`: record the chosen variants beside the manifest.
enum PickCommand {
  static let command = Command(
    name: "pick",
    summary: "record chosen variants (and a note) in <prefix>-picks.json beside the manifest",
    usage: ["pick MANIFEST INDEX... [--note TEXT] [--unpick] [--json]"],
    notes: [
      "INDEX is a job index or a list such as 1,3-5; each must be in the manifest. The picks file records",
      "manifest_id and, sorted by index, each pick's job_id, out, request_sha256 and note; the manifest never",
      "changes. Picking again is idempotent (without --note a pick keeps its note); --unpick removes picks.",
      "Concurrent picks on one manifest all land. A picks file naming a job the manifest no longer has (a",
      "manifest replaced under it) is refused. status --manifest, gallery and diff show picks.",
      "Exit 0 ok, 2 unreadable or edited manifest, an index not in it, or a picks file that is not one",
      "or belongs to another manifest (nothing is written), 64 usage.",
    ],
    options: [
      .value("note", "TEXT", "A note recorded on each pick (replaces an earlier note)."),
      .flag("unpick", "Remove these picks instead of adding them."),
      .flag("json", "Print the picks file's picks as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    guard args.positionals.count >= 2 else {
      throw RepriseError.usage(
        args.positionals.isEmpty ? "pick needs a manifest path and at least one INDEX" : "pick needs at least one INDEX after the manifest")
    }
    let note = args.value("note")
    let unpick = args.flag("unpick")
    if unpick, note != nil { throw RepriseError.usage("--note cannot be used with --unpick") }
    if let note, note.isEmpty || note.contains(where: \.isNewline) { throw RepriseError.usage("--note needs one line of text") }
    var indices = Set<Int>()
    for text in args.positionals.dropFirst() { indices.formUnion(try IndexList.parse(text, flag: "INDEX")) }
    let name = args.positionals[0]
    let path = context.absolute(name)
    let wanted = indices.sorted()
    let report = try await BlockingWork.run { () throws(RepriseError) -> PickReport in
      try PickUpdate.apply(manifestPath: path, manifestName: name, indices: wanted, note: note, unpick: unpick)
    }
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(report.json))
    } else {
      for line in report.lines { context.console.line(line) }
    }
    return .ok
  }
}
