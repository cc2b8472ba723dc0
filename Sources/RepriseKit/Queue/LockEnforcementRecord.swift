/// A result's `lock_enforcement` member: how many retries `--enforce-locks` allowed, why the
/// retries stopped, and every attempt (the kept one marked). Present only for a job that was
/// planned with a lock and drained with `--enforce-locks` 1 or more.
public struct LockEnforcementRecord: Sendable, Equatable {
  /// Why no further attempt was made.
  public enum Stop: String, Sendable {
    /// An attempt kept every lock it was checked against.
    case kept
    /// `--enforce-locks N` retries were made.
    case limit
    /// One more attempt would have taken the drain's spend past `--max-cost`.
    case maxCost = "max_cost"
    /// The drain was asked to stop (Ctrl-C).
    case interrupted
    /// A retry's request failed or could not be built; the best earlier attempt was kept.
    case requestFailed = "request_failed"
  }

  /// `--enforce-locks N`.
  public var retriesAllowed: Int
  /// Why the retries stopped.
  public var stopped: Stop
  /// Every attempt in order, the planned request first.
  public var attempts: [LockAttempt]

  /// A record as given.
  public init(retriesAllowed: Int, stopped: Stop, attempts: [LockAttempt]) {
    self.retriesAllowed = retriesAllowed
    self.stopped = stopped
    self.attempts = attempts
  }

  /// The attempt whose output is the job's output.
  public var kept: LockAttempt? { attempts.first(where: \.kept) }

  /// `kept attempt 2 of 3 (seed 7; stopped: limit)`, as `status` prints it.
  public var line: String {
    let seed = kept.map { "seed \($0.seed); " } ?? ""
    return "kept attempt \(kept?.attempt ?? 0) of \(attempts.count) (\(seed)stopped: \(stopped.rawValue))"
  }

  /// `{"retries_allowed", "stopped", "kept_attempt", "attempts"}`.
  public var json: JSONValue {
    .object([
      "retries_allowed": .int(Int64(retriesAllowed)), "stopped": .string(stopped.rawValue), "kept_attempt": .optional(kept?.attempt),
      "attempts": .array(attempts.map(\.json)),
    ])
  }

  /// Reads the record form; nil when it is not one.
  public init?(reading value: JSONValue) {
    guard let m = value.objectValue, let allowed = m["retries_allowed"]?.intValue, let stopped = m["stopped"]?.stringValue.flatMap(Stop.init(rawValue:))
    else { return nil }
    self.init(retriesAllowed: Int(allowed), stopped: stopped, attempts: m["attempts"]?.arrayValue?.compactMap(LockAttempt.init(reading:)) ?? [])
  }
}
