import Foundation

/// A job's record, `reprise.result/1`: what `results/<id>.json`, `failed/<id>.json`, the staged
/// record and `generate --output-format json` hold, with the same names everywhere. Encoded and
/// read in this one place. Paths are absolute in memory; `QueueStore` stores them relative to the
/// record's folder.
public struct JobResult: Sendable, Equatable {
  /// The schema written in every record.
  public static let schema = "reprise.result/1"

  /// Where the job stands.
  public enum Status: String, Sendable {
    /// Being worked on (a staged record before its outputs are in place).
    case processing
    /// The output is written.
    case succeeded
    /// It failed; `error` says why.
    case failed
  }

  /// Where the job stands.
  public var status: Status
  /// The job id (nil for `generate`).
  public var jobID: String?
  /// The caller's request id.
  public var requestID: String?
  /// The manifest the job belongs to.
  public var manifestID: String?
  /// The job's index in its manifest.
  public var index: Int?
  /// The model asked for.
  public var modelRequested: String?
  /// The job's output (the last image).
  public var out: String
  /// Every image written, previews first, the output last.
  public var images: [SavedImage] = []
  /// The generation id the provider gave.
  public var generationID: String?
  /// The model that answered.
  public var modelServed: String?
  /// The provider that answered.
  public var provider: String?
  /// What the image cost in USD: `usage.cost`, plus the provider's `upstream_inference_cost` when
  /// the request ran on your own provider key (BYOK); `costOpenRouter` and `costUpstream` are the parts.
  public var cost: Double?
  /// `usage.cost`: what OpenRouter charged (with BYOK only its fee).
  public var costOpenRouter: Double?
  /// `usage.cost_details.upstream_inference_cost` with BYOK (the provider billed your key); nil otherwise.
  public var costUpstream: Double?
  /// `usage.is_byok`.
  public var byok: Bool?
  /// `X-OpenRouter-Cache-Status` (`HIT`: OpenRouter's response cache answered and no image was
  /// generated; `MISS`); nil when caching was off.
  public var cacheStatus: String?
  /// Image tokens billed.
  public var imageTokens: Int?
  /// Attempts made (retries included).
  public var attempts = 0
  /// Latency of the last attempt.
  public var latencyMS: Int?
  /// When the worker started the job (not hashed anywhere).
  public var startedAt: String?
  /// When it finished.
  public var finishedAt: String?
  /// The worker that ran it.
  public var workerID: String?
  /// Why it failed.
  public var error: JobError?
  /// The sha256 of the exact body sent.
  public var requestSHA256: String?
  /// The seed sent.
  public var seed: Int64?
  /// `chat` or `images`.
  public var transport: String?
  /// What queued it: `variants`, `enqueue`, `rerun` (nil for `generate`).
  public var origin: String?
  /// `foreground` or `background`.
  public var handoffMode: String?
  /// True only when the drain ran in the invocation that queued the job.
  public var sameTurnDrainDetected: Bool?
  /// The redacted provider JSON.
  public var responsePath: String?
  /// The seed skill's diagnostics (`edit_intent_detected`, `baseline_applied`, `baseline_source`,
  /// `baseline_source_kind`, `baseline_resolution_policy`, `rails_applied`, `clarify_hints`).
  public var diagnostics: [String: JSONValue] = [:]
  /// True when recovery wrote the record from the staged one.
  public var recovered = false
  /// Image temporaries (staged records only).
  public var temporaries: [String] = []
  /// Where a malformed job file was kept (malformed jobs only).
  public var jobFile: String?
  /// The output's measures (`reprise.measures/1`); nil in records written before measures, and
  /// in failed or recovered ones.
  public var measures: ImageMeasures?
  /// `--enforce-locks`: every attempt and which was kept (`seed` and `request_sha256` are then the
  /// kept attempt's); nil when locks were not enforced.
  public var lockEnforcement: LockEnforcementRecord?

  /// A record as given.
  public init(status: Status, jobID: String?, out: String) {
    self.status = status
    self.jobID = jobID
    self.out = out
  }

  /// Copies what served the image from a response: generation id, served model, provider, cost
  /// and its parts, image tokens, cache status.
  public mutating func adopt(_ response: GenerationResponse) {
    generationID = response.generationID
    modelServed = response.model
    provider = response.provider
    cost = response.totalCost
    costOpenRouter = response.cost
    costUpstream = response.isBYOK == true ? response.upstreamCost : nil
    byok = response.isBYOK
    cacheStatus = response.cacheStatus
    imageTokens = response.imageTokens
  }

  /// The output image's entry.
  public var output: SavedImage? { images.last }

  /// The record form: every member always present (null when unknown), like earlier versions wrote.
  public var json: JSONValue {
    var m: [String: JSONValue] = [
      "schema": .string(JobResult.schema), "status": .string(status.rawValue), "job_id": .optional(jobID),
      "request_id": .optional(requestID), "manifest_id": .optional(manifestID), "index": .optional(index),
      "model_requested": .optional(modelRequested), "out": .string(out),
      "sha256": .optional(output?.sha256), "bytes": .optional(output?.bytes), "media_type": .optional(output?.mediaType),
      "width": .optional(output?.width), "height": .optional(output?.height),
      "provider_sha256": .optional(output?.providerSHA256), "metadata": .optional(output?.metadata.rawValue),
      "images": .array(images.map(\.json)), "generation_id": .optional(generationID), "model_served": .optional(modelServed),
      "provider": .optional(provider), "cost": cost.map { .double($0) } ?? .null, "image_tokens": .optional(imageTokens),
      "cost_openrouter": costOpenRouter.map { .double($0) } ?? .null, "cost_upstream": costUpstream.map { .double($0) } ?? .null,
      "byok": byok.map { .bool($0) } ?? .null, "cache_status": .optional(cacheStatus),
      "attempts": .int(Int64(attempts)), "latency_ms": .optional(latencyMS), "started_at": .optional(startedAt),
      "finished_at": .optional(finishedAt), "worker_id": .optional(workerID), "error": error?.json ?? .null,
      "request_sha256": .optional(requestSHA256), "seed": seed.map { .int($0) } ?? .null, "transport": .optional(transport),
      "origin": .optional(origin), "handoff_mode": .optional(handoffMode),
      "same_turn_drain_detected": sameTurnDrainDetected.map { .bool($0) } ?? .null,
    ]
    if let responsePath { m["response_path"] = .string(responsePath) }
    if recovered { m["recovered"] = .bool(true) }
    if !temporaries.isEmpty { m["temporaries"] = .strings(temporaries) }
    if let jobFile { m["job_file"] = .string(jobFile) }
    if let measures { m["measures"] = measures.json }
    if let lockEnforcement { m["lock_enforcement"] = lockEnforcement.json }
    for (key, value) in diagnostics where m[key] == nil { m[key] = value }
    return .object(m)
  }

  /// Members that are not diagnostics.
  static let knownMembers: Set<String> = [
    "schema", "status", "job_id", "request_id", "manifest_id", "index", "model_requested", "out", "sha256", "bytes", "media_type",
    "width", "height", "provider_sha256", "metadata", "images", "generation_id", "model_served", "provider", "cost", "image_tokens",
    "attempts", "latency_ms", "started_at", "finished_at", "worker_id", "error", "request_sha256", "seed", "transport", "origin",
    "handoff_mode", "same_turn_drain_detected", "response_path", "recovered", "temporaries", "job_file", "cost_openrouter", "cost_upstream",
    "byok", "cache_status", "measures", "lock_enforcement",
  ]

  /// Reads a record (also one written by an earlier version); nil when it is not one.
  public init?(reading value: JSONValue) {
    guard let members = value.objectValue, let statusText = members["status"]?.stringValue, let status = Status(rawValue: statusText) else { return nil }
    self.status = status
    jobID = members["job_id"]?.stringValue
    out = members["out"]?.stringValue ?? ""
    requestID = members["request_id"]?.stringValue
    manifestID = members["manifest_id"]?.stringValue
    index = members["index"]?.intValue.map { Int($0) }
    modelRequested = members["model_requested"]?.stringValue
    images = members["images"]?.arrayValue?.compactMap(SavedImage.init(reading:)) ?? []
    if images.isEmpty, status != .failed, let sha = members["sha256"]?.stringValue, !out.isEmpty {
      // A record without an images list (hand-written, or older): its top-level members describe the output.
      var entry = members
      entry["path"] = .string(out)
      entry["sha256"] = .string(sha)
      if let image = SavedImage(reading: .object(entry)) { images = [image] }
    }
    generationID = members["generation_id"]?.stringValue
    modelServed = members["model_served"]?.stringValue
    provider = members["provider"]?.stringValue
    cost = members["cost"]?.doubleValue
    costOpenRouter = members["cost_openrouter"]?.doubleValue
    costUpstream = members["cost_upstream"]?.doubleValue
    byok = members["byok"]?.boolValue
    cacheStatus = members["cache_status"]?.stringValue
    imageTokens = members["image_tokens"]?.intValue.map { Int($0) }
    attempts = members["attempts"]?.intValue.map { Int($0) } ?? 0
    latencyMS = members["latency_ms"]?.intValue.map { Int($0) }
    startedAt = members["started_at"]?.stringValue
    finishedAt = members["finished_at"]?.stringValue
    workerID = members["worker_id"]?.stringValue
    error = members["error"].flatMap { $0.objectValue == nil ? nil : JobError(reading: $0) }
    requestSHA256 = members["request_sha256"]?.stringValue
    seed = members["seed"]?.intValue
    transport = members["transport"]?.stringValue
    origin = members["origin"]?.stringValue
    handoffMode = members["handoff_mode"]?.stringValue
    sameTurnDrainDetected = members["same_turn_drain_detected"]?.boolValue
    responsePath = members["response_path"]?.stringValue
    recovered = members["recovered"]?.boolValue ?? false
    temporaries = members["temporaries"]?.arrayValue?.compactMap(\.stringValue) ?? []
    jobFile = members["job_file"]?.stringValue
    measures = members["measures"].flatMap(ImageMeasures.init(reading:))
    lockEnforcement = members["lock_enforcement"].flatMap(LockEnforcementRecord.init(reading:))
    diagnostics = members.filter { !JobResult.knownMembers.contains($0.key) }
  }
}
