/// One planned job: one request, one output file.
public struct ManifestJob: Sendable, Equatable {
  /// Absolute index in the batch sequence.
  public let index: Int
  /// `<prefix>-<padded index>-<first 8 hex of request_sha256>`.
  public let jobID: String
  /// Output file name, relative to the manifest's folder.
  public let out: String
  /// The catalog id of the variation delta.
  public let deltaID: String
  /// The variation delta's text.
  public let delta: String
  /// The job's seed.
  public let seed: Int64
  /// The exact final prompt sent.
  public let prompt: String
  /// Hex sha256 of the exact HTTP body bytes (baseline bytes included).
  public let requestSHA256: String

  // Sweeps (issue 16).
  /// The job's cell in a sweep (`spec.sweep`), or nil (absent) outside sweeps.
  public let cell: SweepCell?
  /// The job's variant number within its cell (1-based, what `--start-index`/`--count` count), or
  /// nil (absent) outside sweeps.
  public let variant: Int?

  /// A job as given.
  public init(
    index: Int, jobID: String, out: String, deltaID: String, delta: String, seed: Int64, prompt: String, requestSHA256: String, cell: SweepCell? = nil,
    variant: Int? = nil
  ) {
    self.index = index
    self.jobID = jobID
    self.out = out
    self.deltaID = deltaID
    self.delta = delta
    self.seed = seed
    self.prompt = prompt
    self.requestSHA256 = requestSHA256
    self.cell = cell
    self.variant = variant
  }

  /// The manifest form.
  public var json: JSONValue {
    guard case .object(var members) = planned else { return planned }
    if let cell { members["cell"] = cell.json }
    if let variant { members["variant"] = .int(Int64(variant)) }
    return .object(members)
  }

  /// The members every job has.
  private var planned: JSONValue {
    .object([
      "index": .int(Int64(index)),
      "job_id": .string(jobID),
      "out": .string(out),
      "delta_id": .string(deltaID),
      "delta": .string(delta),
      "seed": .int(seed),
      "prompt": .string(prompt),
      "request_sha256": .string(requestSHA256),
    ])
  }

  /// Reads the manifest form.
  /// - Parameter sweepAxes: the axes of the manifest's sweep; nil outside sweeps (a `cell` is then refused).
  public init(reading r: JSONObjectReader, sweepAxes: [SweepAxis]? = nil) throws(JSONFieldError) {
    index = Int(try r.int("index"))
    jobID = try r.string("job_id")
    guard QueuedJob.isSafeName(jobID) else {
      throw JSONFieldError(path: r.path + ".job_id", expected: "A-Z a-z 0-9 . _ - (it names queue files)", found: "\"\(jobID)\"")
    }
    out = try r.string("out")
    // Untrusted input: an output is a plain file name in the manifest's folder.
    guard QueuedJob.isSafeName(out) else {
      throw JSONFieldError(
        path: r.path + ".out", expected: "a file name in the manifest's folder (A-Z a-z 0-9 . _ -, no '/', no leading dot)", found: "\"\(out)\"")
    }
    deltaID = try r.string("delta_id")
    delta = try r.string("delta")
    seed = try r.int("seed")
    prompt = try r.string("prompt")
    requestSHA256 = try r.string("request_sha256")
    if let sweepAxes {
      cell = try SweepCell.reading(try r.value("cell"), axes: sweepAxes, path: r.path + ".cell")
      let v = try r.int("variant")
      guard v >= 1 else { throw JSONFieldError(path: r.path + ".variant", expected: "1 or more", found: String(v)) }
      variant = Int(v)
    } else {
      cell = nil
      variant = nil
    }
  }
}
