import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// `reprise gallery`: one card per job from the manifest and fake queue records, escaping,
/// `--embed`, self-containment, deterministic bytes, the overwrite marker and `--compare`.
@Suite struct GalleryTests {
  static let prompt = "A snow crab logo <script>alert(\"x\")</script> & 'friends', flat vector"
  static let failure = "OpenRouter 402 (credits): needs <more> credits & a \"paid\" account"

  /// A tiny solid-colour PNG.
  static func png(_ shade: UInt8, width: Int = 4, height: Int = 4) -> [UInt8] {
    PNGEncoder.encode(width: width, height: height, pixels: [UInt8](repeating: shade, count: width * height * 3))
  }

  /// Plans `count` jobs into `<outDir>/<prefix>-manifest.json` (plan only) and returns the manifest.
  static func plan(_ folder: TemporaryFolder, prefix: String, count: Int, prompt: String = GalleryTests.prompt, outDir: String = "gen") async throws -> Manifest
  {
    let result = await runCLI(
      [
        "variants", "--prompt", prompt, "--count", String(count), "--out-dir", outDir, "--prefix", prefix, "--seed", "7", "--must-keep", "the <b>wordmark</b>",
        "--plan-only",
      ], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    return try ManifestDocument.decode(folder.read("\(outDir)/\(prefix)-manifest.json"), name: "m").manifest
  }

  /// Writes a succeeded record (and the image) for `job`.
  /// - Parameter provider: the bytes as the provider sent them (`provider_sha256`), when they differ
  ///   from the file's (reprise embeds metadata); nil writes an older record without it.
  static func succeed(_ folder: TemporaryFolder, _ job: ManifestJob, image: [UInt8], cost: Double, provider: [UInt8]? = nil, outDir: String = "gen") throws {
    let out = try folder.write("\(outDir)/\(job.out)", bytes: image)
    var record: JSONValue = .object([
      "schema": .string("reprise.result/1"), "status": .string("succeeded"), "job_id": .string(job.jobID),
      "index": .int(Int64(job.index)), "out": .string(out), "sha256": .string(SHA256.hash(image).hexString),
      "bytes": .int(Int64(image.count)), "media_type": .string("image/png"), "width": .int(4), "height": .int(4),
      "images": .array([]), "cost": .double(cost), "error": .null, "request_sha256": .string(job.requestSHA256),
      "seed": .int(job.seed), "started_at": .string("2026-01-01T00:00:00Z"), "finished_at": .string("2026-01-01T00:00:01Z"),
    ])
    if let provider, case .object(var members) = record {
      members["provider_sha256"] = .string(SHA256.hash(provider).hexString)
      record = .object(members)
    }
    try folder.write("\(outDir)/imagegen-queue/results/\(job.jobID).json", text: JSONWriter.pretty(record))
  }

  /// Writes a failed record for `job`.
  static func fail(_ folder: TemporaryFolder, _ job: ManifestJob, message: String, outDir: String = "gen") throws {
    let record: JSONValue = .object([
      "schema": .string("reprise.result/1"), "status": .string("failed"), "job_id": .string(job.jobID),
      "index": .int(Int64(job.index)), "out": .string(folder.url("\(outDir)/\(job.out)")), "sha256": .null, "cost": .null,
      "error": .object(["status": .int(402), "code": .string("credits"), "message": .string(message), "error_type": .null, "retryable": .bool(false)]),
    ])
    try folder.write("\(outDir)/imagegen-queue/failed/\(job.jobID).json", text: JSONWriter.pretty(record))
  }

  /// Four jobs: 1 and 2 succeeded, 3 failed, 4 still pending.
  static func sample(_ folder: TemporaryFolder) async throws -> Manifest {
    let manifest = try await plan(folder, prefix: "crab", count: 4)
    let jobs = manifest.jobs
    try succeed(folder, jobs[0], image: png(10), cost: 0.04)
    try succeed(folder, jobs[1], image: png(20), cost: 0.0325)
    try fail(folder, jobs[2], message: failure)
    try folder.write("gen/imagegen-queue/pending/\(jobs[3].jobID).json", text: "{}")
    return manifest
  }

  /// Every `<tag ...>` opening tag of `name`.
  static func tags(_ name: String, in html: String) -> [String] {
    let regex = try! NSRegularExpression(pattern: "<\(name)\\b[^>]*>")
    return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { String(html[Range($0.range, in: html)!]) }
  }

  /// The value of `attribute` in a tag.
  static func attribute(_ attribute: String, of tag: String) -> String? {
    let regex = try! NSRegularExpression(pattern: "\\s\(attribute)=\"([^\"]*)\"")
    guard let match = regex.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)) else { return nil }
    return String(tag[Range(match.range(at: 1), in: tag)!])
  }

  /// The `<article class="card ...">...</article>` blocks.
  static func cards(_ html: String) -> [String] {
    html.components(separatedBy: "<article class=\"card ").dropFirst().map { $0.components(separatedBy: "</article>")[0] }
  }

  @Test func oneCardPerJobWithImagesAltTextStatesAndReasons() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    let manifest = try await Self.sample(folder)
    let result = await runCLI(["gallery", "gen/crab-manifest.json"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out == "gen/crab-gallery.html\n")
    #expect(result.err.isEmpty)
    let html = try folder.readText("gen/crab-gallery.html")
    #expect(html.hasPrefix(GalleryFile.marker + "\n<!DOCTYPE html>"))
    #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
    #expect(html.contains("prefers-color-scheme:dark"))
    let cards = Self.cards(html)
    #expect(cards.count == manifest.jobs.count)
    let images = Self.tags("img", in: html)
    #expect(images.count == 2)
    for (n, job) in manifest.jobs.prefix(2).enumerated() {
      #expect(Self.attribute("src", of: images[n]) == job.out)
      #expect(Self.attribute("alt", of: images[n]) == HTMLEscaping.escape("Variant \(job.index): \(job.delta)"))
      #expect(cards[n].contains(">\(job.seed)<"))
      #expect(cards[n].contains(String(SHA256.hash(Self.png(n == 0 ? 10 : 20)).hexString.prefix(12))))
      #expect(cards[n].contains(">ok<"))
    }
    #expect(cards[0].contains("$0.0400") && cards[1].contains("$0.0325"))
    #expect(cards[2].contains("state-failed") && cards[2].contains(">failed<"))
    #expect(cards[2].contains(HTMLEscaping.escape(Self.failure)))
    #expect(cards[2].contains("class=\"reason\""))
    #expect(cards[3].contains(">pending<"))
    // Header: per-batch and total cost, rails, model; semantic headings.
    #expect(html.contains("total cost <strong>$0.0725</strong>"))
    #expect(html.contains("<h1>crab</h1>") && html.contains("<h2 id=\"rails-heading\">Rails</h2>") && html.contains("<h3 id=\"job-1-title\">#01</h3>"))
    #expect(html.contains("<li>the &lt;b&gt;wordmark&lt;/b&gt;</li>"))
    #expect(html.contains(HTMLEscaping.escape(manifest.spec.model)))
  }

  @Test func userTextIsEscapedAndThePageIsSelfContained() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    _ = try await Self.sample(folder)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json"], in: folder.path).code == 0)
    let html = try folder.readText("gen/crab-gallery.html")
    #expect(html.contains("A snow crab logo &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;friends&#39;, flat vector"))
    #expect(!html.lowercased().contains("<script"))
    #expect(!html.contains("<b>wordmark"))
    #expect(!html.contains("http://") && !html.contains("https://"))
    #expect(!html.contains("@import") && !html.contains("url("))
    #expect(!html.contains(folder.path), "no absolute paths in the page")
  }

  @Test func embedInlinesImagesAsDataURLs() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    _ = try await Self.sample(folder)
    let result = await runCLI(["gallery", "gen/crab-manifest.json", "--embed", "--out", "mail/crab.html"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out == "mail/crab.html\n")
    let html = try folder.readText("mail/crab.html")
    let sources = Self.tags("img", in: html).compactMap { Self.attribute("src", of: $0) }
    #expect(sources.count == 2)
    #expect(sources.allSatisfy { $0.hasPrefix("data:image/png;base64,") })
    #expect(sources[0] == "data:image/png;base64," + Data(Self.png(10)).base64EncodedString())
    #expect(!html.contains("href=\"../gen") && !html.contains("src=\"../") && !html.contains("crab-0001.png\""))
    #expect(!html.contains("http://") && !html.contains("https://"))
  }

  @Test func relativePathsArePercentEncodedFromThePagesFolder() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    let manifest = try await Self.plan(folder, prefix: "crab", count: 1, outDir: "my gen")
    try Self.succeed(folder, manifest.jobs[0], image: Self.png(30), cost: 0.01, outDir: "my gen")
    #expect(await runCLI(["gallery", "my gen/crab-manifest.json", "--out", "site/index.html"], in: folder.path).code == 0)
    let html = try folder.readText("site/index.html")
    #expect(Self.attribute("src", of: Self.tags("img", in: html)[0]) == "../my%20gen/crab-0001.png")
    #expect(HTMLEscaping.percentEncodedPath("a b/ü:x#1?.png") == "a%20b/%C3%BC%3Ax%231%3F.png")
    #expect(HTMLEscaping.escape("<a href='x'>\"&\"</a>\u{1}") == "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;\u{FFFD}")
  }

  @Test func sameInputsGiveTheSameBytesInAnyFolder() async throws {
    let a = try TemporaryFolder("reprise-gallery"), b = try TemporaryFolder("reprise-gallery")
    defer { a.remove(); b.remove() }
    for folder in [a, b] {
      _ = try await Self.sample(folder)
      #expect(await runCLI(["gallery", "gen/crab-manifest.json"], in: folder.path).code == 0)
    }
    let first = try a.read("gen/crab-gallery.html")
    #expect(await runCLI(["gallery", "gen/crab-manifest.json"], in: a.path).code == 0, "its own file is replaced")
    #expect(try a.read("gen/crab-gallery.html") == first)
    #expect(try b.read("gen/crab-gallery.html") == first)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--embed", "--out", "e1.html"], in: a.path).code == 0)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--embed", "--out", "e2.html"], in: a.path).code == 0)
    #expect(try a.read("e1.html") == a.read("e2.html"))
  }

  @Test func refusesFilesItDidNotWriteAndBadInput() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    _ = try await Self.sample(folder)
    try folder.write("gen/crab-gallery.html", text: "<html>my own page</html>\n")
    let refused = await runCLI(["gallery", "gen/crab-manifest.json"], in: folder.path)
    #expect(refused.code == 2)
    #expect(refused.err.hasPrefix("error: 'gen/crab-gallery.html' exists and was not written by reprise gallery"))
    #expect(refused.err.split(separator: "\n").count == 1)
    #expect(try folder.readText("gen/crab-gallery.html") == "<html>my own page</html>\n")
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--out", "gen/crab-manifest.json"], in: folder.path).code == 2)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--out", "gen"], in: folder.path).code == 2)
    // An edited manifest, a missing one, and usage errors.
    let edited = try folder.readText("gen/crab-manifest.json").replacingOccurrences(of: "\"seed\": 7", with: "\"seed\": 8")
    try folder.write("gen/edited-manifest.json", text: edited)
    let editedResult = await runCLI(["gallery", "gen/edited-manifest.json"], in: folder.path)
    #expect(editedResult.code == 2)
    #expect(editedResult.err.contains("was edited"))
    #expect(await runCLI(["gallery", "gen/nope-manifest.json"], in: folder.path).code == 2)
    #expect(await runCLI(["gallery"], in: folder.path).code == 64)
    #expect(await runCLI(["gallery", "a", "b"], in: folder.path).code == 64)
    #expect(await runCLI(["gallery", "--compare", "gen/crab-manifest.json"], in: folder.path).code == 64)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--bogus"], in: folder.path).code == 64)
    #expect(await runCLI(["gallery", "gen/crab-manifest.json", "--queue-dir", "nowhere", "--out", "x.html"], in: folder.path).code == 2)
    #expect(!folder.exists("x.html"))
  }

  @Test func compareMarksChangedJobsAndIdenticalOrDifferentBytes() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    let a = try await Self.sample(folder)
    // B: the same requests under another prefix, one more index.
    let b = try await Self.plan(folder, prefix: "crab2", count: 5)
    try Self.succeed(folder, b.jobs[0], image: Self.png(11), cost: 0.04, provider: Self.png(10))  // A #1's bytes, other metadata
    try Self.succeed(folder, b.jobs[1], image: Self.png(99), cost: 0.04)  // different from A #2
    try Self.succeed(folder, b.jobs[2], image: Self.png(50), cost: 0.04)  // A #3 failed
    try Self.succeed(folder, b.jobs[4], image: Self.png(60), cost: 0.04)  // only in B
    let result = await runCLI(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab2-manifest.json"], in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    #expect(result.out == "gen/crab2-compare.html\n")
    let html = try folder.readText("gen/crab2-compare.html")
    #expect(html.hasPrefix(GalleryFile.marker))
    let pairs = html.components(separatedBy: "<article class=\"pair ").dropFirst().map { $0.components(separatedBy: "</article>")[0] }
    #expect(pairs.count == 5)
    #expect(pairs[0].hasPrefix("unchanged bytes-identical") && pairs[0].contains("bytes identical"))
    #expect(pairs[1].hasPrefix("unchanged bytes-different") && pairs[1].contains("bytes different"))
    #expect(pairs[2].hasPrefix("unchanged bytes-failed") && pairs[2].contains(HTMLEscaping.escape(Self.failure)))
    #expect(pairs[3].hasPrefix("unchanged bytes-unavailable"))
    #expect(pairs[4].hasPrefix("changed bytes-unavailable") && pairs[4].contains("only in B") && pairs[4].contains("Not in A"))
    #expect(Self.attribute("src", of: Self.tags("img", in: pairs[0])[0]) == a.jobs[0].out)
    #expect(html.contains("spec.prefix"))
    #expect(!html.contains("http://") && !html.contains("https://") && !html.lowercased().contains("<script"))

    // C: another prompt: every job's prompt and request hash change, shown word by word.
    let c = try await Self.plan(
      folder, prefix: "crab3", count: 4, prompt: Self.prompt.replacingOccurrences(of: "flat vector", with: "flat vector, thick <outlines>"))
    try Self.succeed(folder, c.jobs[0], image: Self.png(10), cost: 0.05)
    let changed = await runCLI(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab3-manifest.json", "--out", "cmp.html", "--embed"], in: folder.path)
    #expect(changed.code == 0, "\(changed.err)")
    let page = try folder.readText("cmp.html")
    let rows = page.components(separatedBy: "<article class=\"pair ").dropFirst()
    #expect(rows.count == 4 && rows.allSatisfy { $0.hasPrefix("changed ") && $0.contains("changed: prompt, request hash") })
    #expect(rows.first!.hasPrefix("changed bytes-identical"))
    #expect(page.contains("<del>vector</del><ins>vector, thick &lt;outlines&gt;</ins>"))
    #expect(GalleryWordDiff.html("a <b> c", "a <x> c") == "a <del>&lt;b&gt;</del><ins>&lt;x&gt;</ins> c")
    #expect(
      GalleryWordDiff.html("flat vector, centred", "flat vector with outlines, centred") == "flat <del>vector,</del><ins>vector with outlines,</ins> centred")
    #expect(page.contains("data:image/png;base64,"))
    #expect(!page.contains("src=\"crab"))
    // The compare page is deterministic too.
    #expect(
      await runCLI(["gallery", "--compare", "gen/crab-manifest.json", "gen/crab3-manifest.json", "--out", "cmp.html", "--embed"], in: folder.path).code == 0)
    #expect(try folder.readText("cmp.html") == page)
  }

  @Test func noQueueFolderStillWritesAGalleryWithAWarning() async throws {
    let folder = try TemporaryFolder("reprise-gallery")
    defer { folder.remove() }
    _ = try await Self.plan(folder, prefix: "crab", count: 2)
    let result = await runCLI(["gallery", "gen/crab-manifest.json"], in: folder.path)
    #expect(result.code == 0)
    #expect(result.err.hasPrefix("warning: queue folder 'gen/imagegen-queue' does not exist"))
    let html = try folder.readText("gen/crab-gallery.html")
    #expect(Self.cards(html).count == 2 && Self.cards(html).allSatisfy { $0.contains("not queued") })
    #expect(Self.tags("img", in: html).isEmpty)
  }
}
