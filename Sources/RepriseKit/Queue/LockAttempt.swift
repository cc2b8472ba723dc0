/// One generation of a job under `--enforce-locks`: the seed and request it was sent with, the
/// output it gave (as the provider sent it), what it cost and the lock verdicts it got.
public struct LockAttempt: Sendable, Equatable {
  /// 0 for the planned request, then 1, 2, ... for each retry.
  public var attempt: Int
  /// The seed sent: `(planned seed + attempt) mod 2^31`.
  public var seed: Int64
  /// The sha256 of the exact body sent.
  public var requestSHA256: String
  /// The sha256 of the output as the provider sent it (nil when the request failed).
  public var providerSHA256: String?
  /// The generation id the provider gave.
  public var generationID: String?
  /// What the attempt cost in USD (0 when unknown or when the request failed).
  public var cost: Double
  /// The attempt's lock verdicts (palette first); empty when not measured.
  public var verdicts: [LockVerdict]
  /// Why it was not measured, or why its request failed.
  public var note: String?
  /// True for the attempt whose output became the job's output.
  public var kept: Bool

  /// An attempt as given.
  public init(
    attempt: Int, seed: Int64, requestSHA256: String, providerSHA256: String?, generationID: String?, cost: Double, verdicts: [LockVerdict], note: String?,
    kept: Bool
  ) {
    self.attempt = attempt
    self.seed = seed
    self.requestSHA256 = requestSHA256
    self.providerSHA256 = providerSHA256
    self.generationID = generationID
    self.cost = cost
    self.verdicts = verdicts
    self.note = note
    self.kept = kept
  }

  /// Locks this attempt's output broke.
  public var drifted: Int { verdicts.filter { $0.state == .drifted }.count }
  /// The palette distance its palette verdict was decided by (0 when none).
  var paletteDistance: Double { verdicts.first { $0.lock == .palette }?.value ?? 0 }
  /// The SSIM its composition verdict was decided by (1 when none).
  var ssim: Double { verdicts.first { $0.lock == .composition }?.value ?? 1 }

  /// Whether this attempt's output is better than `other`'s: fewer broken locks, then a smaller
  /// palette distance, then a higher SSIM, then the earlier attempt. A failed request is never better.
  public func isBetter(than other: LockAttempt) -> Bool {
    if (providerSHA256 == nil) != (other.providerSHA256 == nil) { return providerSHA256 != nil }
    if drifted != other.drifted { return drifted < other.drifted }
    if paletteDistance != other.paletteDistance { return paletteDistance < other.paletteDistance }
    if ssim != other.ssim { return ssim > other.ssim }
    return attempt < other.attempt
  }

  /// `{"attempt", "seed", "request_sha256", "provider_sha256", "generation_id", "cost", "verdicts", "note", "kept"}`.
  public var json: JSONValue {
    var locks: [String: JSONValue] = [:]
    for verdict in verdicts { locks[verdict.lock.rawValue] = verdict.json }
    var m: [String: JSONValue] = [
      "attempt": .int(Int64(attempt)), "seed": .int(seed), "request_sha256": .string(requestSHA256), "provider_sha256": .optional(providerSHA256),
      "generation_id": .optional(generationID), "cost": .double(cost), "verdicts": .object(locks), "kept": .bool(kept),
    ]
    if let note { m["note"] = .string(note) }
    return .object(m)
  }

  /// Reads the record form; nil when it is not one.
  init?(reading value: JSONValue) {
    guard let m = value.objectValue, let attempt = m["attempt"]?.intValue, let seed = m["seed"]?.intValue, let request = m["request_sha256"]?.stringValue
    else { return nil }
    let locks = m["verdicts"]?.objectValue ?? [:]
    self.init(
      attempt: Int(attempt), seed: seed, requestSHA256: request, providerSHA256: m["provider_sha256"]?.stringValue,
      generationID: m["generation_id"]?.stringValue, cost: m["cost"]?.doubleValue ?? 0,
      verdicts: [LockVerdict.Lock.palette, .composition].compactMap { lock in locks[lock.rawValue].flatMap { LockVerdict(lock: lock, reading: $0) } },
      note: m["note"]?.stringValue, kept: m["kept"]?.boolValue ?? false)
  }
}
