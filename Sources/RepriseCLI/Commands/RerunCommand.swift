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
    ] + QueueRunner.runOptions + QueueRunner.backgroundOptions,
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
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
    if !args.flag("dry-run") { return try await runForReal(args, context) }
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

  static func runForReal(_ args: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
    let only = try args.value("only").map { text throws in try IndexList.parse(text, flag: "--only") }
    let path = args.positionals[0]
    let manifestPath = context.absolute(path)
    let document = try ManifestDocument.load(path: manifestPath, name: path)
    let allowChange = args.flag("allow-baseline-change")
    let checks = try RerunPlanner.rebuild(document, manifestPath: manifestPath, only: only, allowBaselineChange: allowChange)
    if checks.isEmpty { throw RepriseError.usage("--only '\(args.value("only") ?? "")' matches no job of the manifest") }
    let client = try QueueRunner.client(args, context)
    var drainOptions = try QueueRunner.drainOptions(args)
    let maxWorkers = try QueueRunner.maxBackgroundWorkers(args)
    let manifest = document.manifest
    let manifestFolder = (manifestPath as NSString).deletingLastPathComponent
    let baseDir = context.absolute(args.value("out-dir") ?? manifestFolder)
    let layout = try QueueFolder.checked(given: args.value("queue-dir"), defaultParent: manifestFolder, currentDirectory: context.currentDirectory)
    try layout.create()
    let store = QueueStore(layout: layout)

    // The request check: a body whose hash differs is never sent (unless the baseline change was allowed).
    let baselineChanged = allowChange && checks.contains { !$0.matches }
    let refused = baselineChanged ? [] : checks.filter { !$0.matches }
    let runnable = checks.filter { baselineChanged || $0.matches }
    let (n, rerunDir) = try reserveRerun(prefix: manifest.spec.prefix, baseDir: baseDir, layout: layout, jobIDs: runnable.compactMap { check in manifest.jobs.first { $0.index == check.index }?.jobID })
    let requestID = "\(manifest.spec.prefix)-rerun-\(n)"
    var queued: [String] = []
    var pairs: [(original: ManifestJob, rerunID: String)] = []
    for check in runnable {
      guard let job = manifest.jobs.first(where: { $0.index == check.index }) else { continue }
      let rerunID = "\(job.jobID)-rerun-\(n)"
      var queuedJob = QueuedJob.from(manifest: manifest, job: job, manifestFolder: manifestFolder, outRoot: rerunDir, jobID: rerunID, requestID: requestID, clarifyHints: [], origin: "rerun")
      if baselineChanged {
        queuedJob = QueuedJob(
          jobID: queuedJob.jobID, requestID: queuedJob.requestID, manifestID: queuedJob.manifestID, index: queuedJob.index, model: queuedJob.model,
          request: queuedJob.request, prompt: queuedJob.prompt, seed: queuedJob.seed, baseline: currentBaseline(queuedJob.baseline),
          requestSHA256: check.rebuiltSHA256, outRoot: queuedJob.outRoot, out: queuedJob.out, overwrite: false,
          diagnostics: queuedJob.diagnostics, origin: "rerun")
      }
      queuedJob.embedMetadata = !args.flag("no-embed")
      if try store.enqueue(queuedJob) == .queued { queued.append(rerunID) }
      pairs.append((job, rerunID))
    }
    if args.flag("background") {
      let handoff = try BackgroundHandoff.current(layout: layout, maxWorkers: maxWorkers, orphanTimeout: drainOptions.orphanTimeout, environment: context.environment)
      let ack = try handoff.handOff(requestID: requestID, jobs: pairs.map(\.rerunID), manifest: path, extra: [
        "rerun_dir": .string(rerunDir), "refused": .strings(refused.map(\.jobID)),
      ])
      context.console.out(JSONWriter.pretty(ack))
      return refused.isEmpty ? 0 : 1
    }
    drainOptions.jobIDs = Set(pairs.map(\.rerunID))
    drainOptions.enqueuedHere = Set(queued)
    let summary = try await QueueRunner.drain(ForegroundDrain(layout: layout, client: client, options: drainOptions, environment: context.environment), total: pairs.count, quiet: args.flag("quiet"), context: context)

    var rows: [JSONValue] = []
    var sent = 0
    var differs = 0
    var failed = refused.count
    for check in refused {
      rows.append(.object(["index": .int(Int64(check.index)), "job_id": .string(check.jobID), "verdict": .string("refused"),
        "reason": .string("rebuilt request sha256 \(check.rebuiltSHA256.prefix(12)) differs from the recorded \(check.recordedSHA256.prefix(12)); not sent")]))
    }
    for (job, rerunID) in pairs {
      // Outputs are compared as the provider sent them: written files also carry each request's
      // own generation id in their embedded record.
      let earlierRecord = store.readResult(job.jobID)
      let earlier = earlierRecord?["provider_sha256"]?.stringValue ?? earlierRecord?["sha256"]?.stringValue
      var row: [String: JSONValue] = ["index": .int(Int64(job.index)), "job_id": .string(job.jobID), "rerun_job_id": .string(rerunID), "earlier_sha256": .optional(earlier)]
      if let result = store.readResult(rerunID), result["status"]?.stringValue == "succeeded", let sha = result["provider_sha256"]?.stringValue ?? result["sha256"]?.stringValue {
        row["sha256"] = .string(sha)
        if (result["attempts"]?.intValue ?? 0) > 0 { sent += 1 }
        row["out"] = result["out"] ?? .null
        let verdict = earlier == nil ? "new" : (earlier == sha ? "identical" : "differs")
        if verdict == "differs" { differs += 1 }
        row["verdict"] = .string(verdict)
      } else {
        failed += 1
        row["verdict"] = .string(summary.interrupted ? "pending" : "failed")
        row["reason"] = .string(store.readFailure(rerunID)?["error"]?["message"]?.stringValue ?? "not finished")
      }
      rows.append(.object(row))
    }
    rows.sort { ($0["index"]?.intValue ?? 0) < ($1["index"]?.intValue ?? 0) }
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(.object([
        "manifest": .string(path), "manifest_id": .string(document.storedID), "rerun_dir": .string(rerunDir),
        "jobs": .array(rows), "differs": .int(Int64(differs)), "failed": .int(Int64(failed)), "cost": .double(summary.cost),
      ])))
    } else {
      for row in rows {
        let verdict = row["verdict"]?.stringValue ?? "?"
        let id = row["job_id"]?.stringValue ?? "?"
        switch verdict {
        case "identical": context.console.line("identical  \(id) (sha256 \(row["sha256"]?.stringValue?.prefix(12) ?? ""))")
        case "differs": context.console.line("differs    \(id): \(row["earlier_sha256"]?.stringValue?.prefix(12) ?? "") -> \(row["sha256"]?.stringValue?.prefix(12) ?? "")")
        case "new": context.console.line("new        \(id) -> \(row["out"]?.stringValue ?? "")")
        default: context.console.line("\(verdict.padding(toLength: 10, withPad: " ", startingAt: 0)) \(id): \(row["reason"]?.stringValue ?? "")")
        }
      }
      context.console.line("rerun \(rows.count) job\(rows.count == 1 ? "" : "s") into \(rerunDir): \(differs) differ, \(failed) failed or refused; cost $\(String(format: "%.4f", summary.cost))")
    }
    if summary.interrupted { return 130 }
    if failed > 0 { return 1 }
    if differs > 0, args.flag("expect-identical") { return 1 }
    if args.flag("expect-identical"), sent == 0 {
      context.console.errLine("error: --expect-identical: no request was sent, so nothing was compared")
      return 1
    }
    return 0
  }

  /// Takes the next free `<prefix>-rerun-<n>`: its folder is created with an exclusive `mkdir`
  /// and its name reserved in the queue with an exclusive create, so two reruns (also into
  /// different --out-dir folders sharing one queue) never share job ids.
  static func reserveRerun(prefix: String, baseDir: String, layout: QueueLayout, jobIDs: [String]) throws -> (Int, String) {
    do { try FileSystem.makeDirectories(baseDir) } catch { throw RepriseError.badInput("cannot create '\(baseDir)': \(error.reason)") }
    let store = QueueStore(layout: layout)
    var n = 1
    while n < 100_000 {
      let dir = baseDir + "/\(prefix)-rerun-\(n)"
      let ids = jobIDs.map { "\($0)-rerun-\(n)" }
      let used = ids.contains { id in
        store.readResult(id) != nil || store.readFailure(id) != nil || FileSystem.entryKind(layout.file(layout.pending, id)) != .missing
          || store.processingEntries().contains { $0.jobID == id }
      }
      if used { n += 1; continue }
      if mkdir(dir, 0o755) != 0 {
        if errno == EEXIST { n += 1; continue }
        throw RepriseError.badInput("cannot create '\(dir)': \(String(cString: strerror(errno)))")
      }
      let marker = layout.handoff + "/\(prefix)-rerun-\(n).reserved"
      let fd = open(marker, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
      if fd < 0 {
        let code = errno
        rmdir(dir)
        if code == EEXIST { n += 1; continue }
        throw RepriseError.badInput("cannot reserve '\(marker)': \(String(cString: strerror(code)))")
      }
      _ = (dir + "\n").withCString { write(fd, $0, strlen($0)) }
      close(fd)
      return (n, dir)
    }
    throw RepriseError.badInput("no free rerun folder name under '\(baseDir)'")
  }

  /// A changed local baseline as it is now (digest and type re-read).
  static func currentBaseline(_ baseline: QueuedJob.BaselineSource?) -> QueuedJob.BaselineSource? {
    guard case .file(let path, _, _)? = baseline, let bytes = try? FileSystem.readFile(path, noFollow: true) else { return baseline }
    return .file(path: path, sha256: SHA256.hash(bytes).hexString, mediaType: ImageInfo.sniff(bytes)?.format.mediaType ?? "image/png")
  }
}
