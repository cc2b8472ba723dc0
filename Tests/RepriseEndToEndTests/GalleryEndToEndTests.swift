import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `reprise gallery` through the real binary, after `variants` against `openrouter-mock`; and the
/// pages rendered by headless Chromium at desktop and phone widths (skipped without Chromium).
@Suite struct GalleryEndToEndTests {
  static let prompt = "A snow crab logo <b>bold</b> & friends, flat vector, centred"

  /// Runs batch 1 (three jobs, all succeed) and batch 2 (index 4, refused with 402) under `prefix`.
  static func makeBatch(_ folder: TemporaryFolder, prefix: String = "crab", prompt: String = GalleryEndToEndTests.prompt) throws {
    let base = ["variants", "--prompt", prompt, "--out-dir", "gen", "--prefix", prefix, "--seed", "3", "--quiet"]
    let ok = try MockServerProcess([], logPath: folder.url("mock.log"))
    let first = try ProcessRunner.reprise(base + ["--count", "3"], in: folder.path, environment: ok.environment())
    ok.stop()
    #expect(first.status == 0, "\(first.stderr)")
    let refusing = try MockServerProcess(["--mode", "402"], logPath: folder.url("mock.log"))
    let second = try ProcessRunner.reprise(base + ["--count", "1", "--start-index", "4"], in: folder.path, environment: refusing.environment())
    refusing.stop()
    #expect(second.status == 1, "the 402 job fails: \(second.stderr)")
  }

  static func cards(_ html: String) -> [String] {
    html.components(separatedBy: "<article class=\"card ").dropFirst().map { $0.components(separatedBy: "</article>")[0] }
  }

  static func sources(_ html: String) -> [String] {
    html.components(separatedBy: "<img src=\"").dropFirst().map { String($0.prefix(while: { $0 != "\"" })) }
  }

  @Test func variantsThenGalleryThroughTheBinary() throws {
    let folder = try TemporaryFolder("reprise-gallery-e2e")
    defer { folder.remove() }
    try Self.makeBatch(folder)
    let gallery = try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json"], in: folder.path)
    #expect(gallery.status == 0, "\(gallery.stderr)")
    #expect(gallery.stdout == "gen/crab-gallery.html\n")
    let html = try folder.readText("gen/crab-gallery.html")
    #expect(html.hasPrefix("<!-- reprise gallery -->\n"))
    let cards = Self.cards(html)
    #expect(cards.count == 4)
    let sources = Self.sources(html)
    #expect(sources == ["crab-0001.png", "crab-0002.png", "crab-0003.png"])
    #expect(sources.allSatisfy { folder.exists("gen/" + $0) })
    #expect(cards[3].contains("state-failed") && cards[3].contains("OpenRouter 402"))
    #expect(html.contains("A snow crab logo &lt;b&gt;bold&lt;/b&gt; &amp; friends"))
    #expect(!html.contains("http://"), "nothing refers to the network")
    // Per-batch costs: batch 1 cost what the records say; batch 2 nothing.
    let costs = try (1...3).map { i -> Double in
      let manifest = try ManifestDocument.decode(folder.read("gen/crab-manifest.json"), name: "m").manifest
      let record = try JSONParser().parse(folder.read("gen/imagegen-queue/results/\(manifest.jobs[i - 1].jobID).json"))
      return record["cost"]?.doubleValue ?? 0
    }
    #expect(html.contains("<td class=\"num\">3/3</td><td class=\"num\">$" + String(format: "%.4f", costs.reduce(0, +)) + "</td>"))
    #expect(html.contains("<td class=\"num\">0/1</td><td class=\"num\">$0.0000</td>"))

    // Same inputs, same bytes; --embed makes one mailable file.
    let again = try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json"], in: folder.path)
    #expect(again.status == 0)
    #expect(try folder.readText("gen/crab-gallery.html") == html)
    let embedded = try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json", "--embed", "--out", "mail.html"], in: folder.path)
    #expect(embedded.status == 0, "\(embedded.stderr)")
    let mail = try folder.readText("mail.html")
    #expect(Self.sources(mail).count == 3 && Self.sources(mail).allSatisfy { $0.hasPrefix("data:image/png;base64,") })

    // A second iteration, compared side by side.
    try Self.makeBatch(folder, prefix: "crab2", prompt: Self.prompt.replacingOccurrences(of: "centred", with: "centred, thick outlines"))
    let compare = try ProcessRunner.reprise(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab2-manifest.json"], in: folder.path)
    #expect(compare.status == 0, "\(compare.stderr)")
    #expect(compare.stdout == "gen/crab2-compare.html\n")
    let page = try folder.readText("gen/crab2-compare.html")
    #expect(page.components(separatedBy: "<article class=\"pair changed").count - 1 == 4)
    #expect(page.components(separatedBy: "bytes-different").count - 1 == 3)
    #expect(page.components(separatedBy: "bytes-failed").count - 1 == 1)

    // The same requests under another prefix: files differ (embedded metadata), provider bytes do not.
    try Self.makeBatch(folder, prefix: "crab3")
    let same = try ProcessRunner.reprise(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab3-manifest.json", "--out", "same.html"], in: folder.path)
    #expect(same.status == 0, "\(same.stderr)")
    let samePage = try folder.readText("same.html")
    #expect(samePage.components(separatedBy: "<article class=\"pair unchanged bytes-identical").count - 1 == 3)
    #expect(samePage.components(separatedBy: "<article class=\"pair unchanged bytes-failed").count - 1 == 1)
    #expect(Self.sources(samePage).allSatisfy { $0.hasPrefix("gen/crab") })

    // A file reprise did not write is never replaced.
    try folder.write("gen/other.html", text: "mine\n")
    let refused = try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json", "--out", "gen/other.html"], in: folder.path)
    #expect(refused.status == 2)
    #expect(refused.stderr.hasPrefix("error: 'gen/other.html' exists and was not written by reprise gallery"))
    #expect(try folder.readText("gen/other.html") == "mine\n")
    #expect(try ProcessRunner.reprise(["gallery"], in: folder.path).status == 64)
  }

  @Test(.enabled(if: Chromium.path != nil, "no chromium binary on PATH: gallery screenshot test skipped"))
  func chromiumRendersTheGalleryAtDesktopAndPhoneWidths() throws {
    let chromium = try #require(Chromium.path)
    let folder = try TemporaryFolder("reprise-gallery-chromium")
    defer { folder.remove() }
    try Self.makeBatch(folder)
    try Self.makeBatch(folder, prefix: "crab2", prompt: Self.prompt + ", thick outlines")
    #expect(try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json"], in: folder.path).status == 0)
    #expect(try ProcessRunner.reprise(["gallery", "gen/crab-manifest.json", "--embed", "--out", "gen/embed.html"], in: folder.path).status == 0)
    #expect(try ProcessRunner.reprise(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab2-manifest.json"], in: folder.path).status == 0)
    for page in ["crab-gallery", "embed", "crab2-compare"] {
      for (width, height) in [(1280, 900), (390, 844)] {
        let shot = folder.url("\(page)-\(width).png")
        let status = Chromium.screenshot(chromium, page: folder.url("gen/\(page).html"), to: shot, width: width, height: height, profile: folder.url("profile"))
        #expect(status == 0, "chromium exited \(status) for \(page) at \(width)x\(height)")
        let bytes = (try? folder.read("\(page)-\(width).png")) ?? []
        #expect(ImageInfo.sniff(bytes)?.format == .png, "no PNG for \(page) at \(width)x\(height)")
        #expect(ImageInfo.sniff(bytes)?.width == width)
        #expect(bytes.count > 5_000, "a blank page? \(bytes.count) bytes")
      }
    }
  }
}

/// Headless Chromium, when installed.
enum Chromium {
  /// The first of `chromium`, `chromium-browser`, `google-chrome` on PATH, or nil.
  static let path: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    for name in ["chromium", "chromium-browser", "google-chrome"] {
      for folder in folders where FileManager.default.isExecutableFile(atPath: folder + "/" + name) { return folder + "/" + name }
    }
    return nil
  }()

  /// Renders `page` (a file) into `to` at `width`x`height`; returns the exit status (-1 after a
  /// 120 s timeout, when the process is stopped).
  static func screenshot(_ chromium: String, page: String, to: String, width: Int, height: Int, profile: String) -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
      "--screenshot=\(to)", "--window-size=\(width),\(height)", URL(fileURLWithPath: page).absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    do { try process.run() } catch { return -2 }
    Poll.wait(timeout: 120, interval: 0.05) { !process.isRunning }
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
      return -1
    }
    return process.terminationStatus
  }
}
