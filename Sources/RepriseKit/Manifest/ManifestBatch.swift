/// One `variants` invocation that added jobs to a manifest.
public struct ManifestBatch: Sendable, Equatable {
  /// `--start-index`.
  public let startIndex: Int
  /// `--count`.
  public let count: Int
  /// `--max-jobs`, or nil for all.
  public let maxJobs: Int?
  /// `--request-id` the batch was planned under, or nil when none was given. A label only: it
  /// never changes a job or a request body.
  public let requestID: String?
  /// False for batches read from manifests written before batches recorded `request_id` (their
  /// id, if any, is the spec's legacy `request_id`); such batches are written back without it.
  public let recordsRequestID: Bool

  /// A batch as planned now (it records its request id, even when nil).
  public init(startIndex: Int, count: Int, maxJobs: Int?, requestID: String?) {
    self.startIndex = startIndex
    self.count = count
    self.maxJobs = maxJobs
    self.requestID = requestID
    self.recordsRequestID = true
  }

  /// The indices this batch plans.
  public var indices: ClosedRange<Int>? {
    let planned = min(count, maxJobs ?? count)
    return planned > 0 ? startIndex...(startIndex + planned - 1) : nil
  }

  /// The manifest form.
  public var json: JSONValue {
    var members: [String: JSONValue] = ["start_index": .int(Int64(startIndex)), "count": .int(Int64(count)), "max_jobs": .optional(maxJobs)]
    if recordsRequestID { members["request_id"] = .optional(requestID) }
    return .object(members)
  }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    startIndex = Int(try r.int("start_index"))
    count = Int(try r.int("count"))
    maxJobs = try r.optionalInt("max_jobs").map { Int($0) }
    recordsRequestID = r.members["request_id"] != nil
    requestID = try r.optionalString("request_id")
    if let requestID, (try? VariantOptions.validateRequestID(requestID)) == nil {
      throw JSONFieldError(path: r.path + ".request_id", expected: "1-128 of A-Z a-z 0-9 . _ : - with no leading dot, or null", found: "\"\(requestID)\"")
    }
  }
}
