import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `reprise iterate IMAGE` through the real binary against `openrouter-mock`: the embedded record
/// finds the parent, three generations in two branches, `lineage` and the lineage page (checked
/// in headless Chromium when installed: layout at two widths, and every in-page link landing on
/// an element of the rendered DOM).
@Suite struct IterateEndToEndTests {
  /// crab (3 jobs, #2 picked) -> crab-v2 (from #2, #1 picked) -> crab-v2/crab-v3 (from v2 #1); crab -> crab-v3 (from #3).
  static func threeGenerations(_ batch: MockedBatchFolder) throws {
    let first = try batch.reprise([
      "variants", "--prompt", "A snow crab logo, flat vector", "--count", "3", "--out-dir", "gen", "--prefix", "crab", "--seed", "5", "--quiet",
      "--palette", "#0A2540,#FF5A5F",
    ])
    #expect(first.status == 0, "\(first.stderr)")
    #expect(try batch.reprise(["pick", "gen/crab-manifest.json", "2", "--note", "best claws"]).status == 0)
    for (image, into) in [
      ("gen/crab-0002.png", "gen/crab-v2/crab-v2-manifest.json"), ("gen/crab-0003.png", "gen/crab-v3/crab-v3-manifest.json"),
      ("gen/crab-v2/crab-v2-0001.png", "gen/crab-v2/crab-v3/crab-v3-manifest.json"),
    ] {
      let run = try batch.reprise(["iterate", image, "--confirm-external-upload", "--count", "2", "--quiet"])
      #expect(run.status == 0, "\(run.stderr)")
      #expect(run.stderr.hasPrefix("iterate: from ") && run.stderr.contains(" into \(into)\n"), "\(run.stderr)")
      if image == "gen/crab-0002.png" { #expect(try batch.reprise(["pick", "gen/crab-v2/crab-v2-manifest.json", "1"]).status == 0) }
    }
  }

  @Test func threeGenerationsFromImagesWithLineageAndItsPage() throws {
    let batch = try MockedBatchFolder("reprise-iterate-e2e")
    defer { batch.done() }
    try Self.threeGenerations(batch)
    let lineage = try batch.reprise(["lineage", "gen"])
    #expect(lineage.status == 0, "\(lineage.stderr)")
    #expect(lineage.stdout.components(separatedBy: "\n").map { $0.components(separatedBy: "  ").filter { !$0.isEmpty }.first ?? "" } == [
      "crab-manifest.json", "crab-v2/crab-v2-manifest.json", "crab-v2/crab-v3/crab-v3-manifest.json", "crab-v3/crab-v3-manifest.json",
      "4 manifests, 1 root", "",
    ])
    #expect(lineage.stdout.contains("crab-v3/crab-v3-manifest.json  2 jobs, 2 succeeded, $"))
    #expect(lineage.stdout.contains("from crab-manifest.json #3  drift: median dE "))
    #expect(lineage.stdout.contains("from crab-v2/crab-v2-manifest.json #1  drift: median dE "))
    // Drift from the parent: the medians of what the child's drain measured against its baseline (two outputs: their mean).
    let results = batch.folder.url("gen/crab-v3/imagegen-queue/results")
    let ssims = try FileManager.default.contentsOfDirectory(atPath: results).filter { $0.hasSuffix(".json") }.map { name in
      try JSONParser().parse(Array(Data(contentsOf: URL(fileURLWithPath: results + "/" + name))))["measures"]?["baseline"]?["ssim"]?.doubleValue ?? -1
    }
    #expect(ssims.count == 2 && ssims.allSatisfy { $0 >= 0 }, "\(ssims)")
    let median = String(format: "%.2f", ((ssims[0] + ssims[1]) / 2 * 100).rounded() / 100)
    let v3Line = lineage.stdout.split(separator: "\n").first { $0.hasPrefix("  crab-v3/crab-v3-manifest.json") }.map(String.init) ?? ""
    #expect(v3Line.contains(", median SSIM \(median), ") && v3Line.hasSuffix(" of 2 drifted"), "\(v3Line)")
    let lineageJSON = try JSONParser().parse(Array(try batch.reprise(["lineage", "gen", "--json"]).stdout.utf8))
    let drifts = lineageJSON["manifests"]?.arrayValue?.map { $0["drift"] ?? .null } ?? []
    #expect(drifts.first == .null && drifts.dropFirst().allSatisfy { $0["measured"]?.intValue == 2 }, "the root has none; each child measured 2")
    // The grandchild inherited the palette through two generations and verifies and replays.
    let grand = try ManifestDocument.decode(batch.folder.read("gen/crab-v2/crab-v3/crab-v3-manifest.json"), name: "g").manifest
    #expect(grand.spec.palette == ["#0A2540", "#FF5A5F"])
    #expect(try batch.reprise(["verify", "gen/crab-v2/crab-v3/crab-v3-manifest.json"]).status == 0)
    #expect(try batch.reprise(["rerun", "gen/crab-v2/crab-v3/crab-v3-manifest.json", "--dry-run"]).status == 0)

    // A parent image changed after it was recorded is refused, in one line, writing nothing.
    var bytes = try batch.folder.read("gen/crab-0001.png")
    bytes += Array("edited".utf8)  // still a PNG with its record, but not the bytes recorded
    _ = try batch.folder.write("gen/crab-0001.png", bytes: bytes)
    let before = batch.folder.snapshot().keys.sorted()
    let changed = try batch.reprise(["iterate", "gen/crab-0001.png", "--confirm-external-upload"])
    #expect(changed.status == 2)
    #expect(changed.stderr.hasPrefix("error: image 'gen/crab-0001.png' changed since crab-0001-"))
    #expect(changed.stderr.components(separatedBy: "\n").count == 2, "one line: \(changed.stderr)")
    #expect(batch.folder.snapshot().keys.sorted() == before)

    let page = try batch.reprise(["gallery", "--lineage", "gen"])
    #expect(page.status == 0, "\(page.stderr)")
    #expect(page.stdout == "gen/lineage.html\n")
    let html = try batch.folder.readText("gen/lineage.html")
    #expect(html.hasPrefix("<!-- reprise gallery -->\n"))
    #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
    #expect(html.components(separatedBy: "<li class=\"iteration\"").count - 1 == 4)
    #expect(html.components(separatedBy: " picked\" id=\"it-").count - 1 == 2, "two picked thumbnails")
    // Rows in tree order; each child links to the thumbnail of the job it came from.
    #expect(html.contains("<a class=\"parent-link\" href=\"#it-1-job-2\">crab-manifest.json #2</a>"))
    #expect(html.contains("<a class=\"parent-link\" href=\"#it-2-job-1\">crab-v2/crab-v2-manifest.json #1</a>"))
    #expect(html.contains("<a class=\"parent-link\" href=\"#it-1-job-3\">crab-manifest.json #3</a>"))
    #expect(html.contains("<a class=\"child-link\" href=\"#it-4\">crab-v3/crab-v3-manifest.json</a>"))
    #expect(html.components(separatedBy: "<p class=\"drift drift-").count - 1 == 3, "one drift line per child row")
    #expect(html.contains(">\(v3Line.components(separatedBy: "  ").last ?? "-")</p>"))
    let again = try batch.reprise(["gallery", "--lineage", "gen"])
    let rewritten = try batch.folder.readText("gen/lineage.html")
    #expect(again.status == 0 && rewritten == html, "same inputs, same bytes")
    #expect(try batch.reprise(["gallery", "--lineage", "gen", "gen/crab-manifest.json"]).status == 64)
    #expect(try batch.reprise(["gallery", "--lineage", "nowhere"]).status == 2)

    // Every variants flag: a background hand-off under the caller's request id.
    let background = try batch.reprise([
      "iterate", "--from", "gen/crab-v3/crab-v3-manifest.json", "1", "--confirm-external-upload", "--count", "1", "--background", "--request-id", "loop-bg",
    ])
    #expect(background.status == 0, "\(background.stderr)")
    let ack = try JSONParser().parse(Array(background.stdout.utf8))
    #expect(ack["status"]?.stringValue == "queued" && ack["request_id"]?.stringValue == "loop-bg")
    let queue = "gen/crab-v3/crab-v4/imagegen-queue"
    let finished = try Poll.wait(timeout: 60) { try batch.reprise(["status", "--queue-dir", queue, "--request-id", "loop-bg"]).status == 0 }
    #expect(finished, "the background iteration ends succeeded")
    #expect(try batch.reprise(["verify", "gen/crab-v3/crab-v4/crab-v4-manifest.json"]).status == 0)
  }

  /// The parent's `--provider` pin is inherited like its model; `--provider` on iterate replaces it.
  @Test func theProviderPinIsInheritedUnlessReplaced() throws {
    let batch = try MockedBatchFolder("reprise-iterate-provider")
    defer { batch.done() }
    let first = try batch.reprise([
      "variants", "--prompt", "A snow crab logo", "--count", "1", "--out-dir", "gen", "--prefix", "crab", "--provider", "google-ai-studio", "--quiet",
    ])
    #expect(first.status == 0, "\(first.stderr)")
    let inherited = try batch.reprise(["iterate", "gen/crab-0001.png", "--confirm-external-upload", "--count", "1", "--plan-only", "--quiet"])
    #expect(inherited.status == 0, "\(inherited.stderr)")
    let child = try ManifestDocument.decode(batch.folder.read("gen/crab-v2/crab-v2-manifest.json"), name: "c").manifest
    #expect(child.spec.request.provider == ProviderPin(only: ["google-ai-studio"]))
    let replaced = try batch.reprise([
      "iterate", "gen/crab-0001.png", "--confirm-external-upload", "--count", "1", "--plan-only", "--quiet", "--provider", "vertex,google-ai-studio",
    ])
    #expect(replaced.status == 0, "\(replaced.stderr)")
    let other = try ManifestDocument.decode(batch.folder.read("gen/crab-v3/crab-v3-manifest.json"), name: "c").manifest
    #expect(other.spec.request.provider == ProviderPin(only: ["vertex", "google-ai-studio"]))
  }

  @Test(.enabled(if: Chromium.path != nil, "no chromium binary on PATH: lineage page test skipped"))
  func chromiumRendersTheLineagePageAndEveryLinkLands() throws {
    let chromium = try #require(Chromium.path)
    let batch = try MockedBatchFolder("reprise-iterate-chromium")
    defer { batch.done() }
    try Self.threeGenerations(batch)
    #expect(try batch.reprise(["gallery", "--lineage", "gen"]).status == 0)
    #expect(try batch.reprise(["gallery", "--lineage", "gen", "--embed", "--out", "gen/mail.html"]).status == 0)
    for page in ["lineage", "mail"] {
      for (width, height) in [(1280, 900), (390, 844)] {
        let shot = batch.folder.url("\(page)-\(width).png")
        let status = Chromium.screenshot(
          chromium, page: batch.folder.url("gen/\(page).html"), to: shot, width: width, height: height, profile: batch.folder.url("profile"))
        #expect(status == 0, "chromium exited \(status) for \(page) at \(width)x\(height)")
        let bytes = (try? batch.folder.read("\(page)-\(width).png")) ?? []
        #expect(ImageInfo.sniff(bytes)?.width == width, "no PNG for \(page) at \(width)")
        #expect(bytes.count > 5_000, "a blank page? \(bytes.count) bytes")
      }
    }
    // The DOM Chromium built: every in-page link names an element it has; images all decoded.
    let dom = try ProcessRunner.run(
      chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(batch.folder.url("profile"))", "--dump-dom",
        URL(fileURLWithPath: batch.folder.url("gen/lineage.html")).absoluteString], in: batch.folder.path)
    #expect(dom.status == 0)
    let ids = Set(Self.matches("\\sid=\"([^\"]+)\"", in: dom.stdout))
    let targets = Self.matches("\\shref=\"#([^\"]+)\"", in: dom.stdout)
    #expect(targets.count == 7, "skip link, three parent links, three child links: \(targets)")
    #expect(targets.allSatisfy { ids.contains($0) }, "links without a target: \(targets.filter { !ids.contains($0) })")
    #expect(Self.matches("<li class=\"(iteration)\"", in: dom.stdout).count == 4)
    #expect(!dom.stdout.contains("<script"))
  }

  static func matches(_ pattern: String, in text: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: pattern)
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range(at: 1), in: text)!]) }
  }
}
