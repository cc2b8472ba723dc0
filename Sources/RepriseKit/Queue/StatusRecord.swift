/// The members of a record a status report reads (`QueueStore.statusMembers`), taken from the
/// record without building the object that holds them: the record they make is the one
/// `JobResult(reading:)` makes of those members with paths resolved (`StatusRecordTests`).
enum StatusRecord {
  /// The members, in the order `JSONParser.parseMembers` returns them.
  static let kept = JSONParser.KeptMembers(ordered: ["status", "job_id", "out", "request_id", "cost", "error", "measures", "lock_enforcement"])
  /// True when these are `QueueStore.statusMembers` (else records go the general way).
  static let isStatusMembers = Set(kept.order) == QueueStore.statusMembers

  /// The request id, as a status report matches it (a JSON string, or nil).
  static func requestID(_ slots: [JSONValue?]) -> String? { slots[3]?.stringValue }

  /// `JobResult(reading:)` of the record whose kept members are `slots`, its `out` resolved
  /// against `folder` (`RecordPaths.resolve`); nil when its status is not one.
  static func result(_ slots: [JSONValue?], folder: String, plainFolder: Bool) -> JobResult? {
    guard let text = slots[0]?.stringValue, let status = JobResult.Status(rawValue: text) else { return nil }
    let out = slots[2]?.stringValue.map { RecordPaths.resolvePath($0, folder: folder, plainFolder: plainFolder) } ?? ""
    var result = JobResult(status: status, jobID: slots[1]?.stringValue, out: out)
    result.requestID = slots[3]?.stringValue
    result.cost = slots[4]?.doubleValue
    result.error = slots[5].flatMap { $0.objectValue == nil ? nil : JobError(reading: $0) }
    result.measures = slots[6].flatMap(ImageMeasures.init(reading:))
    result.lockEnforcement = slots[7].flatMap(LockEnforcementRecord.init(reading:))
    return result
  }
}
