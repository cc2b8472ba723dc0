import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// A drain keeps finished claims as spares and writes its next staged records into them, so it
/// removes no file per job; spares never outlive the drain, and never let a write go through a
/// file that is not the spare.
@Suite struct SpareFilesTests {
  static func inode(_ path: String) -> UInt64? {
    var st = stat()
    return lstat(path, &st) == 0 ? UInt64(st.st_ino) : nil
  }

  static func dotFiles(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix(".") }.sorted()
  }

  @Test func aFinishedClaimBecomesTheNextJobsStagedRecordAndThenItsResult() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    let spares = SpareFiles()
    let store = QueueStore(layout: layout, spares: spares)
    let jobs = QueueCostTests.queuedJobs(QueueCostTests.manifest(count: 2), outRoot: folder.path)
    #expect(try store.enqueue(jobs) == [.queued, .queued])

    guard case .job(let first)? = store.claimNext(workerID: "w1", requestID: nil, jobIDs: [jobs[0].jobID]) else { Issue.record("no claim"); return }
    let firstInode = try #require(Self.inode(first.path))
    var record = JobResult(status: .succeeded, jobID: jobs[0].jobID, out: folder.url(jobs[0].out))
    record.images = []
    try store.stage(first, record: record)
    try store.finish(first, record: record, succeeded: true, stagedIsRecord: true)
    let kept = Self.dotFiles(layout.processing)
    #expect(kept.count == 1 && kept[0].contains(".spare.tmp-\(Platform.processID)-"), "the claim is kept as a spare: \(kept)")
    #expect(store.counts().processing == 0, "a spare is not a job in progress")

    guard case .job(let second)? = store.claimNext(workerID: "w1", requestID: nil, jobIDs: [jobs[1].jobID]) else { Issue.record("no claim"); return }
    var secondRecord = JobResult(status: .succeeded, jobID: jobs[1].jobID, out: folder.url(jobs[1].out))
    secondRecord.images = []
    try store.stage(second, record: secondRecord)
    let staged = store.stagedPath(second)
    #expect(Self.inode(staged) == firstInode, "the staged record was written into the spare")
    let expected = Array(JSONWriter.pretty(RecordPaths.relativize(secondRecord.json, folder: layout.processing)).utf8)
    #expect(try FileSystem.readFile(staged) == expected, "nothing of the job file the spare held is left")
    #expect(Self.dotFiles(layout.processing).isEmpty)
    try store.finish(second, record: secondRecord, succeeded: true, stagedIsRecord: true)
    #expect(Self.inode(layout.file(layout.results, jobs[1].jobID)) == firstInode)
    #expect(JobResult(reading: try #require(store.readResult(jobs[1].jobID)))?.jobID == jobs[1].jobID)

    #expect(Self.dotFiles(layout.processing).count == 1)
    spares.removeAll()
    #expect(Self.dotFiles(layout.processing).isEmpty, "the drain's end leaves no spare")
  }

  @Test func aSpareLeftByAKilledDrainIsRemovedByRecovery() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/sh")
    finished.arguments = ["-c", "exit 0"]
    try finished.run()
    finished.waitUntilExit()
    let dead = finished.processIdentifier
    let abandoned = try folder.write("q/processing/.image-0001-aa@w1.json.spare.tmp-\(dead)-Ab12Cd", text: "{\"job\":1}")
    let live = try folder.write("q/processing/.image-0002-bb@w2.json.spare.tmp-\(Platform.processID)-Ef34Gh", text: "{\"job\":2}")
    let recovery = QueueStore(layout: layout).recoverOrphans(orphanTimeout: 600)
    #expect(recovery.temporariesRemoved == 1)
    #expect(FileSystem.entryKind(abandoned) == .missing)
    #expect(FileSystem.entryKind(live) == .file, "a running drain's spare is left alone")
  }

  @Test func aSpareThatIsGoneOrALinkIsNotWrittenThroughAndNotLeftBehind() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let target = try folder.write("user-file.txt", text: "the user's words")
    let link = folder.url(".r.json.spare.tmp-\(Platform.processID)-Zz99Yy")
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
    try FileSystem.writeAtomically(Array("{}\n".utf8), to: folder.url("r.json"), spare: link)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "the user's words")
    #expect(FileSystem.entryKind(link) == .missing)
    #expect(try String(contentsOfFile: folder.url("r.json"), encoding: .utf8) == "{}\n")

    try FileSystem.writeAtomically(Array("[]\n".utf8), to: folder.url("s.json"), spare: folder.url(".gone.spare.tmp-1-AaBbCc"))
    #expect(try String(contentsOfFile: folder.url("s.json"), encoding: .utf8) == "[]\n")
    #expect(Self.dotFiles(folder.path).isEmpty)
  }
}
