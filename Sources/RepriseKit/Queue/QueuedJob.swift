/// A job file in the queue (`reprise.job/1`): everything a worker needs to rebuild the exact
/// request and write the output, plus the diagnostics its result records.
package struct QueuedJob: Sendable, Equatable {
  /// The schema written in job files.
  package static let schema = "reprise.job/1"

  /// Where the job's baseline is, for the worker to re-read and check.
  package enum BaselineSource: Sendable, Equatable {
    /// A local file: absolute path, expected sha256 and media type.
    case file(path: String, sha256: String, mediaType: String)
    /// A URL OpenRouter fetches.
    case url(String)
  }

  /// File name stem in every queue folder.
  package let jobID: String
  /// The caller's request id.
  package let requestID: String?
  /// The manifest this job belongs to, if any.
  package let manifestID: String?
  /// The job's index in its manifest, if any.
  package let index: Int?
  /// Model id.
  package let model: String
  /// Resolved request parameters.
  package let request: RequestParameters
  /// Exact final prompt.
  package let prompt: String
  /// Seed.
  package let seed: Int64
  /// Baseline, if any.
  package let baseline: BaselineSource?
  /// Hex sha256 the rebuilt body must have; the worker refuses to send anything else.
  package let requestSHA256: String
  /// Absolute folder outputs go to (stored relative to the job file's folder, so a moved batch
  /// folder keeps working).
  package let outRoot: String
  /// Output path relative to `outRoot` (no `..`, not absolute).
  package let out: String
  /// Replace an existing output.
  package let overwrite: Bool
  /// The seed skill's diagnostics (edit_intent_detected, baseline_*, rails_applied, clarify_hints).
  package let diagnostics: [String: JSONValue]
  /// What queued it: `variants`, `enqueue` or `rerun`.
  package let origin: String
  /// Embed the provenance record in PNG outputs (false for `--no-embed`: a sidecar instead).
  package var embedMetadata: Bool = true

  /// A job as given.
  package init(
    jobID: String, requestID: String?, manifestID: String?, index: Int?, model: String, request: RequestParameters, prompt: String, seed: Int64,
    baseline: BaselineSource?, requestSHA256: String, outRoot: String, out: String, overwrite: Bool, diagnostics: [String: JSONValue], origin: String
  ) {
    self.jobID = jobID
    self.requestID = requestID
    self.manifestID = manifestID
    self.index = index
    self.model = model
    self.request = request
    self.prompt = prompt
    self.seed = seed
    self.baseline = baseline
    self.requestSHA256 = requestSHA256
    self.outRoot = outRoot
    self.out = out
    self.overwrite = overwrite
    self.diagnostics = diagnostics
    self.origin = origin
  }

  /// The absolute output path.
  package var outPath: String { outRoot.hasSuffix("/") ? outRoot + out : outRoot + "/" + out }

  /// The file form with absolute paths.
  package var json: JSONValue { json(storedIn: nil) }

  /// The file form for a job file in `folder`: `out_root` relative to it (absolute when nil).
  package func json(storedIn folder: String?) -> JSONValue {
    var baselineJSON: JSONValue = .null
    switch baseline {
    case .file(let path, let sha, let type)?:
      baselineJSON = .object(["kind": .string("file"), "path": .string(path), "sha256": .string(sha), "media_type": .string(type)])
    case .url(let url)?: baselineJSON = .object(["kind": .string("url"), "url": .string(url)])
    case nil: break
    }
    return .object([
      "schema": .string(QueuedJob.schema), "job_id": .string(jobID), "request_id": .optional(requestID),
      "manifest_id": .optional(manifestID), "index": .optional(index), "model": .string(model),
      "request": request.json, "prompt": .string(prompt), "seed": .int(seed), "baseline": baselineJSON,
      "request_sha256": .string(requestSHA256), "out_root": .string(folder.map { PathMath.relative(from: $0, to: outRoot) } ?? outRoot), "out": .string(out),
      "overwrite": .bool(overwrite), "diagnostics": .object(diagnostics), "origin": .string(origin),
      "embed_metadata": .bool(embedMetadata),
    ])
  }

  /// Reads a job file with an absolute `out_root`; every problem names the field.
  package init(reading value: JSONValue) throws(JSONFieldError) {
    try self.init(reading: value, storedIn: nil)
  }

  /// Reads a job file stored in `folder` (a relative `out_root` is resolved against it; without
  /// a folder it must be absolute); every problem names the field.
  package init(reading value: JSONValue, storedIn folder: String?) throws(JSONFieldError) {
    let r = try JSONObjectReader(value, path: "")
    let schema = try r.string("schema")
    guard schema == QueuedJob.schema || schema.hasPrefix(QueuedJob.schema + ".") else {
      throw JSONFieldError(path: "schema", expected: "\"\(QueuedJob.schema)\"", found: "\"\(schema)\"")
    }
    jobID = try r.string("job_id")
    guard QueuedJob.isSafeName(jobID) else {
      throw JSONFieldError(path: "job_id", expected: "1-160 of A-Z a-z 0-9 . _ - (no leading dot)", found: "\"\(jobID)\"")
    }
    requestID = try r.optionalString("request_id")
    manifestID = try r.optionalString("manifest_id")
    index = try r.optionalInt("index").map { Int($0) }
    model = try r.string("model")
    request = try RequestParameters(reading: try r.object("request"))
    prompt = try r.string("prompt")
    seed = try r.int("seed")
    if let b = try r.optionalObject("baseline") {
      switch try b.string("kind") {
      case "file": baseline = .file(path: try b.string("path"), sha256: try b.string("sha256"), mediaType: try b.string("media_type"))
      case "url": baseline = .url(try b.string("url"))
      default: throw JSONFieldError(path: "baseline.kind", expected: "\"file\" or \"url\"", found: "something else")
      }
    } else {
      baseline = nil
    }
    requestSHA256 = try r.string("request_sha256")
    let storedRoot = try r.string("out_root")
    out = try r.string("out")
    guard !storedRoot.isEmpty, !storedRoot.contains("\0"), storedRoot.hasPrefix("/") || folder != nil else {
      throw JSONFieldError(path: "out_root", expected: folder == nil ? "an absolute folder" : "a folder", found: "\"\(storedRoot)\"")
    }
    outRoot = PathMath.absolute(storedRoot, base: folder ?? "/")
    guard QueuedJob.isSafeRelativePath(out) else {
      throw JSONFieldError(path: "out", expected: "a relative path inside out_root (no '..', not absolute)", found: "\"\(out)\"")
    }
    overwrite = try r.bool("overwrite")
    diagnostics = try r.object("diagnostics").members
    origin = try r.string("origin")
    embedMetadata = r.members["embed_metadata"]?.boolValue ?? true
  }

  /// A name safe as a file name stem.
  package static func isSafeName(_ name: String) -> Bool {
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-".unicodeScalars)
    return (1...160).contains(name.unicodeScalars.count) && !name.hasPrefix(".") && name.unicodeScalars.allSatisfy { allowed.contains($0) }
  }

  /// A relative path with no empty, `.` or `..` components.
  package static func isSafeRelativePath(_ path: String) -> Bool {
    guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0") else { return false }
    return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
  }
}
