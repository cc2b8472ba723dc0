/// Which jobs of a queue belong to a request: those whose files carry its id, and every job its
/// handoff acknowledgements listed (`handoff/<request_id>.json`). `status` and the MCP tools
/// report on these.
package enum RequestJobs {
  /// Every job id in the queue, optionally only those of `requestID`, sorted.
  package static func find(_ store: QueueStore, requestID: String?) -> [String] {
    findWithRecords(store, requestID: requestID).jobs
  }

  /// Every job id in the queue, optionally only those of `requestID` (the jobs whose files carry
  /// it, and every job its handoff acknowledgements listed), sorted; with the records of
  /// `results/` and `failed/` read to match them (a success before a failure), so that the report
  /// reads each once. The records hold only what a status report reads
  /// (`QueueStore.statusMembers`: no images, timings or diagnostics), parsed on the fast path.
  package static func findWithRecords(_ store: QueueStore, requestID: String?) -> (jobs: [String], records: [String: JobResult]) {
    let (jobs, boxes) = findWithBoxedRecords(store, requestID: requestID)
    return (jobs, boxes.mapValues(\.record))
  }

  /// `findWithRecords` with each record boxed, as `JobStatusReport` keeps them (so the records
  /// are not copied from the reader to the report).
  package static func findWithBoxedRecords(_ store: QueueStore, requestID: String?) -> (jobs: [String], records: [String: JobStatusReport.RecordBox]) {
    let layout = store.layout
    var ids = Set<String>()
    var records: [String: JobStatusReport.RecordBox] = [:]
    if let requestID, let handoff = try? FileSystem.readFile(layout.handoff + "/" + requestID + ".json", limit: 64 * 1_048_576, noFollow: true),
      let value = try? JSONParser().parse(handoff)
    {
      for id in value["jobs"]?.arrayValue?.compactMap(\.stringValue) ?? [] where QueuedJob.isSafeName(id) { ids.insert(id) }
    }
    func matches(_ path: String) -> Bool {
      guard let requestID else { return true }
      guard let bytes = try? FileSystem.readFile(path, limit: 64 * 1_048_576, noFollow: true), let value = try? JSONParser().parse(bytes) else { return false }
      return value["request_id"]?.stringValue == requestID
    }
    for id in layout.jobIDs(in: layout.pending) where matches(layout.file(layout.pending, id)) { ids.insert(id) }
    for entry in store.processingEntries() where matches(layout.processing + "/" + entry.fileName) { ids.insert(entry.jobID) }
    // Without a request id every record is taken: the report reads it anyway, once.
    // Reading and parsing a record takes longer than finding it: each folder is listed once and
    // its records read on every core (`RecordFolderReader`).
    // Each read record becomes its request id and its `JobResult` on the thread that read it.
    let read: @Sendable (JSONValue) -> ReadRecord? = {
      ReadRecord(requestID: $0["request_id"]?.stringValue, result: JobResult(reading: $0).map(JobStatusReport.RecordBox.init))
    }
    let readMembers: @Sendable ([JSONValue?], String, Bool) -> ReadRecord? = { slots, folder, plainFolder in
      ReadRecord(
        requestID: StatusRecord.requestID(slots),
        result: StatusRecord.result(slots, folder: folder, plainFolder: plainFolder).map(JobStatusReport.RecordBox.init))
    }
    func readFolder(_ folder: String) -> (ids: [String], values: [ReadRecord?]) {
      if requestID == nil { return (layout.jobIDs(in: folder), []) }
      if StatusRecord.isStatusMembers { return RecordFolderReader.read(folder, kept: StatusRecord.kept, readMembers) }
      return RecordFolderReader.read(folder, members: QueueStore.statusMembers, read)
    }
    let (resultIDs, resultRecords) = readFolder(layout.results)
    let (failedIDs, failedRecords) = readFolder(layout.failed)
    func matches(_ record: ReadRecord?) -> Bool {
      guard let requestID else { return true }
      return record?.requestID == requestID
    }
    records.reserveCapacity(resultIDs.count + failedIDs.count)
    var matchedResults: [String] = []
    matchedResults.reserveCapacity(resultIDs.count)
    for (n, id) in resultIDs.enumerated() {
      let record = requestID == nil ? nil : resultRecords[n]
      guard matches(record) else { continue }
      matchedResults.append(id)
      if let result = record?.result { records[id] = result }
    }
    let succeeded = failedIDs.isEmpty ? [] : Set(resultIDs)
    for (n, id) in failedIDs.enumerated() {
      let record = requestID == nil ? nil : failedRecords[n]
      guard matches(record) else { continue }
      ids.insert(id)
      // A job with a file in results/ is reported from that file, whoever's it is.
      if !succeeded.contains(id), let result = record?.result { records[id] = result }
    }
    // When only results/ matched, its listing is the answer: sorted, and (when each id sorts
    // strictly after the one before) holding each id once, as the set's sorted ids would.
    if ids.isEmpty, zip(matchedResults, matchedResults.dropFirst()).allSatisfy({ $0.0 < $0.1 }) { return (matchedResults, records) }
    ids.formUnion(matchedResults)
    return (ids.sorted(), records)
  }

  /// What a report needs of one record: its request id (matched as a JSON string) and the record.
  private struct ReadRecord: Sendable {
    let requestID: String?
    let result: JobStatusReport.RecordBox?
  }
}
