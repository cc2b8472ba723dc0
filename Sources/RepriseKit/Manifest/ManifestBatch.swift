/// One `variants` invocation that added jobs to a manifest.
public struct ManifestBatch: Sendable, Equatable {
  /// `--start-index`.
  public let startIndex: Int
  /// `--count`.
  public let count: Int
  /// `--max-jobs`, or nil for all.
  public let maxJobs: Int?

  /// A batch as given.
  public init(startIndex: Int, count: Int, maxJobs: Int?) {
    self.startIndex = startIndex
    self.count = count
    self.maxJobs = maxJobs
  }

  /// The indices this batch plans.
  public var indices: ClosedRange<Int>? {
    let planned = min(count, maxJobs ?? count)
    return planned > 0 ? startIndex...(startIndex + planned - 1) : nil
  }

  /// The manifest form.
  public var json: JSONValue {
    .object(["start_index": .int(Int64(startIndex)), "count": .int(Int64(count)), "max_jobs": .optional(maxJobs)])
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    startIndex = Int(try r.int("start_index"))
    count = Int(try r.int("count"))
    maxJobs = try r.optionalInt("max_jobs").map { Int($0) }
  }
}
