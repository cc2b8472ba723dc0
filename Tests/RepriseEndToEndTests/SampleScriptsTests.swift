import Foundation
import Testing
import RepriseTestSupport

/// `samples/quickstart.sh` and `samples/demo.sh` run to the end (exit 0) with the built binaries,
/// without building anything, and finish by saying where the results are.
@Suite struct SampleScriptsTests {
  static let binaries = ["REPRISE_BIN": ProcessRunner.executable("reprise"), "REPRISE_MOCK_BIN": ProcessRunner.executable("openrouter-mock")]

  static func script(_ name: String, _ arguments: [String], in folder: TemporaryFolder, environment: [String: String]) throws -> ProcessRunner.Outcome {
    try ProcessRunner.run("/bin/bash", [ProcessRunner.packageRoot + "/samples/" + name] + arguments, in: folder.path, environment: environment)
  }

  static func lastLines(_ text: String, _ n: Int) -> [String] {
    Array(text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().suffix(n).map(String.init))
  }

  @Test func quickstartEndsWithWhereTheResultsAre() throws {
    let folder = try TemporaryFolder("reprise-quickstart")
    defer { folder.remove() }
    let result = try Self.script("quickstart.sh", ["out"], in: folder, environment: Self.binaries)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("building"), "it built instead of using REPRISE_BIN")
    let out = folder.url("out")
    #expect(Self.lastLines(result.stdout, 3) == [
      "Images:   \(out)/crab-logo-0001.png ... crab-logo-0004.png",
      "Manifest: \(out)/crab-logo-manifest.json   (reprise rerun \(out)/crab-logo-manifest.json --dry-run)",
      "Records:  \(out)/imagegen-queue/results/   (reprise status --manifest \(out)/crab-logo-manifest.json)",
    ])
    for n in 1...4 { #expect(folder.exists("out/crab-logo-000\(n).png")) }
  }

  @Test func quickstartFindsRepriseOnPathAndTheMockBesideIt() throws {
    let folder = try TemporaryFolder("reprise-quickstart")
    defer { folder.remove() }
    let path = ProcessRunner.productsFolder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
    let result = try Self.script("quickstart.sh", [], in: folder, environment: ["PATH": path, "REPRISE_BIN": "", "REPRISE_MOCK_BIN": ""])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("building"))
    #expect(folder.exists("quickstart-out/crab-logo-manifest.json"))
  }

  @Test func aBadRepriseBinIsOneErrorLine() throws {
    let folder = try TemporaryFolder("reprise-quickstart")
    defer { folder.remove() }
    let result = try Self.script("quickstart.sh", [], in: folder, environment: ["REPRISE_BIN": "nope/reprise"])
    #expect(result.status == 1)
    #expect(result.stderr == "error: REPRISE_BIN 'nope/reprise' is not an executable file (unset it to build one)\n")
    #expect(folder.snapshot().isEmpty)
  }

  @Test func demoRunsTheWholeLoopAndEndsWithWhereToLook() throws {
    let folder = try TemporaryFolder("reprise-demo")
    defer { folder.remove() }
    let result = try Self.script("demo.sh", ["demo"], in: folder, environment: Self.binaries)
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!result.stderr.contains("building"))
    #expect(Self.lastLines(result.stdout, 6) == [
      "Done. Where to look (in \(folder.url("demo"))/):",
      "  logo/crab-gallery.html, logo/lineage.html, logo/crab-v2/crab-v2-compare.html   open in a browser",
      "  logo/crab-manifest.json, logo/crab-v2/, logo/crab-v2/crab-v3/                  the three iterations",
      "  logo/*-picks.json, logo/crab-v2/*-picks.json                                   the picks",
      "  logo/**/imagegen-queue/results/*.json                                          one record per image",
      "  logo/crab-rerun-*/                                                             the replays' images",
    ])
    // The loop: variants -> gallery -> pick -> iterate -> lineage -> diff -> rerun -> verify.
    // Each child ends with its drift from the parent (the numbers come from the mock's images).
    #expect(result.stdout.contains("""
      crab-manifest.json  4 jobs, 4 succeeded, $0.2691, picks 2
        crab-v2/crab-v2-manifest.json  3 jobs, 3 succeeded, $0.2023, picks 1  from crab-manifest.json #2  drift: median dE
      """), "\(result.stdout)")
    let grandchild = "    crab-v2/crab-v3/crab-v3-manifest.json  2 jobs, 2 succeeded, $0.1349, no picks  from crab-v2/crab-v2-manifest.json #1  drift: "
    #expect(result.stdout.contains(" of 3 drifted\n" + grandchild))
    #expect(result.stdout.contains(" of 2 drifted\n3 manifests, 1 root\n"), "\(result.stdout)")
    #expect(result.stdout.contains("  brand palette: "), "the brand palette is measured in every drained output")
    #expect(result.stdout.components(separatedBy: " ok, 0 drifted, 0 not run or failed\n").count - 1 == 3, "three iterations verify")
    #expect(result.stdout.contains("rerun 4 jobs into ") && result.stdout.contains(": 0 differ, 0 failed or refused"))
    #expect(result.stdout.contains("== 10. Provenance inside an image"))
    #expect(result.stdout.contains("  palette: ") && result.stdout.contains("; composition: "), "lock verdicts of the second iteration: \(result.stdout)")
    for file in [
      "logo/crab-gallery.html", "logo/lineage.html", "logo/crab-v2/crab-v2-compare.html", "logo/crab-rerun-1/crab-0001.png", "logo/crab-picks.json",
      "logo/crab-v2/crab-v3/crab-v3-manifest.json",
    ] {
      #expect(folder.exists("demo/" + file), "\(file)")
    }
  }
}
