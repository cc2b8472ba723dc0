import Foundation
import RepriseCodecs
import RepriseTestSupport
import Testing
@testable import RepriseCLI
@testable import RepriseKit

/// Fuzzing of the four parsers that read what others wrote: the manifest decoder (and job files),
/// the OpenRouter response parser (with the redactor and the streaming `LargeStringExtractor`),
/// the PNG chunk reader (and image inspector) and the argument parser (and, for commands that
/// write nothing, the whole command line).
///
/// Each target mutates real seed inputs with `Mutator` / `ArgumentMutator` (JSON inputs also as
/// trees) from a fixed seed, so every run feeds the same inputs; any input is regenerated from its
/// iteration alone. An input fails when it throws a `FuzzViolation` (a property below broke) or
/// runs over the slow budget; a crash ends the process and a hang is stopped by the watchdog.
///
/// CI runs `ciCount` inputs per target. The long run is `bench/fuzz.sh [count] [seed]`, which runs
/// these tests in release with `REPRISE_FUZZ_COUNT` (see `FuzzConfiguration` for every variable).
/// Replay one input: `REPRISE_FUZZ_START=<i> REPRISE_FUZZ_COUNT=1 swift test --filter FuzzTests/<test>`.
/// Timings here include Swift Testing's backtrace on every error thrown (the standard library
/// throws once per invalid UTF-8 sequence it repairs); the script turns that off.
@Suite(.serialized) struct FuzzTests {
  /// Inputs per target in CI (four targets: 5,000 in all).
  static let ciCount = 1_250
  /// The fixed default seed.
  static let seed: UInt64 = 0x7265_7072_6973_6501
  /// The package root, where the seed inputs live.
  static let root = ProcessRunner.packageRoot

  /// `ciCount` inputs from `seed`, unless `REPRISE_FUZZ_*` variables say otherwise.
  static func configuration() -> FuzzConfiguration {
    FuzzConfiguration(count: ciCount, seed: seed, environment: ProcessInfo.processInfo.environment)
  }

  /// Prints the report (the bench script reads it from `REPRISE_FUZZ_REPORT`) and fails on any failure.
  static func check(_ report: FuzzReport) {
    print(report.details)
    if !report.passed { Issue.record(Comment(rawValue: report.details)) }
  }

  /// Every file in `folder` (relative to the package root) whose name ends with `suffix`, sorted.
  static func files(_ folder: String, suffix: String) throws -> [[UInt8]] {
    let path = root + "/" + folder
    return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(suffix) }.sorted()
      .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + $0))) }
  }

  /// A JSON input mutated either byte-wise (half the time) or as a tree: values replaced, members
  /// dropped, added or renamed, array items dropped or duplicated, then written pretty or compact
  /// and sometimes byte-mutated once more. Tree mutations keep the JSON valid, so they reach the
  /// field readers behind the parser.
  static func mutated(_ mutator: Mutator, _ trees: [JSONValue], _ keys: [String], _ rng: inout SplitMix64) -> [UInt8] {
    guard rng.chance(50), !trees.isEmpty else { return mutator.next(&rng) }
    var value = rng.pick(trees)
    for _ in 0..<(rng.chance(80) ? rng.inRange(1...3) : rng.inRange(4...12)) { value = mutateJSON(value, keys, mutator, &rng) }
    var bytes = rng.chance(50) ? Array(JSONWriter.pretty(value).utf8) : JSONWriter.canonical(value)
    if rng.chance(20) { mutator.mutate(&bytes, &rng) }
    return bytes
  }

  /// The corpus items that parse, and every object key in them (sorted: dictionary order is not
  /// stable across processes, and inputs must be).
  static func trees(_ corpus: [[UInt8]]) -> ([JSONValue], [String]) {
    let values = corpus.compactMap { try? JSONParser().parse($0) }
    var keys = Set<String>()
    func collect(_ value: JSONValue) {
      switch value {
      case .object(let members): for (key, member) in members { keys.insert(key); collect(member) }
      case .array(let items): items.forEach(collect)
      default: break
      }
    }
    values.forEach(collect)
    return (values, keys.sorted())
  }

  /// `value` with one change at a random place in its tree.
  static func mutateJSON(_ value: JSONValue, _ keys: [String], _ mutator: Mutator, _ rng: inout SplitMix64) -> JSONValue {
    switch value {
    case .object(var members) where !members.isEmpty && rng.chance(80):
      let name = rng.pick(members.keys.sorted())
      switch rng.below(8) {
      case 0: members[name] = nil
      case 1: members[keys.isEmpty ? name : rng.pick(keys)] = randomJSON(mutator, &rng)
      case 2: members[keys.isEmpty ? name + "_" : rng.pick(keys)] = members.removeValue(forKey: name)
      default: members[name] = mutateJSON(members[name]!, keys, mutator, &rng)
      }
      return .object(members)
    case .array(var items) where !items.isEmpty && rng.chance(80):
      let i = rng.below(items.count)
      switch rng.below(8) {
      case 0: items.remove(at: i)
      case 1: items.insert(items[i], at: rng.below(items.count + 1))
      case 2: items.swapAt(i, rng.below(items.count))
      case 3: items.append(randomJSON(mutator, &rng))
      default: items[i] = mutateJSON(items[i], keys, mutator, &rng)
      }
      return .array(items)
    case .string(let text) where rng.chance(60):
      var bytes = Array(text.utf8)
      mutator.mutate(&bytes, &rng)
      return .string(String(decoding: bytes, as: UTF8.self))
    case .int(let number) where rng.chance(60):
      return .int(
        rng.chance(50)
          ? number &+ Int64(rng.inRange(-2...2)) : rng.pick([0, -1, 1, 0 &- number, Int64.max, Int64.min, 2_147_483_647, 2_147_483_648, 1_000, 1_001]))
    default:
      return randomJSON(mutator, &rng)
    }
  }

  /// A value of a random kind: extremes, awkward strings, empty containers.
  static func randomJSON(_ mutator: Mutator, _ rng: inout SplitMix64) -> JSONValue {
    switch rng.below(10) {
    case 0: return .null
    case 1: return .bool(rng.chance(50))
    case 2: return .int(rng.pick([0, -1, 1, 2, 64, Int64.max, Int64.min, 2_147_483_647, -2_147_483_648, 9_007_199_254_740_993]))
    case 3: return .double(rng.pick([0.5, -0.0, 1e300, -1e300, Double.leastNonzeroMagnitude, 1.5, 2_147_483_647.5, 9.5e15]))
    case 4, 5:
      return .string(rng.pick([
        "", " ", ".", "..", "../x", "/abs/path", "a/../../b", "a//b", "\u{0}", "é", "🦀", String(repeating: "a", count: 5_000),
        "data:image/png;base64,iVBORw0KGgo=", "data:image/png;base64,", "https://example.com/x.png", "reprise.manifest/1", "reprise.manifest/2",
        "reprise.job/1", "sha256:" + String(repeating: "0", count: 64), "1:8", "16:9", "png", "jpg", "chat", "images", "low", "high", "file", "url",
        "google/gemini-3.1-flash-image-preview", "current_attachment", "image", "image_url", "stop", "error",
      ]))
    case 6: return .string(String(decoding: mutator.next(&rng).prefix(200), as: UTF8.self))
    case 7: return .array([])
    case 8: return .object([:])
    default: return .array([randomJSON(mutator, &rng)])
    }
  }

  // MARK: - Manifest decoder and job files

  @Test func manifestDecoder() async throws {
    let manifests = try Self.files("manifests/examples", suffix: "-manifest.json")
    var corpus = manifests
    for bytes in manifests {
      let manifest = try ManifestDocument.decode(bytes, name: "seed").manifest
      for job in manifest.jobs.prefix(2) {
        let queued = QueuedJob.from(
          manifest: manifest, job: job, manifestFolder: "/tmp/m", outRoot: "/tmp/out", requestID: "fuzz-1", clarifyHints: ["format"], origin: "variants")
        corpus.append(Array(JSONWriter.pretty(queued.json).utf8))
      }
    }
    corpus += [
      #"{"schema":"reprise.manifest/1","manifest_id":"sha256:00","spec":{},"batches":[],"jobs":[]}"#,
      #"{"schema":"reprise.manifest/1.7","manifest_id":"x","spec":null}"#, #"{"schema":"reprise.job/1.2"}"#, "[]", "",
    ].map { Array($0.utf8) }
    let mutator = Mutator(corpus: corpus, dictionary: FuzzDictionary.json)
    let (trees, keys) = Self.trees(corpus)
    var decoded = 0
    var jobsRead = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "manifest-decoder", make: { rng, i in i < corpus.count ? corpus[i] : Self.mutated(mutator, trees, keys, &rng) }, bytes: { $0 }
    ) { bytes in
      if try Self.decodeManifest(bytes) { decoded += 1 }
      if try Self.decodeJobFile(bytes) { jobsRead += 1 }
    }
    print("fuzz manifest-decoder: \(decoded) inputs decoded as manifests, \(jobsRead) as job files")
    Self.check(report)
  }

  /// Decoding fails with a bad-input error naming the file, or gives a manifest that survives
  /// being written and read again.
  @discardableResult
  static func decodeManifest(_ bytes: [UInt8]) throws -> Bool {
    let document: ManifestDocument
    do {
      document = try ManifestDocument.decode(bytes, name: "fuzz-manifest.json")
    } catch {
      guard error.kind == .badInput, error.message.contains("fuzz-manifest.json") else {
        throw FuzzViolation("decode failed with \(error.kind) (exit \(error.exitCode)) not naming the file: \(error.message)")
      }
      return false
    }
    let written = document.manifest.fileText
    let again: ManifestDocument
    do {
      again = try ManifestDocument.decode(Array(written.utf8), name: "rewritten")
    } catch {
      throw FuzzViolation("a decoded manifest, written again, no longer decodes: \(error.message)")
    }
    guard again.idMatches else { throw FuzzViolation("a rewritten manifest's id does not match its contents") }
    guard again.manifest == document.manifest else { throw FuzzViolation("a manifest changed when written and read again") }
    return true
  }

  /// A job file that reads gives the same job when its file form is read back.
  @discardableResult
  static func decodeJobFile(_ bytes: [UInt8]) throws -> Bool {
    guard let value = try? JSONParser().parse(bytes) else { return false }
    let job: QueuedJob
    do { job = try QueuedJob(reading: value) } catch { _ = error.description; return false }
    _ = job.outPath
    let again: QueuedJob
    do { again = try QueuedJob(reading: job.json) } catch { throw FuzzViolation("a job's own file form does not read: \(error.description)") }
    guard again == job else { throw FuzzViolation("a job changed when written and read again") }
    return true
  }

  // MARK: - Response parser and redactor

  @Test func responseParser() async throws {
    let names = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Tests/RepriseKitTests/Fixtures")
      .filter { $0.hasSuffix(".json") && !$0.hasPrefix("models") }.sorted()
    var corpus = try names.map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.root + "/Tests/RepriseKitTests/Fixtures/" + $0))) }
    let png = PNGEncoder.encode(width: 2, height: 2, pixelFormat: .rgb, pixels: Array(repeating: 200, count: 12))
    let b64 = Data(png).base64EncodedString()
    corpus += [
      #"{"id":"gen-9","model":"m","choices":[{"finish_reason":"stop","message":{"content":"here: data:image/png;base64,\#(b64) done","images":["\#(b64)","#
        + #"{"image_url":{"url":"data:image/png;base64,\#(b64)"}}]}}],"usage":{"cost":0.01,"completion_tokens_details":{"image_tokens":1290}}}"#,
      #"{"created":1,"data":[{"b64_json":"\#(b64)","media_type":"image/png"},{"url":"https://example.com/x.png"}]}"#,
      #"{"choices":[{"message":{"content":[{"type":"image","source":{"data":"\#(b64)","media_type":"image/png"}},{"inline_data":{"mime_type":"image/png","#
        + #""data":"\#(b64)"}}]}}]}"#,
      "<html><body>502 Bad Gateway</body></html>", "{}", "[]", "null", "",
    ].map { Array($0.utf8) }
    let statuses = [200, 200, 200, 201, 204, 400, 401, 402, 403, 404, 408, 413, 422, 429, 500, 502, 503, 524, 529]
    let odd = [0, -1, 1, 99, 199, 299, 300, 304, 599, 600, 999, Int.max, Int.min]
    let mutator = Mutator(corpus: corpus, dictionary: FuzzDictionary.json)
    let (trees, keys) = Self.trees(corpus)
    let folder = try TemporaryFolder("reprise-fuzz-response")
    defer { folder.remove() }
    let path = folder.url("body.json")
    var successes = 0
    var extractedBlobs = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "response-parser",
      make: { (rng: inout SplitMix64, i: Int) -> (status: Int, transport: Transport, body: [UInt8], threshold: Int, chunk: Int) in
        let status = rng.chance(90) ? rng.pick(statuses) : rng.pick(odd)
        let transport: Transport = rng.chance(50) ? .chat : .images
        let body = i < corpus.count ? corpus[i] : Self.mutated(mutator, trees, keys, &rng)
        // Tiny chunks mean one read(2) per byte or two: only for small bodies.
        let chunk = body.count > 8_192 ? rng.pick([61, 4_096, 1 << 20]) : rng.pick([1, 2, 3, 7, 64, 1 << 20])
        return (status, transport, body, rng.pick([4, 16, 40, 100]), chunk)
      },
      bytes: { Array("\($0.status) \($0.transport.rawValue) threshold \($0.threshold) chunk \($0.chunk)\n".utf8) + $0.body }
    ) { input in
      if try Self.parseResponse(status: input.status, transport: input.transport, body: input.body) { successes += 1 }
      extractedBlobs += try Self.extractResponse(
        input.body, status: input.status, transport: input.transport, threshold: input.threshold, chunkSize: input.chunk, path: path)
    }
    print("fuzz response-parser: \(successes) inputs parsed as responses with images; \(extractedBlobs) strings streamed out as blobs")
    Self.check(report)
  }

  /// A success only for 2xx with at least one image; the same result from the parsed JSON; a
  /// redacted body that writes and re-reads as itself and holds no data URL any more.
  @discardableResult
  static func parseResponse(status: Int, transport: Transport, body: [UInt8]) throws -> Bool {
    let result = ResponseParser.parse(status: status, body: body, transport: transport)
    switch result {
    case .success(let response):
      guard (200..<300).contains(status) else { throw FuzzViolation("status \(status) parsed as a success") }
      guard !response.images.isEmpty else { throw FuzzViolation("a success without images") }
      for image in response.images { if let bytes = image.bytes { _ = ImageInfo.sniff(bytes.head) } }
    case .failure(let error):
      _ = error.description
    }
    guard let json = try? JSONParser().parse(body) else { return false }
    switch (result, ResponseParser.parse(status: status, json: json, transport: transport)) {
    case (.success(let a), .success(let b)): guard a == b else { throw FuzzViolation("bytes and parsed JSON give different responses") }
    case (.failure, .failure): break
    default: throw FuzzViolation("bytes and parsed JSON disagree on success")
    }
    let redacted = ResponseRedactor.redact(json)
    let written = JSONWriter.canonical(redacted)
    guard let reread = try? JSONParser(maxDepth: 1_000).parse(written), JSONWriter.canonical(reread) == written else {
      throw FuzzViolation("the redacted body does not re-read as itself")
    }
    if let survivor = Self.dataURL(in: redacted) { throw FuzzViolation("a data URL survived redaction: \(survivor.prefix(120))") }
    if case .success = result { return true }
    return false
  }

  /// Streaming the body from a file with `LargeStringExtractor` (tiny threshold and chunks, so
  /// strings and escapes straddle chunk boundaries) reads the same as parsing it whole: the same
  /// result (but for a payload an error message quotes), the same redacted JSON, no placeholder left;
  /// a body that does not parse does not parse reduced either.
  /// - Returns: how many strings were taken out as blobs.
  static func extractResponse(_ body: [UInt8], status: Int, transport: Transport, threshold: Int, chunkSize: Int, path: String) throws -> Int {
    guard FileManager.default.createFile(atPath: path, contents: Data(body)) else { throw FuzzViolation("cannot write \(path)") }
    let extracted: ExtractedBody
    do {
      extracted = try LargeStringExtractor(threshold: threshold, chunkSize: chunkSize, placeholderCharacters: 8).extract(path: path)
    } catch {
      throw FuzzViolation("extraction of a regular file threw: \(error)")
    }
    guard let whole = try? JSONParser(maxDepth: 128).parse(body) else {
      if (try? JSONParser(maxDepth: 128).parse(extracted.reduced)) != nil { throw FuzzViolation("a body that does not parse parses once reduced") }
      return 0
    }
    let json: JSONValue
    do { json = try JSONParser(maxDepth: 128).parse(extracted.reduced) } catch { throw FuzzViolation("the reduced body does not parse: \(error)") }
    // The reference is what the client would read without streaming: the same parser depth.
    let streamed = ResponseParser.parse(status: status, json: json, transport: transport, blobs: extracted.blobs)
    let read = ResponseParser.parse(status: status, json: whole, transport: transport)
    guard sameReading(streamed, read) else { throw FuzzViolation("the streamed reading differs from the whole one: \(streamed) vs \(read)") }
    let redacted = ResponseRedactor.redact(json, blobs: extracted.blobs)
    guard redacted == ResponseRedactor.redact(whole) else { throw FuzzViolation("the streamed redaction differs from the whole one") }
    guard !JSONWriter.canonicalString(redacted).contains("reprise-blob") else { throw FuzzViolation("a placeholder survived redaction") }
    return extracted.blobs.entries.count
  }

  /// Equal readings, but for the JSON an error message quotes: streamed, a large payload is its
  /// placeholder (its head, a NUL quoted as `\u0000`, `reprise-blob:<n>`), so the messages only
  /// agree up to it (and the quote is cut at 200 characters, perhaps inside the `\u0000`).
  static func sameReading(_ streamed: Result<GenerationResponse, OpenRouterError>, _ whole: Result<GenerationResponse, OpenRouterError>) -> Bool {
    switch (streamed, whole) {
    case (.success(let a), .success(let b)): return a == b
    case (.failure(let a), .failure(let b)):
      let split = zip(a.message, b.message).prefix { $0 == $1 }.count
      let sameMessage = a.message == b.message || a.message.dropFirst(split).first == "\\"
      return sameMessage && a.status == b.status && a.code == b.code && a.errorType == b.errorType
        && a.providerName == b.providerName && a.raw == b.raw && a.retryable == b.retryable && a.retryAfterSeconds == b.retryAfterSeconds
    default: return false
    }
  }

  /// The first string in `value` that still holds a base64 data URL, if any.
  static func dataURL(in value: JSONValue) -> String? {
    switch value {
    case .string(var text):
      let found = text.withUTF8 { !DataURLScanner.spans(in: $0, imageOnly: false).isEmpty }
      return found ? text : nil
    case .array(let items): return items.lazy.compactMap { dataURL(in: $0) }.first
    case .object(let members): return members.values.lazy.compactMap { dataURL(in: $0) }.first
    default: return nil
    }
  }

  // MARK: - PNG chunk reader and image inspector

  @Test func pngChunkReader() async throws {
    let folder = try TemporaryFolder("reprise-fuzz-png")
    defer { folder.remove() }
    let corpus = try Self.imageCorpus()
    let texts = Self.textCorpus()
    let mutator = Mutator(corpus: corpus, dictionary: FuzzDictionary.png + FuzzDictionary.json)
    let textMutator = Mutator(corpus: texts.map { Array($0.utf8) }, dictionary: FuzzDictionary.json, maxLength: 1 << 16)
    let base = corpus[0]
    let path = folder.url("fuzz.png")
    var read = 0
    var withMetadata = 0
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "png-chunks",
      make: { rng, i in
        if i < corpus.count { return corpus[i] }
        switch rng.below(10) {
        case 0..<4: return mutator.next(&rng)
        case 4..<6: return Self.fixingCRCs(mutator.next(&rng))
        case 6..<9: return Self.withTextChunks(base, textMutator: textMutator, &rng)
        default: return Self.shufflingChunks(rng.pick(Array(corpus.prefix(6))), &rng)
        }
      },
      bytes: { $0 }
    ) { bytes in
      let (chunks, metadata) = try Self.readPNG(bytes, path: path)
      if chunks { read += 1 }
      if metadata { withMetadata += 1 }
    }
    print("fuzz png-chunks: \(read) inputs read as PNG chunk lists, \(withMetadata) with metadata found")
    Self.check(report)
  }

  /// Regression: the AUTOMATIC1111 settings-line pattern backtracked quadratically on a line of
  /// spaces (`^\s*[\w .\-/]+:`, both parts match a space): 0.9 s per `parameters` chunk of 50,000
  /// spaces, so an image with ten such chunks kept `inspect` busy for 9 s.
  @Test func parametersOfSpacesInspectFast() throws {
    let spaces = String(repeating: " ", count: 50_000)
    let chunks = (0..<10).map { _ in PNGChunks.tEXt(keyword: "parameters", text: "a crab\n" + spaces)! }
    let png = try PNGChunks.insertAfterHeader(PNGEncoder.encode(width: 1, height: 1, pixelFormat: .grayscale, pixels: [0]), chunks)
    let start = DispatchTime.now().uptimeNanoseconds
    let found = ImageInspector.inspect(png, path: "/nonexistent/fuzz.png")
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    #expect(seconds < 1, "took \(seconds) s")
    #expect(found.automatic1111?["settings"] == .object([:]))
    // The same lines are settings lines as before.
    for (line, isSettings) in [
      ("Steps: 20, Seed: 1", true), ("  Steps: 20", true), ("   : x, Seed: 1", true), ("\t: x, Seed: 1", false), ("a\tb: c", false),
      (" Model hash: ab, Size: 1x2", true), ("no colon here", false), ("https://x: y", true), ("a.b-c/d e: f", true),
    ] {
      let settings = ImageInspector.parseAutomatic1111("prompt\n" + line)["settings"]?.objectValue ?? [:]
      #expect(!settings.isEmpty == isSettings, "\(line.debugDescription)")
    }
  }

  /// Chunks that read lie inside the file, back to back, IHDR first and IEND last; a chunk
  /// inserted after IHDR reads back; sniffing and inspecting never trap.
  /// - Returns: whether the chunks read, and whether the inspector found metadata.
  static func readPNG(_ bytes: [UInt8], path: String) throws -> (chunks: Bool, metadata: Bool) {
    let info = ImageInfo.sniff(bytes)
    let findings = ImageInspector.inspect(bytes, path: path)
    guard findings.info == info, findings.bytes == bytes.count else { throw FuzzViolation("inspect and sniff disagree") }
    if let comfy = findings.comfyPrompt { _ = ImageInspector.summariseComfy(comfy) }
    if let comfy = findings.comfyWorkflow { _ = ImageInspector.summariseComfy(comfy) }
    let chunks: [PNGChunks.Chunk]
    do { chunks = try PNGChunks.read(bytes) } catch { _ = error.description; return (false, findings.hasMetadata) }
    var offset = 8
    for chunk in chunks {
      guard chunk.range.lowerBound == offset, chunk.range.upperBound <= bytes.count,
        chunk.dataRange.lowerBound == offset + 8, chunk.dataRange.upperBound + 4 == chunk.range.upperBound
      else { throw FuzzViolation("chunk \(chunk.type) has ranges \(chunk.range) / \(chunk.dataRange) after offset \(offset) in \(bytes.count) bytes") }
      offset = chunk.range.upperBound
      _ = PNGChunks.text(of: chunk, in: bytes)
    }
    guard chunks.first?.type == "IHDR", chunks.last?.type == "IEND" else { throw FuzzViolation("read a PNG without IHDR first and IEND last") }
    let inserted: [UInt8]
    do { inserted = try PNGChunks.insertAfterHeader(bytes, [PNGChunks.iTXt(keyword: "fuzz", text: "x")]) } catch {
      throw FuzzViolation("insertAfterHeader refused a PNG that reads: \(error)")
    }
    guard let again = try? PNGChunks.read(inserted), again.count == chunks.count + 1 else {
      throw FuzzViolation("a PNG with a chunk inserted after IHDR does not read back")
    }
    return (true, findings.hasMetadata)
  }

  /// Seed images: PNGs with every kind of text chunk first, then the sample, JPEG, WebP and GIF headers.
  static func imageCorpus() throws -> [[UInt8]] {
    let base = PNGEncoder.encode(width: 4, height: 3, pixelFormat: .rgb, pixels: (0..<36).map { UInt8($0 * 7) })
    let record = ImageProvenance.record(
      manifestID: "sha256:" + String(repeating: "ab", count: 32), jobID: "crab-logo-01-0123abcd", index: 1, model: "google/gemini-3.1-flash-image-preview",
      seed: 42, requestSHA256: String(repeating: "cd", count: 32), generationID: "gen-1", prompt: "A crab\nwith \"quotes\" and é")
    let annotated = ImageProvenance.annotate(base, record: record, embed: true).bytes
    let texts = textCorpus()
    let chunked = try PNGChunks.insertAfterHeader(base, [
      PNGChunks.tEXt(keyword: "parameters", text: texts[1])!, PNGChunks.tEXt(keyword: "prompt", text: texts[2])!,
      PNGChunks.iTXt(keyword: "workflow", text: texts[3]), PNGChunks.tEXt(keyword: "Comment", text: "hello")!,
      PNGEncoder.chunk(type: "zTXt", data: Array("Title".utf8) + [0, 0, 0x78, 0x9C, 3, 0, 0, 0, 0, 1]),
      PNGEncoder.chunk(type: "iTXt", data: Array("Author".utf8) + [0, 1, 0, 0x65, 0x6E, 0, 0, 0x78, 0x9C, 3, 0, 0, 0, 0, 1]),
    ])
    let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/samples/crab-baseline.png")))
    let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
      + [0xFF, 0xC0, 0, 17, 8, 0, 96, 0, 128, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]
    let riff = Array("RIFF".utf8) + [64, 0, 0, 0] + Array("WEBP".utf8)
    let vp8 = riff + Array("VP8 ".utf8) + [20, 0, 0, 0, 0x10, 0x02, 0, 0x9D, 0x01, 0x2A, 0x80, 0, 0x60, 0, 0, 0, 0, 0]
    let vp8l = riff + Array("VP8L".utf8) + [10, 0, 0, 0, 0x2F, 0x7F, 0xC0, 0x17, 0, 0, 0, 0, 0, 0]
    let vp8x = riff + Array("VP8X".utf8) + [10, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0, 0, 0x5F, 0, 0]
    let gif = Array("GIF89a".utf8) + [0x80, 0, 0x60, 0, 0, 0, 0, 0x3B]
    return [
      base, annotated, chunked, sample, PNGEncoder.encode(width: 1, height: 1, pixelFormat: .grayscale, pixels: [0]),
      PNGEncoder.encode(width: 3, height: 2, pixelFormat: .rgba, pixels: Array(repeating: 9, count: 24)), jpeg, vp8, vp8l, vp8x, gif,
    ]
  }

  /// Texts that go into PNG text chunks: a reprise record, AUTOMATIC1111 parameters, ComfyUI graphs.
  static func textCorpus() -> [String] {
    [
      #"{"schema":"reprise.image/1","manifest_id":"sha256:ab","job_id":"j-01","index":1,"model":"m","seed":42,"request_sha256":"cd","generation_id":null,"#
        + #""prompt":"A crab"}"#,
      "a snow crab logo, flat vector\nsecond line\nNegative prompt: blurry, text\nmore negative\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1234, Size: "
        + "512x512, Model: \"sd, v1: x\", Lora hashes: \"a: 1, b: 2\"",
      #"{"3":{"class_type":"KSampler","inputs":{"seed":1,"steps":20}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{}}}"#,
      #"{"nodes":[{"id":1,"type":"KSampler"},{"id":2,"type":"SaveImage"}],"links":[],"version":0.4}"#,
      "Key: \"unterminated, value\\\" : x", ": : :, , ,", "",
    ]
  }

  /// `bytes` with every chunk whose length fits given a correct CRC, so mutations get past the CRC check.
  static func fixingCRCs(_ bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    var offset = 8
    while offset + 12 <= out.count {
      let length = Int(out[offset]) << 24 | Int(out[offset + 1]) << 16 | Int(out[offset + 2]) << 8 | Int(out[offset + 3])
      guard length <= out.count - offset - 12 else { break }
      let crcOffset = offset + 8 + length
      let crc = CRC32.checksum(out[(offset + 4)..<crcOffset])
      for k in 0..<4 { out[crcOffset + k] = UInt8(truncatingIfNeeded: crc >> (24 - 8 * UInt32(k))) }
      offset = crcOffset + 4
    }
    return out
  }

  /// `base` with one to three text chunks (valid CRCs) carrying mutated keywords and texts.
  static func withTextChunks(_ base: [UInt8], textMutator: Mutator, _ rng: inout SplitMix64) -> [UInt8] {
    var chunks: [[UInt8]] = []
    for _ in 0..<rng.inRange(1...3) {
      var keyword = Array(rng.pick([ImageProvenance.keyword, "parameters", "prompt", "workflow", "Comment", "", "a b"]).utf8)
      if rng.chance(10) { textMutator.mutate(&keyword, &rng) }
      let text = textMutator.next(&rng)
      var data: [UInt8]
      let type: String
      switch rng.below(4) {
      case 0: type = "tEXt"; data = keyword + [0] + text
      case 1: type = "zTXt"; data = keyword + [0, 0] + text
      default:
        type = "iTXt"
        let header: [UInt8] = rng.chance(85) ? [0, 0, 0, 0, 0] : [0, UInt8(rng.below(3)), UInt8(rng.below(2)), 0x65, 0x6E, 0, 0]
        data = keyword + Array(header.prefix(rng.chance(90) ? header.count : rng.below(header.count + 1))) + text
      }
      if rng.chance(5), !data.isEmpty { data.removeSubrange(rng.below(data.count)...) }
      chunks.append(PNGEncoder.chunk(type: type, data: data))
    }
    return (try? PNGChunks.insertAfterHeader(base, chunks)) ?? base
  }

  /// A PNG whose whole chunks are dropped, duplicated or swapped (CRCs stay valid).
  static func shufflingChunks(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    guard let chunks = try? PNGChunks.read(bytes) else { return bytes }
    var pieces = chunks.map { Array(bytes[$0.range]) }
    for _ in 0..<rng.inRange(1...3) {
      switch rng.below(3) {
      case 0 where pieces.count > 1: pieces.remove(at: rng.below(pieces.count))
      case 1: pieces.insert(rng.pick(pieces), at: rng.below(pieces.count + 1))
      default: pieces.swapAt(rng.below(pieces.count), rng.below(pieces.count))
      }
    }
    return PNGChunks.signature + pieces.flatMap { $0 }
  }

  // MARK: - Argument parser and command line

  /// Regression: a 100 KB unknown option took 2 s (release) to find a "did you mean" because
  /// every option was scored by edit distance against it.
  @Test func hugeUnknownOptionFailsFast() async throws {
    let word = String(repeating: "json-", count: 20_000)
    let start = DispatchTime.now().uptimeNanoseconds
    #expect(Suggestions.nearest(to: word, in: VariantsCommand.command.options.map(\.name)) == nil)
    let result = await runCLI(["variants", "--" + word, "--count", "1"], in: NSTemporaryDirectory())
    #expect(result.code == 64)
    #expect(result.err.hasPrefix("error: unknown option '--json-json-"))
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    #expect(seconds < 1, "took \(seconds) s")
    #expect(Suggestions.nearest(to: "cuont", in: ["count", "prompt"]) == "count")
  }

  @Test func argumentParser() async throws {
    let folder = try TemporaryFolder("reprise-fuzz-cli")
    defer { folder.remove() }
    for name in ["crab-logo", "crab-iteration", "banner-flux"] {
      try folder.write("manifests/examples/\(name)-manifest.json", bytes: try Self.files("manifests/examples", suffix: "\(name)-manifest.json")[0])
    }
    let sample = [UInt8](try Data(contentsOf: URL(fileURLWithPath: Self.root + "/samples/crab-baseline.png")))
    try folder.write("samples/crab-baseline.png", bytes: sample)
    let logo = try ManifestDocument.load(path: folder.url("manifests/examples/crab-logo-manifest.json"))
    let record = ImageProvenance.record(
      manifestID: logo.storedID, jobID: logo.manifest.jobs[0].jobID, index: 1, model: logo.manifest.spec.model, seed: 1,
      requestSHA256: String(repeating: "0", count: 64), generationID: nil, prompt: "p")
    try folder.write("manifests/examples/crab-logo-01.png", bytes: ImageProvenance.annotate(sample, record: record, embed: true).bytes)
    try folder.write("prompt.txt", text: "A crab logo, based on the baseline\n")
    let before = folder.snapshot()

    let examples = try ExampleManifestTests.examples()
    let m = "manifests/examples/"
    var corpus: [[String]] = examples.map { ["variants"] + $0 + ["--out-dir", "out", "--dry-run"] }
    corpus += [
      [
        "variants", "--prompt-file", "prompt.txt", "--count", "2", "--out-dir", "out", "--baseline-image", "samples/crab-baseline.png",
        "--confirm-external-upload", "--no-lock-palette", "--strict-clarify", "--clarify-hints", "--dry-run",
      ],
      ["variants", "--prompt=a crab", "--count=1000", "--out-dir=.", "--max-jobs", "3", "--start-index", "998", "--seed", "2147483647", "--dry-run", "--json"],
      ["diff", m + "crab-logo-manifest.json", m + "crab-iteration-manifest.json"],
      ["diff", m + "banner-flux-manifest.json", m + "banner-flux-manifest.json", "--json"],
      ["diff", "--results", m + "crab-logo-manifest.json", m + "crab-logo-manifest.json", "manifests", "samples"],
      ["rerun", m + "crab-iteration-manifest.json", "--dry-run", "--only", "1,3-4", "--json"],
      ["rerun", m + "crab-logo-manifest.json", "--dry-run"],
      ["rerun", "--from-image", m + "crab-logo-01.png", "--dry-run", "--json"],
      ["rerun", "--from-image", m + "crab-logo-01.png", "--manifest", m + "crab-logo-manifest.json", "--dry-run"],
      ["inspect", m + "crab-logo-01.png", "--json"], ["inspect", "samples/crab-baseline.png"],
      ["help", "variants"], ["help", "rerun"], ["--version"], ["--help"], ["version"], [],
      ["generate", "--prompt", "x", "--out", "a.png", "--seed", "1", "--output-format", "json"],
      ["enqueue", "--prompt", "x", "--out", "a.png", "--queue-dir", "q", "--request-id", "r-1"],
      ["drain", "--queue-dir", "q", "--concurrency", "2", "--max-jobs", "1", "--handoff-mode", "foreground"],
      ["status", "--queue-dir", "q", "--json"], ["verify", m + "crab-logo-manifest.json"], ["models", "--refresh"],
      ["preflight", "--model", "m"], ["gallery", m + "crab-logo-manifest.json"],
    ]
    var tokens = Set(RepriseCommandLine.commands.map(\.name) + ["help", "version", "--help", "-h", "--version", "--", "-", "-x", "--="])
    for command in RepriseCommandLine.commands {
      for option in command.options {
        tokens.insert("--" + option.name)
        if option.kind == .toggle { tokens.insert("--no-" + option.name) }
      }
    }
    tokens.formUnion([
      "0", "1", "-1", "2", "1000", "1001", "2147483647", "2147483648", "99999999999999999999", "1e3", " 3 ", "0x10", "1,3-5", "5-3", "1-", ",",
      "", " ", "=", "16:9", "1:8", "0:0", "low", "medium", "high", "png", "jpg", ".webp", "gif", "chat", "images", "auto", "current_attachment",
      "https://example.com/a.png", "out", ".", "..", "sub/dir", "prompt.txt", "missing.json", "samples/crab-baseline.png",
      m + "crab-logo-manifest.json", m + "crab-iteration-manifest.json", m + "banner-flux-manifest.json", m + "crab-logo-01.png",
      "é", "🦀", "a\u{0}b", "\u{FEFF}", String(repeating: "x", count: 300), "variation of this", "%s%n", "$HOME",
    ])
    let mutator = ArgumentMutator(corpus: corpus, tokens: tokens.sorted())
    var exits: [Int32: Int] = [:]
    let report = await FuzzRunner(configuration: Self.configuration()).run(
      target: "argument-parser",
      make: { rng, i in i < corpus.count ? corpus[i] : mutator.next(&rng) },
      bytes: { Array(JSONWriter.canonical(.strings($0))) }
    ) { arguments in
      try Self.parseArguments(arguments)
      guard Self.safeToRun(arguments) else { return }
      exits[try await Self.runCommandLine(arguments, in: folder.path), default: 0] += 1
      let ran = exits.values.reduce(0, +)
      if ran % 16 == 0, folder.snapshot() != before { throw FuzzViolation("the command line wrote to its folder (in the last 16 runs)") }
    }
    #expect(folder.snapshot() == before, "the command line wrote to its folder")
    let tally = exits.keys.sorted().map { "exit \($0): \(exits[$0]!)" }.joined(separator: ", ")
    print("fuzz argument-parser: \(exits.values.reduce(0, +)) of \(report.inputs) inputs also ran through RepriseCommandLine.run (\(tally))")
    Self.check(report)
  }

  /// Parses the arguments after the first with every command's options: whatever parses is filed
  /// under the right kind of option, and nothing is invented.
  static func parseArguments(_ arguments: [String]) throws {
    let rest = Array(arguments.dropFirst())
    for command in RepriseCommandLine.commands {
      let parsed: ParsedArguments
      do { parsed = try ArgumentParser(options: command.options).parse(rest) } catch {
        guard error.kind == .usage else { throw FuzzViolation("parse failed with \(error.kind): \(error.message)") }
        continue
      }
      let kinds = Dictionary(command.options.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })
      for name in parsed.values.keys { guard case .value? = kinds[name] else { throw FuzzViolation("\(command.name): value for '\(name)'") } }
      for name in parsed.lists.keys {
        switch kinds[name] {
        case .repeatable?, .rest?: continue
        default: throw FuzzViolation("\(command.name): list for '\(name)'")
        }
      }
      for name in parsed.flags { guard kinds[name] == .flag else { throw FuzzViolation("\(command.name): flag '\(name)'") } }
      for name in parsed.toggles.keys { guard kinds[name] == .toggle else { throw FuzzViolation("\(command.name): toggle '\(name)'") } }
      let used = parsed.values.count + parsed.lists.values.reduce(0) { $0 + $1.count } + parsed.flags.count + parsed.toggles.count + parsed.positionals.count
      guard used <= rest.count else { throw FuzzViolation("\(command.name): \(used) results from \(rest.count) arguments") }
    }
  }

  /// True for argument lists that cannot write, send or start anything: help, version, unknown
  /// commands, `diff`, `inspect`, and `variants`/`rerun` whose options parse with `--dry-run`
  /// (a list that does not parse fails the same way inside the command line). Paths into
  /// `/dev`, `/proc` and `/sys` are never opened (a FIFO or a terminal would block).
  static func safeToRun(_ arguments: [String]) -> Bool {
    guard let first = arguments.first else { return true }
    if arguments.contains(where: { $0.contains("/dev") || $0.contains("/proc") || $0.contains("/sys") }) { return false }
    switch first {
    case "--help", "-h", "--version", "version", "help", "diff", "inspect": return true
    // No key in the fuzz environment: both refuse before writing or sending anything, and since
    // commands are async (no semaphore bridge) they run on the cooperative pool like any other.
    case "generate", "drain": return true
    case "variants", "rerun":
      guard let command = RepriseCommandLine.commands.first(where: { $0.name == first }) else { return false }
      let rest = Array(arguments.dropFirst())
      if rest.prefix(while: { $0 != "--" }).contains(where: { $0 == "--help" || $0 == "-h" }) { return true }
      guard let parsed = try? ArgumentParser(options: command.options).parse(rest) else { return true }
      return parsed.flag("dry-run")
    default:
      return !RepriseCommandLine.commands.contains { $0.name == first }
    }
  }

  /// Runs the command line in `folder` with no API key and an unreachable base URL: it exits
  /// with a documented code, and says why on stderr whenever it fails.
  static func runCommandLine(_ arguments: [String], in folder: String) async throws -> Int32 {
    let environment = [
      "REPRISE_CACHE_DIR": "/nonexistent/reprise-fuzz-cache", "REPRISE_MODEL_DISCOVERY": "off", "OPENROUTER_BASE_URL": "http://127.0.0.1:9/api/v1",
      "HOME": "/nonexistent/reprise-fuzz-home",
    ]
    let result = await runCLI(arguments, in: folder, environment: environment)
    guard [0, 1, 2, 3, 4, 64].contains(result.code) else { throw FuzzViolation("exit code \(result.code): \(result.err.prefix(200))") }
    if result.code >= 2, result.err.isEmpty { throw FuzzViolation("exit \(result.code) with nothing on stderr") }
    return result.code
  }
}
