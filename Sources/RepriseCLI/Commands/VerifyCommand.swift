import Foundation
import RepriseKit

/// `reprise verify <manifest>`: nothing lost or silently changed.
enum VerifyCommand {
  static let command = Command(
    name: "verify",
    summary: "check a manifest's id, its baseline and every output against its result record",
    usage: ["verify MANIFEST [--queue-dir DIR] [--json]"],
    notes: [
      "Recomputes manifest_id, re-reads a local baseline, and checks that each job's outputs exist with",
      "the sha256 their result records hold (and, for PNGs, carry the job's embedded record). Jobs that",
      "failed or never ran are listed. Exit 0 all good, 1 missing or changed outputs or baseline (listed),",
      "2 manifest edited or unreadable.",
    ],
    options: [
      .value("queue-dir", "DIR", "Queue folder holding the results (default: beside the manifest)."),
      .flag("json", "Print the findings as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    guard args.positionals.count == 1 else { throw RepriseError.usage("verify needs one manifest path") }
    let name = args.positionals[0]
    let path = context.absolute(name)
    let document = try ManifestDocument.load(path: path, name: name)
    let queue = args.value("queue-dir").map(context.absolute) ?? (path as NSString).deletingLastPathComponent + "/imagegen-queue"
    let findings = try ManifestVerifier.verify(document, manifestPath: path, name: name, store: QueueStore(layout: QueueLayout(root: queue)))
    let drift = findings.filter(\.isDrift)
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(.object([
        "manifest": .string(name), "manifest_id": .string(document.storedID), "manifest_id_ok": .bool(true),
        "status": .string(drift.isEmpty ? "ok" : "drift"), "findings": .array(findings.map(\.json)),
      ])))
    } else {
      context.console.line("manifest_id ok: \(document.storedID)")
      for finding in findings {
        context.console.line("\(finding.status.padding(toLength: 18, withPad: " ", startingAt: 0)) \(finding.subject): \(finding.detail)")
      }
      let ok = findings.filter { $0.status == "ok" }.count
      context.console.line("\(ok) ok, \(drift.count) drifted, \(findings.count - ok - drift.count) not run or failed")
    }
    return .okIf(drift.isEmpty)
  }
}
