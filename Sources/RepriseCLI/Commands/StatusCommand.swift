import Foundation
import RepriseKit

/// `reprise status`: the one consolidated completion report.
enum StatusCommand {
  static let command = Command(
    name: "status",
    summary: "report a request's or manifest's jobs: states, outputs, failures, total cost",
    usage: ["status [--queue-dir DIR] [--request-id R | --manifest FILE] [--json]"],
    notes: [
      "Read-only. A job claimed by a worker that died (its lock is free) is reported orphaned, with the",
      "command that resumes it. Exit 0 all done and succeeded, 1 any failed, 2 no job matches the request",
      "id or manifest, 3 still pending or running, 5 stalled: jobs wait but no live worker will do them",
      "(run the printed resume command). With --manifest, jobs its picks file (reprise pick) names are marked",
      "picked (--json: a picked field per job).",
    ],
    options: [
      .value("queue-dir", "DIR", "Queue folder (default generated/imagegen-queue, or beside --manifest)."),
      .value("request-id", "R", "Only this request's jobs."),
      .value("manifest", "FILE", "Only this manifest's jobs."),
      .value("by", "AXIS", "With --manifest of a sweep: totals per value of AXIS (jobs, succeeded, cost, median latency)."),
      .flag("json", "Print the report as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': status takes options only") }
    var jobs: [String]?
    var defaultQueue = "generated/imagegen-queue"
    var manifestID: String?
    var picked: Set<String> = []
    var sweepManifest: Manifest?
    if let manifestPath = args.value("manifest") {
      let document = try ManifestDocument.load(path: context.absolute(manifestPath), name: manifestPath)
      jobs = document.manifest.jobs.map(\.jobID)
      if document.manifest.spec.sweep != nil { sweepManifest = document.manifest }
      manifestID = document.storedID
      let picks = PickFile.loadForShowing(
        forManifest: document.manifest, manifestPath: context.absolute(manifestPath), manifestName: manifestPath, warn: context.console.errLine)
      picked = Set(picks?.picks.map(\.jobID) ?? [])
      defaultQueue = ((manifestPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent("imagegen-queue")
    }
    if args.value("by") != nil, args.value("manifest") == nil { throw RepriseError.usage("--by needs --manifest FILE (a sweep's manifest)") }
    if args.value("by") != nil, sweepManifest == nil {
      throw RepriseError.usage("--by groups a sweep's jobs: manifest '\(args.value("manifest")!)' is not a sweep (no spec.sweep)")
    }
    let queueDir = args.value("queue-dir") ?? defaultQueue
    let layout = QueueLayout(root: context.absolute(queueDir))
    guard FileSystem.isDirectory(layout.root) else { throw RepriseError.badInput("queue folder '\(queueDir)' does not exist (pass --queue-dir)") }
    let store = QueueStore(layout: layout)
    let requestID = args.value("request-id")
    if let requestID { try VariantOptions.validateRequestID(requestID) }
    var records: [String: JobStatusReport.RecordBox] = [:]
    if jobs == nil { (jobs, records) = RequestJobs.findWithBoxedRecords(store, requestID: requestID) }
    if let requestID, jobs?.isEmpty ?? true {
      throw RepriseError.badInput("no jobs for request id \(requestID) in \(queueDir)")
    }
    if let manifestPath = args.value("manifest"), let known = jobs, !known.contains(where: { store.hasRecord(of: $0) }) {
      throw RepriseError.badInput("no jobs for manifest \(manifestPath) in \(queueDir): run or queue it first (reprise variants ... or reprise rerun)")
    }
    let report = JobStatusReport(jobs: jobs ?? [], store: store, boxes: records, picked: picked)
    // A sweep's totals per cell (or per value of --by), after the job lines.
    let groups = try sweepManifest.map { m throws in try SweepGroups(manifest: m, report: report, axis: args.value("by")) }
    if args.flag("json") {
      var extra: [String: JSONValue] = ["queue_dir": .string(layout.root), "request_id": .optional(requestID), "manifest_id": .optional(manifestID)]
      if let groups { extra[args.value("by") == nil ? "cells" : "by"] = groups.json }
      context.console.out(report.prettyJSON(extra: extra))
    } else {
      // One write for the whole report (a write per line was a system call per job).
      var lines = report.lines
      if let groups {
        lines.append(args.value("by").map { "by \($0):" } ?? "by cell:")
        lines += groups.lines.map { "  " + $0 }
      }
      context.console.out(lines.joined(separator: "\n") + "\n")
    }
    return report.exitCode
  }
}
