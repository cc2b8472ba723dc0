import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// The work-per-job changes of issue 12 keep their promises: the manifest id computed once is the
/// id, a batch enqueue says what a job-by-job one said, claims from the pending index take every
/// job once (and find jobs queued after the listing), and a staged record becomes the result.
@Suite struct QueueCostTests {
  static func plan(count: Int, start: Int = 1) -> VariantPlan {
    var options = VariantOptions(prompt: "A snow crab poster, flat vector, centred", count: count, outDir: "out", workspaceRoot: "/")
    options.startIndex = start
    return VariantPlanner.plan(options, baseline: nil, editIntent: [])
  }

  static func manifest(count: Int) -> Manifest {
    let plan = plan(count: count)
    return Manifest(spec: plan.spec, batches: [plan.batch], jobs: plan.jobs)
  }

  static func queuedJobs(_ manifest: Manifest, outRoot: String) -> [QueuedJob] {
    manifest.jobs.map {
      QueuedJob.from(manifest: manifest, job: $0, manifestFolder: outRoot, outRoot: outRoot, requestID: "cost", clarifyHints: [], origin: "variants")
    }
  }

  @Test func theKeptIdIsTheIdOfTheBodyAndFollowsChanges() throws {
    var manifest = Self.manifest(count: 3)
    let id = manifest.manifestID
    #expect(id == Manifest.id(ofBody: manifest.body))
    #expect(manifest.fileText == JSONWriter.pretty(manifest.json))
    let copy = manifest
    manifest.jobs.removeLast()
    #expect(manifest.manifestID == Manifest.id(ofBody: manifest.body))
    #expect(manifest.manifestID != id)
    #expect(copy.manifestID == id, "a copy keeps its own id")
    #expect(try ManifestDocument.decode(Array(manifest.fileText.utf8), name: "m").idMatches)
    #expect(Self.queuedJobs(copy, outRoot: "/tmp/o").allSatisfy { $0.manifestID == id })
  }

  @Test func mergingCatchesUnknownMembersThroughTheId() throws {
    let manifest = Self.manifest(count: 2)
    guard case .object(var members) = manifest.json else { Issue.record("not an object"); return }
    members["extra"] = .string("from a newer reprise")
    members["manifest_id"] = nil
    members["manifest_id"] = .string(Manifest.id(ofBody: .object(members)))
    let document = try ManifestDocument.decode(Array(JSONWriter.pretty(.object(members)).utf8), name: "m")
    #expect(document.idMatches)
    #expect(throws: RepriseError.self) { try ManifestMerger.merge(Self.plan(count: 1, start: 3), into: document, path: "m") }
    let clean = try ManifestDocument.decode(Array(manifest.fileText.utf8), name: "m")
    let merged = try ManifestMerger.merge(Self.plan(count: 2, start: 3), into: clean, path: "m")
    #expect(merged.jobs.map(\.index) == [1, 2, 3, 4])
  }

  @Test func aBatchEnqueueSaysWhatJobByJobEnqueuesSaid() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    let store = QueueStore(layout: layout)
    let jobs = Self.queuedJobs(Self.manifest(count: 300), outRoot: folder.path)
    #expect(try store.enqueue(Array(jobs.prefix(2))) == [.queued, .queued])
    // Claimed, done with its output in place, repeated in the batch, new.
    guard case .job(let claimed)? = store.claimNext(workerID: "w1", requestID: nil, jobIDs: [jobs[1].jobID]) else { Issue.record("no claim"); return }
    var done = JobResult(status: .succeeded, jobID: jobs[2].jobID, out: folder.url(jobs[2].out))
    done.images = []
    try folder.write(jobs[2].out, text: "image")
    try store.writeRecord(done, to: layout.file(layout.results, jobs[2].jobID), step: "result-write")
    let outcomes = try store.enqueue(jobs + [jobs[5]])
    #expect(outcomes[0] == .alreadyQueued)
    #expect(outcomes[1] == .alreadyQueued, "claimed: \(claimed.path)")
    #expect(outcomes[2] == .alreadySucceeded)
    #expect(outcomes[3...299].allSatisfy { $0 == .queued })
    #expect(outcomes[300] == .alreadyQueued, "a job twice in one batch is queued once")
    let pending = layout.jobIDs(in: layout.pending)
    #expect(pending.count == 298)
    #expect(try FileManager.default.contentsOfDirectory(atPath: layout.pending).allSatisfy { !$0.hasPrefix(".") }, "no temporaries")
    let reread = try QueuedJob(reading: try JSONParser().parse(try FileSystem.readFile(layout.file(layout.pending, jobs[299].jobID))), storedIn: layout.pending)
    #expect(reread.jobID == jobs[299].jobID && reread.requestSHA256 == jobs[299].requestSHA256)
  }

  @Test func claimsFromTheIndexTakeEveryJobOnceAndFindLateOnes() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    let store = QueueStore(layout: layout)
    let jobs = Self.queuedJobs(Self.manifest(count: 6), outRoot: folder.path)
    _ = try store.enqueue(Array(jobs.prefix(4)))
    let index = PendingIndex()
    var claimed: [String] = []
    func claim(_ worker: String) -> String? {
      guard case .job(let c)? = store.claimNext(workerID: worker, requestID: nil, jobIDs: nil, index: index) else { return nil }
      return c.job.jobID
    }
    claimed.append(try #require(claim("w1")))
    // Another worker (with its own listing) takes the next one: the index skips it.
    guard case .job(let other)? = store.claimNext(workerID: "w2", requestID: nil, jobIDs: nil) else { Issue.record("no claim"); return }
    claimed.append(try #require(claim("w1")))
    // Queued after the index was listed: found once the index runs dry.
    _ = try store.enqueue(Array(jobs.suffix(2)))
    while let id = claim("w1") { claimed.append(id) }
    #expect(!claimed.contains(other.job.jobID))
    #expect(Set(claimed + [other.job.jobID]) == Set(jobs.map(\.jobID)))
    #expect(claimed.count == 5)
    #expect(layout.jobIDs(in: layout.pending).isEmpty)
  }

  @Test func theStagedRecordBecomesTheResultWithoutItsTemporaries() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let layout = QueueLayout(root: folder.url("q"))
    try layout.create()
    let store = QueueStore(layout: layout)
    let job = Self.queuedJobs(Self.manifest(count: 1), outRoot: folder.path)[0]
    _ = try store.enqueue(job)
    guard case .job(let claim)? = store.claimNext(workerID: "w1", requestID: nil, jobIDs: nil) else { Issue.record("no claim"); return }
    var record = JobResult(status: .succeeded, jobID: job.jobID, out: job.outPath)
    record.cost = 0.04
    var staged = record
    staged.temporaries = [folder.url(".x.tmp-1-abcdef")]
    try store.stage(claim, record: staged)
    let stagedBytes = try FileSystem.readFile(store.stagedPath(claim))
    #expect(!String(decoding: stagedBytes, as: UTF8.self).contains("temporaries"))
    try store.finish(claim, record: record, succeeded: true)
    #expect(try FileSystem.readFile(layout.file(layout.results, job.jobID)) == stagedBytes, "renamed, not rewritten")
    #expect(try FileManager.default.contentsOfDirectory(atPath: layout.processing).isEmpty)
    #expect(store.readResult(job.jobID).flatMap(JobResult.init(reading:))?.cost == 0.04)
  }
}

@Suite struct RecordPathsFastPathTests {
  @Test func resolvesAsPathMathDoes() {
    let folders = ["/q/results", "/a/b/c/q/failed", "/x", "/q/./results", "/q//results", "/q/../results", "/q/results/", "/", "/a/..b/.c/...", "/a/b/.."]
    let paths = ["../../image-0001.png", "../responses/a.json", "image.png", "../../../../../../x.png", "../a/b/c.png", "../a/./b.png", "../a/../b.png",
      "../a//b.png", "../", "..", "../..", ".", "../.hidden", "../...", "../..x/y", "a/b/", "/abs/olute.png", "", "../a/.."]
    for folder in folders {
      for path in paths {
        let record = JSONValue.object(["out": .string(path)])
        #expect(RecordPaths.resolve(record, folder: folder)["out"]?.stringValue == PathMath.absolute(path, base: folder), "\(folder) + \(path)")
      }
    }
  }
}
