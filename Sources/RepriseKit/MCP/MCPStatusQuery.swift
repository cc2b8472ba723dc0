import Foundation

/// The jobs `status` and `wait` report on: a request's (found by its id in the given queue, or in
/// any `imagegen-queue` under the root whose `handoff/` knows it) or a manifest's.
package struct MCPStatusQuery: Sendable {
  /// The queue.
  package let store: QueueStore
  /// The job ids.
  package let jobs: [String]
  /// The request id, when asked by one.
  package let requestID: String?
  /// The manifest id, when asked by a manifest.
  package let manifestID: String?

  /// The parameters both tools take.
  package static let parameters: [MCPParameter] = [
    MCPParameter("request_id", .string, "The request id run_variants (or rerun) returned."),
    MCPParameter("manifest", .string, "Or: a manifest path; its jobs are reported."),
    MCPParameter("queue_dir", .string, "Queue folder (default: beside the manifest, or the imagegen-queue under the root that knows the request id)."),
  ]

  /// Resolves the query.
  /// - Throws: `MCPError` -32602 without a request id or manifest, or for paths outside the root;
  ///   `RepriseError` for an unreadable manifest or no matching job.
  package init(_ arguments: MCPArguments) throws {
    let requestID = arguments.string("request_id")
    let manifest = try arguments.path("manifest")
    guard requestID != nil || manifest != nil else { throw MCPError.invalidParams("give request_id or manifest") }
    if let requestID { try VariantOptions.validateRequestID(requestID) }
    var jobs: [String]?
    var manifestID: String?
    var queue = try arguments.path("queue_dir")
    if let manifest {
      let document = try ManifestDocument.load(path: manifest, name: arguments.root.relative(manifest))
      jobs = document.manifest.jobs.map(\.jobID)
      manifestID = document.storedID
      if queue == nil { queue = (manifest as NSString).deletingLastPathComponent + "/imagegen-queue" }
    }
    if queue == nil, let requestID { queue = Self.findQueue(requestID: requestID, under: arguments.root.path, depth: 0) }
    guard let queue, FileSystem.isDirectory(queue) else {
      throw RepriseError.badInput("no queue folder knows request id \(requestID ?? "?") under the root: pass queue_dir (the ack's queue_dir)")
    }
    let store = QueueStore(layout: QueueLayout(root: queue))
    let found = jobs ?? RequestJobs.find(store, requestID: requestID)
    if let requestID, found.isEmpty { throw RepriseError.badInput("no jobs for request id \(requestID) in \(arguments.root.relative(queue))") }
    self.store = store
    self.jobs = found
    self.requestID = requestID
    self.manifestID = manifestID
  }

  /// The report as it is now.
  package func report() -> JobStatusReport { JobStatusReport(jobs: jobs, store: store) }

  /// The structured result of `report` with its image rows, and the links.
  package func result(_ report: JobStatusReport, root: MCPRoot, extra: [String: JSONValue] = [:]) -> (JSONValue, [MCPContent]) {
    let (rows, links) = MCPImageLinks.of(report, root: root)
    var members = report.json(extra: [
      "queue_dir": .string(store.layout.root), "request_id": .optional(requestID), "manifest_id": .optional(manifestID),
    ]).objectValue ?? [:]
    members["images"] = .array(rows)
    for (key, value) in extra { members[key] = value }
    return (.object(members), links)
  }

  /// The JSON Schema of `result`.
  package static let outputSchema: JSONValue = MCPTool.objectSchema(
    [
      "status": .object(["type": .string("string"), "enum": .strings(["succeeded", "running", "stalled", "failed"])]),
      "counts": MCPTool.type("object"), "cost": MCPTool.type("number"), "queue_dir": MCPTool.type("string"),
      "outputs": .object(["type": .string("array"), "items": MCPTool.type("string")]),
      "failures": .object(["type": .string("array"), "items": MCPTool.type("object")]),
      "jobs": .object(["type": .string("array"), "items": MCPTool.type("object")]),
      "images": .object(["type": .string("array"), "items": MCPImageLinks.rowSchema]),
    ], required: ["status", "counts", "cost", "queue_dir", "outputs", "failures", "jobs", "images"])

  private static func findQueue(requestID: String, under folder: String, depth: Int) -> String? {
    guard depth <= MCPResourceCatalog.maxDepth, let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = folder + "/" + name
      guard FileSystem.entryKind(path) == .directory else { continue }
      if FileSystem.entryKind(path + "/handoff/" + requestID + ".json") == .file { return path }
      if let found = findQueue(requestID: requestID, under: path, depth: depth + 1) { return found }
    }
    return nil
  }
}
