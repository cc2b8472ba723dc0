/// Which jobs of a queue belong to a request: those whose files carry its id, and every job its
/// handoff acknowledgements listed (`handoff/<request_id>.json`). `status` and the MCP tools
/// report on these.
package enum RequestJobs {
  /// Every job id in the queue, optionally only those of `requestID`, sorted.
  package static func find(_ store: QueueStore, requestID: String?) -> [String] {
    let layout = store.layout
    var ids = Set<String>()
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
    for id in layout.jobIDs(in: layout.results) where matches(layout.file(layout.results, id)) { ids.insert(id) }
    for id in layout.jobIDs(in: layout.failed) where matches(layout.file(layout.failed, id)) { ids.insert(id) }
    return ids.sorted()
  }
}
