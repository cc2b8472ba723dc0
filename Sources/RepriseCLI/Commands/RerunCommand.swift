import Foundation
import RepriseKit

/// `reprise rerun <manifest> --dry-run`: rebuild every request from the manifest alone and check
/// it against the recorded hash.
enum RerunCommand {
  static let command = Command(
    name: "rerun",
    summary: "replay a manifest's requests exactly and compare the new outputs with the earlier ones",
    usage: [
      "rerun MANIFEST [--only 1,3-5] [--out-dir DIR] [--concurrency N] [--background] [--expect-identical]",
      "rerun MANIFEST --dry-run [--only 1,3-5] [--json]",
      "rerun --from-image IMAGE [--manifest MANIFEST] [options]",
    ],
    notes: [
      "Rebuilds each request from the manifest alone (no current defaults), recomputes manifest_id and",
      "re-reads a local baseline to check its sha256; a request whose body hash differs from the job's",
      "request_sha256 is never sent. Outputs go to <out-dir>/<prefix>-rerun-<n>/ (next free n), never",
      "over earlier ones; each job is reported identical, differs (new sha256 vs the earlier result's),",
      "new (no earlier result) or failed. Exit 0 ok, 1 a job failed or a request differs (or any output",
      "differs with --expect-identical), 2 unreadable or edited manifest, changed or missing baseline.",
      "--dry-run checks every request and sends nothing. --from-image reruns the one job an image came",
      "from: its embedded record (or sidecar) names the manifest id and index; the manifest is found in",
      "the image's folder or its parents (or pass --manifest).",
    ],
    options: [
      .flag("dry-run", "Check every request; send nothing."),
      .value("from-image", "IMAGE", "Rerun the job this image came from."),
      .value("manifest", "FILE", "With --from-image: the manifest to use."),
      .value("only", "LIST", "Only these indices, e.g. 1,3-5."),
      .value("out-dir", "DIR", "Where the rerun folder goes (default: the manifest's folder)."),
      .flag("expect-identical", "Exit 1 when any output differs from the earlier one."),
      .flag("allow-baseline-change", "Rerun with a changed local baseline (its requests then differ)."),
      .value("max-cost", "USD", "Stop starting jobs once the spent total reaches this."),
      .flag("json", "Print the report as JSON."),
    ] + QueueRunner.runOptions + QueueRunner.backgroundOptions + [QueueRunner.onCompleteOption],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let image = args.value("from-image") {
      guard args.positionals.isEmpty else { throw RepriseError.usage("--from-image takes no manifest argument: pass --manifest FILE to choose one") }
      guard args.value("only") == nil else { throw RepriseError.usage("--from-image and --only cannot be combined: the image names its job") }
      let (manifestPath, index) = try ImageOrigin.locate(image: image, manifest: args.value("manifest"), context: context)
      var adjusted = args
      adjusted.positionals = [manifestPath]
      adjusted.values["only"] = String(index)
      adjusted.values["from-image"] = nil
      return try await run(adjusted, context)
    }
    guard args.positionals.count == 1 else {
      throw RepriseError.usage(args.positionals.isEmpty ? "rerun needs a manifest path" : "rerun takes one manifest path, got \(args.positionals.count)")
    }
    let options = RerunOptions(
      manifest: args.positionals[0], only: try args.value("only").map { text throws in try IndexList.parse(text, flag: "--only") },
      onlyText: args.value("only"), outDir: args.value("out-dir"), allowBaselineChange: args.flag("allow-baseline-change"))
    if !args.flag("dry-run") { return try await runForReal(options, args, context) }
    let report = try RerunOperation.check(options, currentDirectory: context.currentDirectory)
    let differing = report.differing
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(.object([
        "manifest": .string(report.manifest),
        "manifest_id": .string(report.manifestID),
        "manifest_id_ok": .bool(true),
        "status": .string(differing.isEmpty ? "ok" : "differs"),
        "jobs": .array(report.checks.map { check in
          .object([
            "index": .int(Int64(check.index)), "job_id": .string(check.jobID),
            "status": .string(check.matches ? "ok" : "differs"),
            "recorded_request_sha256": .string(check.recordedSHA256),
            "rebuilt_request_sha256": .string(check.rebuiltSHA256),
          ])
        }),
      ])))
    } else {
      context.console.line("manifest_id ok: \(report.manifestID)")
      for check in report.checks {
        if check.matches {
          context.console.line("ok       \(check.jobID)")
        } else {
          context.console.line("differs  \(check.jobID): request sha256 recorded \(check.recordedSHA256.prefix(12)), rebuilt \(check.rebuiltSHA256.prefix(12))")
        }
      }
      context.console.line("\(report.checks.count - differing.count) of \(report.checks.count) requests match")
    }
    return .okIf(differing.isEmpty)
  }

  static func runForReal(_ options: RerunOptions, _ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    let operation = try RerunOperation(options, currentDirectory: context.currentDirectory, environment: context.environment)
    let client = try QueueRunner.client(args, context)
    let drainOptions = try QueueRunner.drainOptions(args)
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    let onComplete = try QueueRunner.onComplete(args, context)
    let presenter = DrainPresenter(console: context.console, quiet: args.flag("quiet"), environment: context.environment)
    let settings = JobRunSettings(
      client: client, queueDir: args.value("queue-dir"), drain: drainOptions, embed: !args.flag("no-embed"),
      handling: args.flag("background") ? .background(maxWorkers: maxWorkers, onComplete: onComplete) : .foreground(control: presenter.control))
    switch try await operation.run(settings, events: { presenter.handle($0) }) {
    case .handedOff(let ack, let refused):
      context.console.out(JSONWriter.pretty(ack))
      return .okIf(refused == 0)
    case .compared(let report):
      show(report, json: args.flag("json"), context.console)
      if report.summary.interrupted { return .interrupted }
      if report.failed > 0 { return .failure }
      let expectIdentical = args.flag("expect-identical")
      if report.differs > 0, expectIdentical { return .failure }
      if expectIdentical, report.sent == 0 {
        context.console.errLine("error: --expect-identical: no request was sent, so nothing was compared")
        return .failure
      }
      return .ok
    }
  }

  /// The verdicts as lines and a total, or as JSON.
  static func show(_ report: RerunReport, json: Bool, _ console: Console) {
    if json {
      console.out(JSONWriter.pretty(.object([
        "manifest": .string(report.manifest), "manifest_id": .string(report.manifestID), "rerun_dir": .string(report.rerunDir),
        "jobs": .array(report.rows.map(jsonRow)), "differs": .int(Int64(report.differs)), "failed": .int(Int64(report.failed)), "cost": .double(report.cost),
      ])))
      return
    }
    for row in report.rows {
      switch row.verdict {
      case .identical: console.line("identical  \(row.jobID) (sha256 \(row.sha256?.prefix(12) ?? "")\(row.providerChange)\(row.retryNote))")
      case .differs:
        let measured = row.similarity.map { "; \($0.line)" } ?? ""
        let notes = "\(measured)\(row.providerChange)\(row.retryNote)"
        console.line("differs    \(row.jobID): \(row.earlierSHA256?.prefix(12) ?? "") -> \(row.sha256?.prefix(12) ?? "")\(notes)")
      case .new: console.line("new        \(row.jobID) -> \(row.out ?? "")")
      case .cached: console.line("cached     \(row.jobID): answered from OpenRouter's response cache, not regenerated")
      case .failed, .pending, .refused:
        console.line("\(row.verdict.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(row.jobID): \(row.reason ?? "")")
      }
    }
    let count = report.rows.count
    console.line(
      "rerun \(count) job\(count == 1 ? "" : "s") into \(report.rerunDir): \(report.differs) differ, \(report.failed) failed or refused; cost "
        + "$\(String(format: "%.4f", report.cost))"
    )
  }

  /// One row of `rerun --json`: a refused job has no rerun id or digests; a succeeded one its
  /// new digest and output; any other its reason.
  static func jsonRow(_ row: RerunRow) -> JSONValue {
    var object: [String: JSONValue] = ["index": .int(Int64(row.index)), "job_id": .string(row.jobID), "verdict": .string(row.verdict.rawValue)]
    guard row.verdict != .refused else {
      object["reason"] = .optional(row.reason)
      return .object(object)
    }
    object["rerun_job_id"] = .optional(row.rerunJobID)
    object["earlier_sha256"] = .optional(row.earlierSHA256)
    switch row.verdict {
    case .identical, .differs, .new, .cached:
      object["sha256"] = .optional(row.sha256)
      object["out"] = .optional(row.out)
      object["provider"] = .optional(row.provider)
      object["earlier_provider"] = .optional(row.earlierProvider)
      if let retry = row.earlierRetry { object["earlier_lock_attempt"] = retry.json }
      if let similarity = row.similarity { object["similarity"] = similarity.json }
    case .failed, .pending, .refused:
      object["reason"] = .optional(row.reason)
    }
    return .object(object)
  }
}
