import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// `status` reads records its own way (one open folder, a reused buffer, members parsed into
/// slots, the record made without the object): each step gives what the general path gives.
@Suite struct StatusReadPathTests {
  /// A record as a drain writes it (pretty, sorted, with measures status does not read).
  static let record = #"""
    {
      "attempts": 1,
      "baseline_source": null,
      "bytes": 23051,
      "clarify_hints": [
        "output format/size is unclear: say what it is for (banner, poster, icon, 1200x630, ...) or pass --aspect-ratio"
      ],
      "cost": 0.0387378,
      "cost_openrouter": 0.0387378,
      "error": null,
      "images": [
        {
          "bytes": 23051,
          "path": "../../image-0001.png",
          "sha256": "ed9147706c665d4ea6e836792b5f9a50fa8f225393500375077728d67ce0cab1",
          "sidecar": null
        }
      ],
      "job_id": "image-0001-ebe9c110",
      "measures": {
        "locks": {},
        "palette": [{"hex": "#2AA185", "lab": [59.59, -39.06, 5.33], "share": 0.5}],
        "phash": "8d8d72738c8c7273",
        "schema": "reprise.measures/1"
      },
      "out": "../../image-0001.png",
      "request_id": "bench-status",
      "response_path": "../responses/image-0001-ebe9c110.json",
      "seed": 1905805917,
      "status": "succeeded",
      "width": 1024
    }
    """#

  /// Documents the kept-member parsers must treat as the full parser does.
  static let documents: [String] = [
    record,
    #"{"status": "failed", "error": {"message": "a \"b\" {c} [d]", "code": "e"}, "job_id": "j", "out": "/abs/x.png", "cost": 2}"#,
    #"{"st\u0061tus": "succeeded", "out": "x.png", "skip\"ped": "\\\"]}", "n": 123456789012345678901234, "f": -0.5e-3}"#,
    #"{"status": "succeeded", "status": "failed"}"#,
    #"{"other": 1, "other": 2, "status": "succeeded"}"#,
    #"{"status": "succeeded", "n": 1e999}"#,
    #"{"status": "succeeded", "n": 01}"#,
    #"{"status": "succeeded", "n": -}"#,
    #"{"status": "succeeded", "n": tru}"#,
    #"{"status": "succeeded", "n": 1.}"#,
    #"{"status": "succeeded", "deep": {"a": [[["}"], {"]": "["}]], "b": "12345678\"{}[]\\"}, "out": "y"}"#,
    #"{"status": "succeeded", "text": "0123456789abcdef0123456789abcdef\u00e9\n", "out": "z"}"#,
    #"{"status": "succeeded", "b": [1, 2"#,
    #"{"status": "succeeded", "b": "unterminated}"#,
    #"{"status": "succeeded"} x"#,
    #"["status", "succeeded"]"#,
    #""status""#,
    "\u{FEFF}{\"status\": \"succeeded\", \"out\": \"a\"}",
    "{\"status\": \"succeeded\", \"key\u{7}\": 1}",
    "{\"caf\u{E9}\": {\"x\": [1]}, \"job_id\": \"j\"}",
  ]

  static let keys = QueueStore.statusMembers

  @Test(arguments: documents)
  func keptMembersAreTheFullParsesMembers(_ text: String) throws {
    let bytes = Array(text.utf8)
    let full = Result(catching: { try JSONParser().parse(bytes) })
    let kept = Result(catching: { try bytes.withUnsafeBufferPointer { try JSONParser().parse(buffer: $0, keepingTopLevel: Self.keys) } })
    let slots = Result(catching: { try bytes.withUnsafeBufferPointer { try JSONParser().parseMembers(buffer: $0, keeping: StatusRecord.kept) } })
    if case .success(let value) = full {
      // Whatever the full parse accepts, the kept-member parses accept, with the same members.
      let expected: JSONValue = value.objectValue.map { .object($0.filter { Self.keys.contains($0.key) }) } ?? value
      #expect(try kept.get() == expected)
      #expect(try slots.get() == value.objectValue.map { object in StatusRecord.kept.order.map { object[$0] } })
    }
    // Both kept-member parses accept and refuse the same documents, with the same members.
    switch (kept, slots) {
    case (.success(let value), .success(let members)):
      #expect(members == value.objectValue.map { object in StatusRecord.kept.order.map { object[$0] } })
    case (.failure(let a), .failure(let b)): #expect(a as? JSONParser.Failure == b as? JSONParser.Failure)
    default: Issue.record("one parse accepted what the other refused: \(kept) \(slots)")
    }
  }

  @Test func onlyMalformedSkippedContainersAreAcceptedBeyondTheFullParse() throws {
    // Skipped containers are matched, not checked (as before); skipped strings, numbers and
    // literals at the top level are checked as the full parse checks them.
    let loose = Array(#"{"status": "succeeded", "x": [tru, 01, {"a" 1}]}"#.utf8)
    #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(loose) }
    let value = try loose.withUnsafeBufferPointer { try JSONParser().parse(buffer: $0, keepingTopLevel: Self.keys) }
    #expect(value == .object(["status": .string("succeeded")]))
  }

  static let oddRecords: [String] = [
    #"{"status": "failed", "error": "not an object", "out": 3, "job_id": 7, "cost": "1", "request_id": 5}"#,
    #"{"status": "running", "out": "a.png"}"#,
    #"{"status": "processing", "out": "../../../../../../a.png", "request_id": "r"}"#,
    #"{"status": "succeeded", "out": "./a/../b.png", "request_id": "r", "cost": 1.5e-2}"#,
    #"{"out": "a.png"}"#,
  ]
  static let records = documents + oddRecords

  @Test(arguments: records, ["/q/batch/imagegen-queue/results", "/q//batch/./imagegen-queue/../x/results", "/"])
  func aStatusRecordIsTheRecordJobResultReads(_ text: String, folder: String) throws {
    let bytes = Array(text.utf8)
    guard let value = try? bytes.withUnsafeBufferPointer({ try JSONParser().parse(buffer: $0, keepingTopLevel: Self.keys) }) else { return }
    let resolved = RecordPaths.resolve(value, folder: folder)
    guard let slots = try bytes.withUnsafeBufferPointer({ try JSONParser().parseMembers(buffer: $0, keeping: StatusRecord.kept) }) else {
      // Not an object: no record and no request id either way.
      #expect(value.objectValue == nil && JobResult(reading: resolved) == nil && resolved["request_id"] == nil)
      return
    }
    let direct = StatusRecord.result(slots, folder: folder, plainFolder: RecordPaths.isStandardised(folder))
    #expect(direct == JobResult(reading: resolved))
    #expect(StatusRecord.requestID(slots) == resolved["request_id"]?.stringValue)
  }

  @Test(arguments: ["/q/results", "/q/r\u{E9}sults", "/q/e\u{301}/results", "/q//results"])
  func pathsResolveAsPathMathResolvesThemInAnyScript(_ folder: String) {
    for path in ["../../a.png", "../\u{E9}.png", "../a\u{301}/b.png", "../\u{301}x.png", "../../../../x.png", "../a/../b.png", "a.png", "../", ""] {
      let record = JSONValue.object(["out": .string(path)])
      #expect(RecordPaths.resolve(record, folder: folder)["out"]?.stringValue == PathMath.absolute(path, base: folder), "\(folder) + \(path)")
      #expect(RecordPaths.resolvePath(path, folder: folder, plainFolder: RecordPaths.isStandardised(folder)) == PathMath.absolute(path, base: folder))
    }
  }

  @Test func fileNamesGiveTheJobIDsTheLayoutLists() throws {
    let folder = try TemporaryFolder("status-names")
    defer { folder.remove() }
    let names = [
      "a.json", ".json", ".a.json", "a.lease.json", ".lease.json", "lease.json", "a.json.txt", "json", "a.JSON", "a.jsonx", "é.json",
      "e\u{301}.json", "a\u{301}.lease.json", "x.json\u{301}", ".\u{301}a.json", "a\r\n.json", "a.js\u{200D}on",
    ]
    for name in names { try folder.write(name, text: "{}") }
    let listed = names.compactMap(RecordFolderReader.jobID).sorted()
    #expect(listed == QueueLayout(root: folder.path).jobIDs(in: folder.path))
    #expect(listed.contains("a") && !listed.contains("a.lease"))
  }

  @Test func outputsArePresentAsEntryKindSaysTheyAre() throws {
    let folder = try TemporaryFolder("status-outputs")
    defer { folder.remove() }
    try folder.write("out/a.png", text: "png")
    try folder.write("other/b.png", text: "png")
    try FileManager.default.createDirectory(atPath: folder.url("out/dir.png"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder.url("out/link.png"), withDestinationPath: folder.url("out/a.png"))
    try FileManager.default.createSymbolicLink(atPath: folder.url("linked"), withDestinationPath: folder.url("out"))
    let relative = [
      "out/a.png", "out/gone.png", "other/b.png", "out/dir.png", "out/link.png", "linked/a.png", "missing/a.png", "out/", "out/.", "out/..",
      "out//a.png", "out/./a.png", "other/../out/a.png",
    ]
    let paths = relative.map(folder.url) + ["", "a.png", "/", "//", folder.url("out/a.png/")]
    #expect(OutputCheck.present(paths) == paths.map { FileSystem.entryKind($0) == .file })
    #expect(OutputCheck.present(paths).filter { $0 }.count == 6)
  }

  @Test func theStatusMembersAreTheOnesReadDirectly() {
    #expect(StatusRecord.isStatusMembers)
  }

  @Test func aFolderReadsAsEachRecordReadsAlone() throws {
    let folder = try TemporaryFolder("status-read")
    defer { folder.remove() }
    let results = folder.url("results")
    try folder.write("results/a.json", text: Self.record)
    try folder.write("results/b.json", text: #"{"status": "failed", "error": {"message": "boom", "code": "x"}, "out": "../b.png"}"#)
    try folder.write("results/c.json", text: "")
    try folder.write("results/d.json", text: "{\"status\": \"succeeded\", \"out\"")
    // Larger than the first buffer, and exactly its size: the buffer grows, nothing is cut.
    let padding = String(repeating: " ", count: 70_000)
    try folder.write("results/e.json", text: #"{"status": "succeeded", "out": "e.png", "pad": "\#(padding)"}"#)
    let exact = #"{"status": "succeeded", "out": "f.png", "pad": ""}"#
    let filler = "\"pad\": \"" + String(repeating: "x", count: 16_384 - exact.utf8.count) + "\""
    try folder.write("results/f.json", text: exact.replacingOccurrences(of: #""pad": """#, with: filler))
    #expect(try FileManager.default.attributesOfItem(atPath: results + "/f.json")[.size] as? Int == 16_384)
    try FileManager.default.createDirectory(atPath: results + "/g.json", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: results + "/h.json", withDestinationPath: results + "/a.json")
    try folder.write("results/.hidden.json", text: Self.record)
    try folder.write("results/i.lease.json", text: Self.record)
    try folder.write("results/notes.txt", text: Self.record)
    try folder.write("results/j é.json", text: #"{"status": "succeeded", "out": "j.png"}"#)

    let layout = QueueLayout(root: folder.path)
    let store = QueueStore(layout: layout)
    let expectedIDs = layout.jobIDs(in: results)
    #expect(expectedIDs == ["a", "b", "c", "d", "e", "f", "g", "h", "j é"])
    let expected = expectedIDs.map { store.readRecord(layout.file(results, $0), members: Self.keys) }
    let general = RecordFolderReader.read(results, members: Self.keys) { $0 }
    #expect(general.ids == expectedIDs)
    #expect(general.values == expected)
    let everything = RecordFolderReader.read(results, members: nil) { $0 }
    #expect(everything.values == expectedIDs.map { store.readRecord(layout.file(results, $0)) })
    let direct = RecordFolderReader.read(results, kept: StatusRecord.kept) { slots, base, plain in
      StatusRecord.result(slots, folder: base, plainFolder: plain)
    }
    #expect(direct.ids == expectedIDs)
    #expect(direct.values == expected.map { $0.flatMap(JobResult.init(reading:)) })
    let above = (folder.path as NSString).deletingLastPathComponent
    let outs = [above + "/image-0001.png", folder.path + "/b.png", results + "/e.png", results + "/f.png", results + "/j.png"]
    #expect(direct.values.compactMap { $0 }.map(\.out) == outs)
    #expect(RecordFolderReader.read(folder.url("missing"), members: nil) { $0 }.ids.isEmpty)
  }

  @Test func theReportsJSONIsTheWritersBytes() throws {
    let folder = try TemporaryFolder("status-json")
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    try folder.write("q/pending/waiting.json", text: "{}")
    try folder.write("out/kept.png", text: "png")
    let parsed = try JSONParser().parse(Self.record)
    var kept = try #require(JobResult(reading: parsed))
    kept.out = folder.url("out/kept.png")
    kept.lockEnforcement = LockEnforcementRecord(retriesAllowed: 2, stopped: .limit, attempts: [])
    #expect(kept.measures != nil)
    var webp = kept
    webp.measures = ImageMeasures(reading: .object(["schema": .string(ImageMeasures.schema), "not_measured": .string("webp: not decoded")]))
    #expect(MeasureSummary.verdicts(webp.measures) == ["not measured: webp: not decoded"])
    var gone = kept
    gone.out = folder.url("out/gone.png")
    var failed = JobResult(status: .failed, jobID: "failed", out: "")
    failed.error = JobError(code: "http_500", message: "upstream \"broke\"\n\u{1}")
    failed.cost = 0.25
    let store = QueueStore(layout: layout)
    for (jobs, picked) in [(["kept", "gone", "webp", "failed", "waiting", "nowhere", "kept"], ["kept", "nowhere"]), ([], [])] {
      let records = ["kept": kept, "gone": gone, "webp": webp, "failed": failed]
      let report = JobStatusReport(jobs: jobs, store: store, records: records, picked: Set(picked))
      let extra: [String: JSONValue] = [
        "queue_dir": .string(layout.root), "request_id": .null, "manifest_id": .string("sha256:x"),
        "cells": .array([.object(["model": .string("m"), "jobs": .int(2), "cost": .double(0.5)])]),
      ]
      #expect(report.prettyJSON(extra: extra) == JSONWriter.pretty(report.json(extra: extra)))
      #expect(report.prettyJSON(extra: [:]) == JSONWriter.pretty(report.json(extra: [:])))
    }
  }
}
