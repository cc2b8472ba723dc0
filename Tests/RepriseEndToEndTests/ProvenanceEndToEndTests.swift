import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// inspect, verify, rerun --from-image, diff with results and the cost cap, through the binary.
@Suite struct ProvenanceEndToEndTests {
  static let prompt = "A snow crab poster, flat vector, centred"

  struct Setup {
    let folder: TemporaryFolder
    let mock: MockServerProcess
    func reprise(_ arguments: [String]) throws -> ProcessRunner.Outcome {
      try ProcessRunner.reprise(arguments, in: folder.path, environment: mock.environment())
    }
    func done() { mock.stop(); folder.remove() }
  }

  static func setup(_ mockArguments: [String] = []) throws -> Setup {
    let folder = try TemporaryFolder("reprise-prov")
    return Setup(folder: folder, mock: try MockServerProcess(mockArguments, logPath: folder.url("mock.log")))
  }

  @Test func outputsCarryTheirRecordAndInspectShowsIt() throws {
    let s = try Self.setup()
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", Self.prompt, "--count", "1", "--out-dir", "gen", "--quiet"]).status == 0)
    let inspect = try s.reprise(["inspect", "gen/image-0001.png", "--json"])
    #expect(inspect.status == 0, "\(inspect.stderr)")
    let found = try JSONParser().parse(inspect.stdout)
    let manifest = try ManifestDocument.decode(s.folder.read("gen/image-manifest.json"), name: "m").manifest
    #expect(found["reprise"]?["manifest_id"] == .string(manifest.manifestID))
    #expect(found["reprise"]?["job_id"] == .string(manifest.jobs[0].jobID))
    #expect(found["reprise"]?["request_sha256"] == .string(manifest.jobs[0].requestSHA256))
    #expect(found["reprise_source"] == .string("embedded"))
    #expect(found["automatic1111"]?["settings"]?["Seed"] == .string(String(manifest.jobs[0].seed)))
    let plain = try s.reprise(["inspect", "mock.log"])
    #expect(plain.status == 2)
  }

  @Test func verifyCatchesEditedManifestChangedBaselineMissingAndModifiedOutputs() throws {
    let s = try Self.setup()
    defer { s.done() }
    try s.folder.write("base.png", bytes: PNGEncoder.encode(width: 4, height: 4, pixels: [UInt8](repeating: 7, count: 48)))
    let run = try s.reprise([
      "variants", "--prompt", "Refine this crab logo, keep the wordmark \"Crab\"", "--count", "3", "--out-dir", "gen", "--baseline-image", "base.png",
      "--confirm-external-upload", "--quiet",
    ])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(try s.reprise(["verify", "gen/image-manifest.json"]).status == 0)

    let original = try s.folder.read("gen/image-0002.png")
    try s.folder.write("gen/image-0002.png", bytes: original + [0])
    try FileManager.default.removeItem(atPath: s.folder.url("gen/image-0003.png"))
    let drift = try s.reprise(["verify", "gen/image-manifest.json", "--json"])
    #expect(drift.status == 1)
    let statuses = try JSONParser().parse(drift.stdout)["findings"]?.arrayValue?.compactMap { $0["status"]?.stringValue } ?? []
    #expect(statuses.contains("changed") && statuses.contains("missing"))

    try s.folder.write("base.png", bytes: PNGEncoder.encode(width: 4, height: 4, pixels: [UInt8](repeating: 8, count: 48)))
    let baseline = try s.reprise(["verify", "gen/image-manifest.json"])
    #expect(baseline.status == 1)
    #expect(baseline.stdout.contains("baseline_changed"))

    let text = try s.folder.readText("gen/image-manifest.json").replacingOccurrences(of: "\"count\": 3", with: "\"count\": 4")
    try s.folder.write("gen/image-manifest.json", text: text)
    let edited = try s.reprise(["verify", "gen/image-manifest.json"])
    #expect(edited.status == 2)
    #expect(edited.stderr.contains("was edited"))
  }

  @Test func rerunFromImageRerunsThatOneJob() throws {
    let s = try Self.setup()
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", Self.prompt, "--count", "3", "--out-dir", "gen", "--quiet"]).status == 0)
    try FileManager.default.createDirectory(atPath: s.folder.url("picked"), withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: s.folder.url("gen/image-0002.png"), toPath: s.folder.url("gen/picked-0002.png"))
    let result = try s.reprise(["rerun", "--from-image", "gen/picked-0002.png", "--expect-identical"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("identical  image-0002-"))
    #expect(s.folder.exists("gen/image-rerun-1/image-0002.png"))
    #expect(!s.folder.exists("gen/image-rerun-1/image-0001.png"))
  }

  @Test func diffComparesOutputsWhenBothSidesHaveResults() throws {
    let s = try Self.setup()
    defer { s.done() }
    #expect(try s.reprise(["variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "a", "--seed", "5", "--quiet"]).status == 0)
    #expect(try s.reprise(["variants", "--prompt", Self.prompt, "--count", "2", "--out-dir", "b", "--seed", "5", "--quiet"]).status == 0)
    let same = try s.reprise(["diff", "a/image-manifest.json", "b/image-manifest.json"])
    #expect(same.status == 0, "\(same.stdout)")
    #expect(same.stdout.contains("= jobs[index=1].output identical bytes"))
    #expect(try s.reprise(["variants", "--prompt", Self.prompt + " at dusk", "--count", "2", "--out-dir", "c", "--seed", "5", "--quiet"]).status == 0)
    let different = try s.reprise(["diff", "a/image-manifest.json", "c/image-manifest.json", "--json"])
    #expect(different.status == 1)
    let rows = try JSONParser().parse(different.stdout)["outputs"]?["rows"]?.arrayValue ?? []
    #expect(rows.map { $0["verdict"]?.stringValue } == ["different", "different"])
  }

  @Test func costCapStopsAtTheRightJob() throws {
    let s = try Self.setup()
    defer { s.done() }
    // Each mock image on gemini-3.1-flash-image-preview costs about $0.067; a $0.15 cap is reached by the third.
    let result = try s.reprise(["variants", "--prompt", Self.prompt, "--count", "6", "--out-dir", "gen", "--concurrency", "1", "--max-cost", "0.15"])
    #expect(result.status == 3, "\(result.stdout)\(result.stderr)")
    #expect(result.stderr.contains("cost cap reached"))
    #expect(result.stdout.contains("3 succeeded, 0 failed, 3 pending"))
    let requests = s.mock.loggedRequests().filter { ($0["path"] as? String)?.hasSuffix("/chat/completions") == true }
    #expect(requests.count == 3)
  }
}
