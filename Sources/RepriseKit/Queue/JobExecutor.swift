import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs one claimed job: rebuilds the exact request, refuses to send it if its hash differs from
/// the job's `request_sha256`, sends it, and puts the images in place without ever replacing a
/// file it did not mean to (temp file, staged record, `link(2)`, result, cleanup).
public struct JobExecutor: Sendable {
  /// The queue.
  public let store: QueueStore
  /// The OpenRouter client.
  public let client: OpenRouterClient
  /// `handoff_mode` recorded on results (`foreground` or `background`).
  public let handoffMode: String
  /// Jobs enqueued by this same invocation (`same_turn_drain_detected`).
  public let enqueuedHere: Set<String>

  /// An executor as given.
  public init(store: QueueStore, client: OpenRouterClient, handoffMode: String, enqueuedHere: Set<String>) {
    self.store = store
    self.client = client
    self.handoffMode = handoffMode
    self.enqueuedHere = enqueuedHere
  }

  /// How a job ended.
  public enum Outcome: Sendable {
    /// Finished: the record written (succeeded or failed).
    case finished(record: JSONValue, succeeded: Bool)
    /// Interrupted before finishing: put back in `pending/`.
    case returned
    /// Another drain recovered the job meanwhile; nothing written.
    case lost
  }

  /// Runs the job and writes its record.
  public func run(_ claim: ClaimedJob) async -> Outcome {
    let job = claim.job
    let started = Date()
    var base = baseRecord(job, workerID: claim.workerID, started: started)
    func fail(_ status: Int?, _ code: String, _ message: String, type: String? = nil, retryable: Bool = false, extra: [String: JSONValue] = [:]) -> Outcome {
      base["status"] = .string("failed")
      base["error"] = .object(["status": .optional(status), "code": .string(code), "message": .string(message), "error_type": .optional(type), "retryable": .bool(retryable)])
      base["finished_at"] = .string(Timestamp.now())
      for (k, v) in extra { base[k] = v }
      return finish(claim, record: .object(base), succeeded: false)
    }

    // Rebuild the exact request from the job alone.
    let baselineURL: String?
    switch job.baseline {
    case nil: baselineURL = nil
    case .url(let url)?: baselineURL = url
    case .file(let path, let sha, let mediaType)?:
      guard let bytes = try? FileSystem.readFile(path, noFollow: true) else {
        return fail(nil, "baseline_missing", "baseline '\(path)' is missing or unreadable")
      }
      let digest = SHA256.hash(bytes).hexString
      guard digest == sha else { return fail(nil, "baseline_changed", "baseline '\(path)' changed since the job was queued (sha256 \(sha.prefix(12)) -> \(digest.prefix(12)))") }
      baselineURL = RequestBuilder.dataURL(mediaType: mediaType, bytes: bytes)
    }
    let body = RequestBuilder.bytes(model: job.model, parameters: job.request, prompt: job.prompt, seed: job.seed, baselineURL: baselineURL)
    let bodyHash = SHA256.hash(body).hexString
    guard bodyHash == job.requestSHA256 else {
      return fail(nil, "request_mismatch", "rebuilt request sha256 \(bodyHash.prefix(12)) differs from the job's \(job.requestSHA256.prefix(12)); not sent")
    }
    // The output must land inside out_root, also after resolving symbolic links in its folders.
    if let problem = JobExecutor.containmentProblem(job) { return fail(nil, "unsafe_output_path", problem) }
    if !job.overwrite, FileSystem.entryKind(job.outPath) != .missing {
      return fail(nil, "output_exists", "output '\(job.outPath)' already exists; reprise never overwrites an image silently")
    }

    let call = await client.generate(body: body, transport: job.request.transport, keepResponse: true)
    base["attempts"] = .int(Int64(call.attempts))
    base["latency_ms"] = .int(Int64(call.latencyMS))
    if let redacted = call.redactedResponse {
      let responsePath = store.layout.file(store.layout.responses, job.jobID)
      if (try? FileSystem.writeAtomically(JSONWriter.pretty(redacted), to: responsePath)) != nil { base["response_path"] = .string(responsePath) }
    }
    if Task.isCancelled, case .failure = call.result {
      // Interrupted (Ctrl-C): the job did not finish; it goes back to pending/.
      return store.release(claim) ? .returned : .lost
    }
    let response: GenerationResponse
    switch call.result {
    case .failure(let error):
      return fail(error.status == 0 ? nil : error.status, error.code ?? "error", error.description, type: error.errorType, retryable: error.retryable)
    case .success(let r): response = r
    }
    base["generation_id"] = .optional(response.generationID)
    base["model_served"] = .optional(response.model)
    base["provider"] = .optional(response.provider)
    base["cost"] = response.cost.map { .double($0) } ?? .null
    base["image_tokens"] = .optional(response.imageTokens)

    // Plan the files: previews first, the job's output last; extensions follow the bytes.
    var planned: [(path: String, file: ImageProvenance.Annotated, info: ImageInfo, corrected: Bool, providerSHA256: String)] = []
    let provenance = ImageProvenance.record(manifestID: job.manifestID, jobID: job.jobID, index: job.index, model: job.model, seed: job.seed, requestSHA256: job.requestSHA256, generationID: response.generationID, prompt: job.prompt)
    let ext = (job.outPath as NSString).pathExtension
    let stem = ext.isEmpty ? job.outPath : String(job.outPath.dropLast(ext.count + 1))
    for (n, bytes) in call.imageBytes.enumerated() {
      guard let info = ImageInfo.sniff(bytes) else {
        return fail(200, "invalid_image", "response image \(n + 1) is not a PNG, JPEG, WebP or GIF (\(bytes.count) bytes)")
      }
      let wanted = n == call.imageBytes.count - 1 ? job.outPath : "\(stem)-preview-\(n + 1).\(ext.isEmpty ? info.format.fileExtension : ext)"
      let (path, corrected) = ImageOutputWriter.correctedPath(wanted, for: info.format)
      let annotated = ImageProvenance.annotate(bytes, record: provenance, embed: job.embedMetadata)
      planned.append((path, annotated, info, corrected, SHA256.hash(bytes).hexString))
    }
    guard !planned.isEmpty else { return fail(200, "no_image", "model returned no image") }
    if !job.overwrite, let taken = planned.first(where: { FileSystem.entryKind($0.path) != .missing }) {
      return fail(nil, "output_exists", "output '\(taken.path)' already exists; reprise never overwrites an image silently")
    }
    var temporaries: [String] = []
    var images: [JSONValue] = []
    do {
      try FileSystem.makeDirectories((job.outPath as NSString).deletingLastPathComponent)
      for item in planned {
        temporaries.append(try FileSystem.writeTemporary(parts: item.file.parts, beside: item.path, tag: "reprise"))
        images.append(.object([
          "path": .string(item.path), "sha256": .string(item.file.sha256), "bytes": .int(Int64(item.file.count)),
          "media_type": .string(item.info.format.mediaType), "width": .optional(item.info.width), "height": .optional(item.info.height),
          "extension_corrected": .bool(item.corrected), "provider_sha256": .string(item.providerSHA256),
          "metadata": .string(item.file.placement.rawValue),
          "sidecar": item.file.placement == .sidecar ? .string(ImageProvenance.sidecarPath(for: item.path)) : .null,
        ]))
      }
    } catch {
      for t in temporaries { unlink(t) }
      return fail(nil, "write_failed", "cannot write the image: \(error.reason)")
    }
    let output = images[images.count - 1]
    base["status"] = .string("succeeded")
    base["out"] = output["path"]!
    base["sha256"] = output["sha256"]!
    base["bytes"] = output["bytes"]!
    base["media_type"] = output["media_type"]!
    base["width"] = output["width"]!
    base["height"] = output["height"]!
    base["images"] = .array(images)
    base["provider_sha256"] = output["provider_sha256"]!
    base["metadata"] = output["metadata"]!
    base["finished_at"] = .string(Timestamp.now())
    base["error"] = .null
    var staged = base
    staged["temporaries"] = .strings(temporaries)
    guard store.stillOwns(claim) else {
      for t in temporaries { unlink(t) }
      return .lost
    }
    do {
      try store.stage(claim, record: .object(staged))
      for (n, item) in planned.enumerated() {
        if item.file.placement == .sidecar {
          let sidecar = ImageProvenance.sidecar(record: provenance, imageSHA256: item.file.sha256, providerSHA256: item.providerSHA256, reason: item.file.reason)
          try FileSystem.writeAtomically(JSONWriter.pretty(sidecar), to: ImageProvenance.sidecarPath(for: item.path))
        }
        if job.overwrite { try FileSystem.placeReplacing(temporaries[n], at: item.path) } else { try FileSystem.placeNoReplace(temporaries[n], at: item.path) }
      }
    } catch {
      for t in temporaries { unlink(t) }
      return fail(nil, "output_exists", "cannot put the image in place: \(error.reason)")
    }
    return finish(claim, record: .object(base), succeeded: true)
  }

  private func finish(_ claim: ClaimedJob, record: JSONValue, succeeded: Bool) -> Outcome {
    guard store.stillOwns(claim) else { return .lost }
    do { try store.finish(claim, record: record, succeeded: succeeded) } catch {
      return .finished(record: record, succeeded: false)
    }
    return .finished(record: record, succeeded: succeeded)
  }

  /// Why the job's output would land outside its `out_root`, or nil when it is safe.
  static func containmentProblem(_ job: QueuedJob) -> String? {
    guard QueuedJob.isSafeRelativePath(job.out) else { return "output '\(job.out)' is not a relative path inside out_root" }
    guard let root = FileSystem.realPath(job.outRoot) else { return nil }  // created fresh below: nothing to escape through
    var folder = (job.outPath as NSString).deletingLastPathComponent
    while FileSystem.entryKind(folder) == .missing, folder.count > job.outRoot.count { folder = (folder as NSString).deletingLastPathComponent }
    guard let real = FileSystem.realPath(folder), PathMath.isInside(real, folder: root) else {
      return "output '\(job.outPath)' resolves outside '\(job.outRoot)' (through a symbolic link)"
    }
    if FileSystem.entryKind(job.outPath) == .symlink { return "output '\(job.outPath)' is a symbolic link" }
    return nil
  }

  /// The fields every record carries.
  func baseRecord(_ job: QueuedJob, workerID: String, started: Date) -> [String: JSONValue] {
    var record: [String: JSONValue] = [
      "schema": .string("reprise.result/1"),
      "status": .string("processing"), "job_id": .string(job.jobID), "request_id": .optional(job.requestID),
      "manifest_id": .optional(job.manifestID), "index": .optional(job.index), "model_requested": .string(job.model),
      "out": .string(job.outPath), "sha256": .null, "bytes": .null, "media_type": .null, "width": .null, "height": .null,
      "images": .array([]), "generation_id": .null, "model_served": .null, "provider": .null, "cost": .null,
      "image_tokens": .null, "attempts": .int(0), "latency_ms": .null, "started_at": .string(Timestamp.format(started)),
      "finished_at": .null, "worker_id": .string(workerID), "error": .null, "request_sha256": .string(job.requestSHA256),
      "seed": .int(job.seed), "transport": .string(job.request.transport.rawValue), "origin": .string(job.origin),
      "handoff_mode": .string(handoffMode), "same_turn_drain_detected": .bool(enqueuedHere.contains(job.jobID)),
    ]
    for (key, value) in job.diagnostics { record[key] = value }
    return record
  }
}
