import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// A sweep through the real binaries, offline against `openrouter-mock` (whose discovery data
/// knows the three models): 3 models x 2 aspect ratios x 2 variants, then rerun --dry-run,
/// verify, status by cell and --by, diff by cell, and the grid in Chromium.
@Suite struct SweepEndToEndTests {
  static let models = "google/gemini-3.1-flash-image-preview,black-forest-labs/flux.2-pro,openai/gpt-image-2"
  static let sweep = ["--sweep", "model=" + models, "--sweep", "aspect-ratio=1:1,3:2"]

  static func environment(_ mock: MockServerProcess, _ folder: TemporaryFolder) -> [String: String] {
    mock.environment().merging(["REPRISE_MODEL_DISCOVERY": "on", "REPRISE_CACHE_DIR": folder.url("cache")]) { $1 }
  }

  /// Runs the 3 x 2 x 2 sweep into `gen/`; returns the environment.
  static func runSweep(_ folder: TemporaryFolder, _ mock: MockServerProcess) throws -> [String: String] {
    let env = environment(mock, folder)
    let run = try ProcessRunner.reprise(
      ["variants", "--prompt", "A fox logo, flat vector", "--count", "2", "--out-dir", "gen", "--quiet"] + sweep, in: folder.path, environment: env)
    #expect(run.status == 0, "\(run.stderr)")
    return env
  }

  @Test func aThreeByTwoByTwoSweepRunsReplaysAndVerifies() throws {
    let folder = try TemporaryFolder("reprise-sweep")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = try Self.runSweep(folder, mock)
    let manifest = try JSONParser().parse(try folder.read("gen/image-manifest.json"))
    let jobs = manifest["jobs"]?.arrayValue ?? []
    #expect(jobs.count == 12)
    #expect(jobs.first?["cell"] == .object(["model": .string("google/gemini-3.1-flash-image-preview"), "aspect-ratio": .string("1:1")]))
    #expect(jobs.last?["cell"] == .object(["model": .string("openai/gpt-image-2"), "aspect-ratio": .string("3:2")]))
    #expect(manifest["spec"]?["sweep"]?["axes"]?.arrayValue?.count == 2)
    // Each request went to its cell's model, on its own transport, with its own aspect ratio.
    let posted = ModelDiscoveryEndToEndTests.posted(mock)
    #expect(posted.count == 12)
    #expect(posted.filter { $0.path == "/api/v1/chat/completions" }.count == 4)
    let imageBodies = posted.filter { $0.path == "/api/v1/images" }.map(\.body)
    #expect(imageBodies.filter { $0["model"] == .string("openai/gpt-image-2") }.allSatisfy { $0["seed"] == nil })
    #expect(Set(imageBodies.compactMap { $0["aspect_ratio"]?.stringValue }) == ["1:1", "3:2"])
    for n in 1...12 { #expect(FileManager.default.fileExists(atPath: folder.url(String(format: "gen/image-%04d.png", n)))) }

    // The same command again: same manifest bytes, nothing sent.
    let before = try folder.read("gen/image-manifest.json")
    let again = try ProcessRunner.reprise(
      ["variants", "--prompt", "A fox logo, flat vector", "--count", "2", "--out-dir", "gen", "--quiet"] + Self.sweep, in: folder.path, environment: env)
    #expect(again.status == 0)
    #expect(try folder.read("gen/image-manifest.json") == before)
    #expect(ModelDiscoveryEndToEndTests.posted(mock).count == 12)

    let dry = try ProcessRunner.reprise(["rerun", "gen/image-manifest.json", "--dry-run"], in: folder.path, environment: env)
    #expect(dry.status == 0, "\(dry.stdout)\(dry.stderr)")
    #expect(dry.stdout.contains("12 of 12 requests match"))
    let verify = try ProcessRunner.reprise(["verify", "gen/image-manifest.json"], in: folder.path, environment: env)
    #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

    // Iterating from a sweep's job starts from its cell (model, aspect ratio), not the first cell.
    let iterate = try ProcessRunner.reprise(
      ["iterate", "gen/image-0012.png", "--confirm-external-upload", "--count", "1", "--plan-only", "--quiet"], in: folder.path, environment: env)
    #expect(iterate.status == 0, "\(iterate.stderr)")
    let child = try ManifestDocument.decode(try folder.read("gen/image-v2/image-v2-manifest.json"), name: "child").manifest
    #expect(child.spec.model == "openai/gpt-image-2" && child.spec.aspectRatio == "3:2" && child.spec.sweep == nil)
    #expect(child.spec.parent?.index == 12)

    // status: totals by cell, and --by model.
    let status = try ProcessRunner.reprise(["status", "--manifest", "gen/image-manifest.json"], in: folder.path, environment: env)
    #expect(status.status == 0)
    #expect(status.stdout.contains("by cell:\n  model=google/gemini-3.1-flash-image-preview aspect-ratio=1:1: 2 jobs, 2 succeeded, 0 failed, cost $"))
    let byModel = try ProcessRunner.reprise(["status", "--manifest", "gen/image-manifest.json", "--by", "model"], in: folder.path, environment: env)
    let lines = byModel.stdout.split(separator: "\n").filter { $0.hasPrefix("  model=") }
    #expect(lines.count == 3)
    #expect(lines.allSatisfy { $0.contains(": 4 jobs, 4 succeeded, 0 failed, cost $") && $0.contains("median latency ") && !$0.hasSuffix("n/a") })
    let json = try ProcessRunner.reprise(
      ["status", "--manifest", "gen/image-manifest.json", "--by", "aspect-ratio", "--json"], in: folder.path, environment: env)
    let by = try JSONParser().parse(Array(json.stdout.utf8))["by"]?.arrayValue ?? []
    #expect(by.map { $0["values"] } == [.object(["aspect-ratio": .string("1:1")]), .object(["aspect-ratio": .string("3:2")])])
    #expect(by.allSatisfy { $0["jobs"] == .int(6) && $0["succeeded"] == .int(6) })
    let badAxis = try ProcessRunner.reprise(["status", "--manifest", "gen/image-manifest.json", "--by", "seed"], in: folder.path, environment: env)
    #expect(badAxis.status == 64)
    #expect(badAxis.stderr.hasPrefix("error: --by 'seed' is not an axis of this sweep: use one of model, aspect-ratio"))

    // A batch with another sweep is refused, naming the field; nothing is written.
    let other = try ProcessRunner.reprise(
      ["variants", "--prompt", "A fox logo, flat vector", "--count", "2", "--out-dir", "gen", "--plan-only", "--sweep", "model=" + Self.models,
       "--sweep", "aspect-ratio=1:1"], in: folder.path, environment: env)
    #expect(other.status == 2)
    #expect(other.stderr.contains("already exists with a different spec: spec.sweep."))
    #expect(try folder.read("gen/image-manifest.json") == before)
  }

  @Test func invalidCellsAreRefusedBeforeAnythingIsWrittenOrSkipped() throws {
    let folder = try TemporaryFolder("reprise-sweep-invalid")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    let base = ["variants", "--prompt", "A fox logo", "--count", "1", "--out-dir", "gen", "--sweep", "model=" + Self.models, "--sweep", "aspect-ratio=1:1,16:9"]
    let refused = try ProcessRunner.reprise(base, in: folder.path, environment: env)
    #expect(refused.status == 64)
    #expect(refused.stderr.hasPrefix("error: --sweep: 1 of 6 cells are invalid (drop those values or pass --skip-invalid-cells): "))
    #expect(refused.stderr.contains("[model=openai/gpt-image-2 aspect-ratio=16:9] --aspect-ratio '16:9' is not supported by openai/gpt-image-2"))
    #expect(!FileManager.default.fileExists(atPath: folder.url("gen")))
    #expect(ModelDiscoveryEndToEndTests.posted(mock).isEmpty)
    let skipped = try ProcessRunner.reprise(base + ["--skip-invalid-cells", "--plan-only"], in: folder.path, environment: env)
    #expect(skipped.status == 0, "\(skipped.stderr)")
    #expect(skipped.stdout.hasPrefix("planned 5 jobs (indices 1-5); 5 in manifest\n"))
    #expect(skipped.stdout.contains("estimate: about $"))
    let manifest = try JSONParser().parse(try folder.read("gen/image-manifest.json"))
    #expect(manifest["spec"]?["sweep"]?["skipped_cells"]?.arrayValue?.count == 1)
    #expect(manifest["spec"]?["sweep"]?["skip_invalid_cells"] == .bool(true))
    // A swept axis cannot also be given as its flag.
    let both = try ProcessRunner.reprise(base + ["--model", "openai/gpt-image-2"], in: folder.path, environment: env)
    #expect(both.status == 64)
    #expect(both.stderr.hasPrefix("error: --model and --sweep model=... cannot be combined"))
  }

  @Test func maxCostCountsTheWholeSweep() throws {
    let folder = try TemporaryFolder("reprise-sweep-cost")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    let run = try ProcessRunner.reprise(
      ["variants", "--prompt", "A fox logo", "--count", "2", "--out-dir", "gen", "--quiet", "--concurrency", "1", "--max-cost", "0.2"] + Self.sweep,
      in: folder.path, environment: env)
    // The cap stops claiming once reached: the rest wait in pending/ (exit 3).
    #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
    let sent = ModelDiscoveryEndToEndTests.posted(mock).count
    #expect(sent > 0 && sent < 12)
  }

  @Test func twoSweepsDiffCellByCell() throws {
    let folder = try TemporaryFolder("reprise-sweep-diff")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = Self.environment(mock, folder)
    for (out, models) in [("a", "black-forest-labs/flux.2-pro"), ("b", "google/gemini-3.1-flash-image-preview,black-forest-labs/flux.2-pro")] {
      let run = try ProcessRunner.reprise(
        ["variants", "--prompt", "A fox logo", "--count", "1", "--out-dir", out, "--seed", "9", "--quiet", "--sweep", "model=" + models, "--sweep",
         "aspect-ratio=1:1"], in: folder.path, environment: env)
      #expect(run.status == 0, "\(run.stderr)")
    }
    let diff = try ProcessRunner.reprise(["diff", "a/image-manifest.json", "b/image-manifest.json"], in: folder.path, environment: env)
    #expect(diff.status == 1)
    // flux's cell moved from index 1 to 2; matched by cell, its output is the same bytes.
    #expect(diff.stdout.contains("= jobs[cell=model=black-forest-labs/flux.2-pro aspect-ratio=1:1,variant=1].output identical bytes"))
    #expect(diff.stdout.contains("+ jobs[cell=model=google/gemini-3.1-flash-image-preview aspect-ratio=1:1,variant=1]: job image-0001-"))
    #expect(!diff.stdout.contains("variant=1].request_sha256"))
    // The comparison page pairs them the same way: B's cell order, each cell's A and B job side by side.
    let compare = try ProcessRunner.reprise(
      ["gallery", "--compare", "a/image-manifest.json", "b/image-manifest.json", "--out", "compare.html"], in: folder.path, environment: env)
    #expect(compare.status == 0, "\(compare.stderr)")
    let page = try folder.readText("compare.html")
    #expect(page.contains("<h2>Jobs by cell and variant</h2>") && page.contains("2 cell variants: 1 changed; 1 bytes identical"), "\(page)")
    let articles = page.components(separatedBy: "<article class=\"pair ").dropFirst().map { $0.components(separatedBy: "</article>")[0] }
    #expect(articles.count == 2)
    let gemini = articles.first ?? "", flux = articles.last ?? ""
    #expect(gemini.hasPrefix("changed bytes-unavailable\" id=\"pair-1\""), "\(gemini)")
    #expect(gemini.contains("<code>model=google/gemini-3.1-flash-image-preview aspect-ratio=1:1</code> · variant 1"))
    #expect(gemini.contains("Not in A") && gemini.contains("no job in this cell and variant") && gemini.contains("changed: only in B"))
    #expect(flux.hasPrefix("unchanged bytes-identical\" id=\"pair-2\""), "\(flux)")
    #expect(flux.contains("<code>model=black-forest-labs/flux.2-pro aspect-ratio=1:1</code> · variant 1") && flux.contains(">A #01, B #02</span>"), "\(flux)")
  }

  @Test(.enabled(if: Chromium.path != nil, "no chromium binary on PATH: sweep grid screenshot test skipped"))
  func chromiumRendersTheSweepGrid() throws {
    let chromium = try #require(Chromium.path)
    let folder = try TemporaryFolder("reprise-sweep-chromium")
    defer { folder.remove() }
    let mock = try MockServerProcess([], logPath: folder.url("mock.log"))
    defer { mock.stop() }
    let env = try Self.runSweep(folder, mock)
    // A second sweep with a failing wording, to show failures in place.
    let failing = try ProcessRunner.reprise(
      ["variants", "--prompt-variant", "A fox logo", "--prompt-variant", "A fox logo [mock:403-moderation]", "--count", "2", "--out-dir", "gen",
       "--prefix", "fail", "--quiet", "--sweep", "model=black-forest-labs/flux.2-pro,openai/gpt-image-2"], in: folder.path, environment: env)
    #expect(failing.status == 1, "\(failing.stderr)")
    let gallery = try ProcessRunner.reprise(["gallery", "gen/image-manifest.json"], in: folder.path, environment: env)
    #expect(gallery.status == 0, "\(gallery.stderr)")
    let html = try folder.readText("gen/image-gallery.html")
    #expect(html.contains("<table class=\"sweep\">"))
    #expect(html.components(separatedBy: "<figure class=\"v state-succeeded\"").count - 1 == 12)
    #expect(html.contains("columns: <strong>model</strong> · rows: <strong>aspect-ratio</strong>"))
    #expect(html.components(separatedBy: "2/2 ok").count - 1 == 6)
    // The same inputs give the same bytes; --x/--y swap the grid.
    #expect(try ProcessRunner.reprise(["gallery", "gen/image-manifest.json"], in: folder.path, environment: env).status == 0)
    #expect(try folder.readText("gen/image-gallery.html") == html)
    let swapped = try ProcessRunner.reprise(
      ["gallery", "gen/image-manifest.json", "--x", "aspect-ratio", "--y", "model", "--out", "gen/swapped.html"], in: folder.path, environment: env)
    #expect(swapped.status == 0)
    #expect(try folder.readText("gen/swapped.html").contains("columns: <strong>aspect-ratio</strong> · rows: <strong>model</strong>"))
    let bad = try ProcessRunner.reprise(["gallery", "gen/image-manifest.json", "--x", "seed"], in: folder.path, environment: env)
    #expect(bad.status == 64)
    #expect(bad.stderr.hasPrefix("error: --x 'seed' is not an axis of this sweep: use one of model, aspect-ratio"))
    #expect(try ProcessRunner.reprise(["gallery", "gen/fail-manifest.json"], in: folder.path, environment: env).status == 0)
    let failHTML = try folder.readText("gen/fail-gallery.html")
    #expect(failHTML.contains("<figure class=\"v state-failed\""))
    #expect(failHTML.contains("<p class=\"reason\">"))

    for (page, width, height) in [("image-gallery", 1280, 900), ("image-gallery", 390, 844), ("fail-gallery", 1280, 900)] {
      let shot = folder.url("\(page)-\(width).png")
      let status = Chromium.screenshot(chromium, page: folder.url("gen/\(page).html"), to: shot, width: width, height: height, profile: folder.url("profile"))
      #expect(status == 0, "chromium exited \(status) for \(page) at \(width)")
      let bytes = (try? folder.read("\(page)-\(width).png")) ?? []
      #expect(ImageInfo.sniff(bytes)?.format == .png)
      #expect(ImageInfo.sniff(bytes)?.width == width)
      #expect(bytes.count > 5_000, "a blank page? \(bytes.count) bytes")
      if let keep = ProcessInfo.processInfo.environment["REPRISE_KEEP_SWEEP_SCREENSHOT"], page == "image-gallery", width == 1280 {
        try? FileManager.default.removeItem(atPath: keep)
        try FileManager.default.copyItem(atPath: shot, toPath: keep)
      }
    }
  }
}
