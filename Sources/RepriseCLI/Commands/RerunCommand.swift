import RepriseKit

/// `reprise rerun <manifest> --dry-run`: rebuild every request from the manifest alone and check
/// it against the recorded hash.
enum RerunCommand {
  static let command = Command(
    name: "rerun",
    summary: "replay a manifest's requests exactly; --dry-run checks them without sending",
    usage: ["rerun MANIFEST --dry-run [--only 1,3-5] [--json]"],
    notes: [
      "Rebuilds each request from the manifest alone (no current defaults), recomputes manifest_id and",
      "re-reads a local baseline to check its sha256. Exit 0 all match, 1 a request hash differs,",
      "2 unreadable or edited manifest, or a changed or missing baseline.",
    ],
    options: [
      .flag("dry-run", "Check every request; send nothing."),
      .value("only", "LIST", "Only these indices, e.g. 1,3-5."),
      .flag("json", "Print the report as JSON."),
    ],
    run: { args, context in try run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) throws -> Int32 {
    guard args.positionals.count == 1 else {
      throw RepriseError.usage(args.positionals.isEmpty ? "rerun needs a manifest path" : "rerun takes one manifest path, got \(args.positionals.count)")
    }
    guard args.flag("dry-run") else {
      throw RepriseError.usage("rerun sends requests only once the queue lands; pass --dry-run to check the manifest's requests")
    }
    let only = try args.value("only").map { text throws in try IndexList.parse(text, flag: "--only") }
    let path = args.positionals[0]
    let document = try ManifestDocument.load(path: context.absolute(path), name: path)
    let checks = try RerunPlanner.rebuild(document, manifestPath: context.absolute(path), only: only)
    let differing = checks.filter { !$0.matches }
    if args.flag("json") {
      let report: JSONValue = .object([
        "manifest": .string(path),
        "manifest_id": .string(document.storedID),
        "manifest_id_ok": .bool(true),
        "status": .string(differing.isEmpty ? "ok" : "differs"),
        "jobs": .array(checks.map { check in
          .object([
            "index": .int(Int64(check.index)), "job_id": .string(check.jobID),
            "status": .string(check.matches ? "ok" : "differs"),
            "recorded_request_sha256": .string(check.recordedSHA256),
            "rebuilt_request_sha256": .string(check.rebuiltSHA256),
          ])
        }),
      ])
      context.console.out(JSONWriter.pretty(report))
    } else {
      context.console.line("manifest_id ok: \(document.storedID)")
      for check in checks {
        if check.matches {
          context.console.line("ok       \(check.jobID)")
        } else {
          context.console.line("differs  \(check.jobID): request sha256 recorded \(check.recordedSHA256.prefix(12)), rebuilt \(check.rebuiltSHA256.prefix(12))")
        }
      }
      context.console.line("\(checks.count - differing.count) of \(checks.count) requests match")
    }
    return differing.isEmpty ? 0 : 1
  }
}
