import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// The fixture bytes from `Tests/RepriseKitTests/Fixtures/<name>`.
private func fixtureBytes(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
  return [UInt8](try Data(contentsOf: url))
}

/// `body` written to a temporary file and run through an extractor with the given limits.
private func extract(_ body: [UInt8], threshold: Int, chunkSize: Int, placeholderCharacters: Int = 8) throws -> ExtractedBody {
  let folder = try TemporaryFolder("reprise-extract")
  defer { folder.remove() }
  let path = try folder.write("body.json", bytes: body)
  return try LargeStringExtractor(threshold: threshold, chunkSize: chunkSize, placeholderCharacters: placeholderCharacters).extract(path: path)
}

private func extract(_ body: String, threshold: Int, chunkSize: Int) throws -> ExtractedBody {
  try extract(Array(body.utf8), threshold: threshold, chunkSize: chunkSize)
}

/// Deterministic pseudo-random bytes behind a PNG signature.
private func imageBytes(_ count: Int, seed: UInt32 = 2_463_534_242) -> [UInt8] {
  var bytes = [UInt8](repeating: 0, count: count)
  var state = seed
  for i in bytes.indices {
    state ^= state << 13
    state ^= state >> 17
    state ^= state << 5
    bytes[i] = UInt8(truncatingIfNeeded: state)
  }
  // PNG signature and an IHDR chunk header for 64x32.
  let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 64, 0, 0, 0, 32]
  if count >= header.count { bytes.replaceSubrange(0..<header.count, with: header) }
  return bytes
}

/// Base64 text of `bytes` with every `/` written as the JSON escape `\/`.
private func escapedBase64(_ bytes: [UInt8]) -> String {
  Data(bytes).base64EncodedString().replacingOccurrences(of: "/", with: #"\/"#)
}

/// A chat completion whose `message` is `message` (JSON text).
private func chat(_ message: String) -> String {
  #"{"id":"gen-1","model":"m","choices":[{"index":0,"finish_reason":"stop","message":\#(message)}],"usage":{"cost":0.01}}"#
}

/// Parsing `body` whole, and parsing its extraction with the blobs, give the same result and the
/// same redacted JSON; the redacted JSON never shows a placeholder.
private func expectSameReading(
  _ body: [UInt8], status: Int = 200, transport: Transport = .chat, threshold: Int, chunkSizes: [Int], sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let whole = ResponseParser.parse(status: status, body: body, transport: transport)
  let parsedWhole = try? JSONParser(maxDepth: 128).parse(body)
  for chunkSize in chunkSizes {
    let extracted = try extract(body, threshold: threshold, chunkSize: chunkSize)
    guard let parsedWhole else {
      #expect((try? JSONParser(maxDepth: 128).parse(extracted.reduced)) == nil, "chunk \(chunkSize): reduced body parses", sourceLocation: sourceLocation)
      continue
    }
    let json = try JSONParser(maxDepth: 128).parse(extracted.reduced)
    let reading = ResponseParser.parse(status: status, json: json, transport: transport, blobs: extracted.blobs)
    #expect(reading == whole, "chunk \(chunkSize)", sourceLocation: sourceLocation)
    let redacted = ResponseRedactor.redact(json, blobs: extracted.blobs)
    #expect(redacted == ResponseRedactor.redact(parsedWhole), "chunk \(chunkSize)", sourceLocation: sourceLocation)
    #expect(!JSONWriter.canonicalString(redacted).contains("reprise-blob"), sourceLocation: sourceLocation)
  }
}

/// The streaming extraction of large base64 strings (`--filter LargeStringExtractorTests`).
@Suite struct LargeStringExtractorTests {
  static let fixtures: [(String, Int, Transport)] = [
    ("chat-canonical.json", 200, .chat), ("chat-images-bare-strings.json", 200, .chat),
    ("chat-images-url-without-wrapper.json", 200, .chat), ("chat-content-parts-image-url.json", 200, .chat),
    ("chat-content-parts-inline-data.json", 200, .chat), ("chat-content-parts-image-data.json", 200, .chat),
    ("chat-data-url-in-string-content.json", 200, .chat), ("chat-preview-then-final.json", 200, .chat),
    ("chat-remote-url.json", 200, .chat), ("chat-refusal-image-safety.json", 200, .chat),
    ("chat-text-only-no-modalities.json", 200, .chat), ("chat-choice-error.json", 200, .chat),
    ("chat-error-in-200.json", 200, .chat), ("images-api-success.json", 200, .images),
    ("images-api-no-media-type.json", 200, .images), ("error-400-aspect-ratio.json", 400, .chat),
    ("error-402-credits.json", 402, .chat), ("error-429-rate-limit.json", 429, .chat), ("error-502-provider.json", 502, .chat),
  ]

  @Test(arguments: fixtures)
  func everyFixtureReadsTheSameWithATinyThreshold(_ fixture: (String, Int, Transport)) throws {
    // With a 16-byte threshold every base64 payload in the fixtures is taken out.
    try expectSameReading(try fixtureBytes(fixture.0), status: fixture.1, transport: fixture.2, threshold: 16, chunkSizes: [1, 2, 3, 5, 7, 64, 1 << 20])
  }

  @Test func fixturePayloadsBecomeBlobs() throws {
    let body = try fixtureBytes("chat-canonical.json")
    let extracted = try extract(body, threshold: 16, chunkSize: 3)
    #expect(extracted.blobs.entries.count == 1)
    let blob = try #require(extracted.blobs.entries.first)
    #expect(blob.isDataURL && blob.mediaType == "image/png")
    #expect(ImageInfo.sniff(blob.bytes) == ImageInfo(format: .png, width: 16, height: 9))
    #expect(extracted.reduced.count < body.count)
    // The reduced JSON holds the placeholder where the data URL was.
    let json = try JSONParser().parse(extracted.reduced)
    let url = json["choices"]?.arrayValue?.first?["message"]?["images"]?.arrayValue?.first?["image_url"]?["url"]?.stringValue
    #expect(url == blob.placeholder)
    #expect(extracted.blobs.blob(for: blob.placeholder) == blob)
    #expect(extracted.blobs.blob(for: "data:image/png;base64,iVBORw0K") == nil)
  }

  @Test func aBodyWithoutLargeStringsIsCopiedByteForByte() async throws {
    for name in ["chat-canonical.json", "images-api-success.json", "error-429-rate-limit.json"] {
      let body = try fixtureBytes(name)
      let extracted = try extract(body, threshold: 256 * 1024, chunkSize: 7)
      #expect(extracted.reduced == body)
      #expect(extracted.blobs.isEmpty)
    }
    let html = Array("<html><body>\"gateway\" hiccup {[</body></html>".utf8)
    #expect(try extract(html, threshold: 16, chunkSize: 4).reduced == html)
  }

  @Test func everyChunkBoundaryInsideEscapesHeadersAndQuads() throws {
    // `\/` escapes throughout the payload and a header split anywhere: every chunk size from 1 to
    // 40 puts boundaries inside `data:`, inside the header, inside escapes and inside quads.
    let bytes = imageBytes(600, seed: 7)
    let payload = escapedBase64(bytes)
    #expect(payload.contains(#"\/"#))
    let body = Array(chat(#"{"images":[{"image_url":{"url":"data:image/png;base64,\#(payload)"}}]}"#).utf8)
    for chunkSize in 1...40 {
      let extracted = try extract(body, threshold: 64, chunkSize: chunkSize)
      #expect(extracted.blobs.entries.map(\.bytes) == [bytes], "chunk \(chunkSize)")
    }
    try expectSameReading(body, threshold: 64, chunkSizes: [1, 2, 3, 4, 5, 6, 13, 1024])
  }

  @Test func thresholdIsExclusive() throws {
    // A raw b64_json string of exactly `threshold` bytes stays; one byte more is taken out.
    let threshold = 64
    let atThreshold = String(repeating: "QUJD", count: threshold / 4)
    let above = atThreshold + "QQ"
    #expect(atThreshold.utf8.count == threshold)
    for chunkSize in [1, 3, 64, 4096] {
      let same = Array(#"{"data":[{"b64_json":"\#(atThreshold)"}]}"#.utf8)
      let kept = try extract(same, threshold: threshold, chunkSize: chunkSize)
      #expect(kept.reduced == same && kept.blobs.isEmpty, "chunk \(chunkSize)")
      let taken = try extract(Array(#"{"data":[{"b64_json":"\#(above)"}]}"#.utf8), threshold: threshold, chunkSize: chunkSize)
      #expect(taken.blobs.entries.map(\.bytes) == [Array((String(repeating: "ABC", count: threshold / 4) + "A").utf8)], "chunk \(chunkSize)")
      #expect(taken.blobs.entries.first?.isDataURL == false)
    }
  }

  @Test(arguments: [
    "AAAA!AAAA",  // a character outside the alphabet
    "AAAAA",  // one character left over
    "AAAA=AAA",  // data after padding
    #"AAAA\"AAAA"#,  // an escaped quote
    #"AAAA\u0041AAA"#,  // a \u escape (not taken, though it would decode)
  ])
  func invalidBase64StaysAndGivesTheSameError(_ flaw: String) throws {
    let padding = String(repeating: "iVBO", count: 40)
    let body = Array(chat(#"{"images":[{"image_url":{"url":"data:image/png;base64,\#(padding)\#(flaw)\#(padding)"}}]}"#).utf8)
    for chunkSize in [1, 5, 64, 1 << 20] {
      let extracted = try extract(body, threshold: 32, chunkSize: chunkSize)
      #expect(extracted.reduced == body, "chunk \(chunkSize)")
      #expect(extracted.blobs.isEmpty)
    }
    if !flaw.contains(#"\u0041"#) {
      let whole = ResponseParser.parse(status: 200, body: body, transport: .chat)
      #expect(whole == .failure(.unusable(status: 200, code: "invalid_image", message: "response image is not valid base64")))
    }
    try expectSameReading(body, threshold: 32, chunkSizes: [1, 7, 1 << 20])
  }

  @Test func invalidBase64InALargeRealisticImageIsOneLineError() throws {
    var payload = Data(imageBytes(400_000)).base64EncodedString()
    payload.insert("*", at: payload.index(payload.startIndex, offsetBy: 350_000))
    let body = Array(chat(#"{"images":[{"image_url":{"url":"data:image/png;base64,\#(payload)"}}]}"#).utf8)
    let extracted = try extract(body, threshold: 256 * 1024, chunkSize: 1 << 16)
    #expect(extracted.reduced == body && extracted.blobs.isEmpty)
    let json = try JSONParser().parse(extracted.reduced)
    let result = ResponseParser.parse(status: 200, json: json, transport: .chat, blobs: extracted.blobs)
    #expect(result == .failure(.unusable(status: 200, code: "invalid_image", message: "response image is not valid base64")))
  }

  @Test func quotesAndBackslashesInsideStringsAndKeys() throws {
    // Keys and values with escaped quotes and backslashes must not end the string early; a large
    // text with quotes stays as it is; the image after them is still found.
    let text = String(repeating: #"say \"hi\" \\ "#, count: 20)
    let bytes = imageBytes(300, seed: 3)
    let body = Array(
      chat(
        #"{"content":[{"type":"text","text":"\#(text)"},{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(escapedBase64(bytes))"}}],"#
          + #""we\"ird\\key":"\"url\":\"data:image/png;base64,AAAA\""}"#
      ).utf8)
    for chunkSize in [1, 2, 3, 9, 1 << 20] {
      let extracted = try extract(body, threshold: 32, chunkSize: chunkSize)
      #expect(extracted.blobs.entries.map(\.bytes) == [bytes], "chunk \(chunkSize)")
    }
    try expectSameReading(body, threshold: 32, chunkSizes: [1, 4, 1 << 20])
    let response = try ResponseParser.parse(status: 200, body: body, transport: .chat).get()
    #expect(response.text?.hasPrefix(#"say "hi" \ "#) == true)
  }

  @Test func onlyImagePositionsAreTakenOut() async throws {
    let dataURL = "data:image/png;base64," + Data(imageBytes(200, seed: 11)).base64EncodedString()
    let raw = Data(imageBytes(200, seed: 12)).base64EncodedString()
    // Text fields, errors, usage and raw base64 outside payload fields stay as they are.
    let kept = [
      #"{"id":"\#(dataURL)","choices":[]}"#,
      #"{"error":{"message":"\#(dataURL)","metadata":{"raw":{"url":"\#(dataURL)"}}}}"#,
      #"{"usage":{"images":["\#(dataURL)"]},"choices":[]}"#,
      chat(#"{"content":"\#(raw)"}"#),
      chat(#"{"images":[{"image_url":{"url":"\#(raw)"}}]}"#),
      chat(#"{"images":[{"type":"image","data":"\#(raw)","mime_type":"image/png"}]}"#),
      chat(#"{"images":["data:text/plain;base64,\#(raw)"]}"#),
    ]
    for json in kept {
      let body = Array(json.utf8)
      let extracted = try extract(body, threshold: 32, chunkSize: 5)
      #expect(extracted.blobs.isEmpty && extracted.reduced == body, "\(json.prefix(60))")
    }
    // Payload fields are.
    let taken = [
      chat(#"{"images":["\#(raw)"]}"#),
      chat(#"{"content":[{"inline_data":{"mime_type":"image/png","data":"\#(raw)"}}]}"#),
      chat(#"{"content":"\#(dataURL)"}"#),
      chat(#"{"content":["\#(dataURL)"]}"#),
      #"{"data":[{"b64_json":"\#(raw)","revised_prompt":"ok"}]}"#,
      #"{"data":[{"url":"\#(dataURL)"}]}"#,
    ]
    for json in taken {
      let body = Array(json.utf8)
      let extracted = try extract(body, threshold: 32, chunkSize: 5)
      #expect(extracted.blobs.entries.count == 1, "\(json.prefix(60))")
      try expectSameReading(body, transport: json.hasPrefix(#"{"data""#) ? .images : .chat, threshold: 32, chunkSizes: [1, 3, 1 << 20])
    }
  }

  @Test func whitespaceIsTakenOnlyWherePayloadsAreDecodedWhole() throws {
    // `\n` line breaks (MIME-style base64) inside an image URL are skipped, as `ImageDecoder` does;
    // in message text `DataURLScanner` stops at a line break, so there the string stays.
    let bytes = imageBytes(400, seed: 5)
    let wrapped = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed]).replacingOccurrences(of: "\n", with: #"\n"#)
    #expect(wrapped.contains(#"\n"#))
    let url = Array(chat(#"{"images":[{"image_url":{"url":"data:image/png;base64,\#(wrapped)"}}]}"#).utf8)
    #expect(try extract(url, threshold: 64, chunkSize: 3).blobs.entries.map(\.bytes) == [bytes])
    try expectSameReading(url, threshold: 64, chunkSizes: [1, 2, 1 << 20])
    let content = Array(chat(#"{"content":"data:image/png;base64,\#(wrapped)"}"#).utf8)
    let kept = try extract(content, threshold: 64, chunkSize: 3)
    #expect(kept.blobs.isEmpty && kept.reduced == content)
    try expectSameReading(content, threshold: 64, chunkSizes: [1, 1 << 20])
  }

  @Test func textContentDataURLBecomesImageText() throws {
    let bytes = imageBytes(500, seed: 9)
    let body = Array(chat(#"{"content":[{"type":"text","text":"data:image/webp;base64,\#(Data(bytes).base64EncodedString())"}]}"#).utf8)
    let extracted = try extract(body, threshold: 64, chunkSize: 11)
    let response = try ResponseParser.parse(status: 200, json: try JSONParser().parse(extracted.reduced), transport: .chat, blobs: extracted.blobs).get()
    #expect(response.text == "[image]")
    #expect(response.images == [ImagePayload(source: .bytes(ImageBytes(bytes)), declaredMediaType: "image/webp")])
  }

  @Test func unterminatedLargeStringIsCopied() async throws {
    let body = Array(#"{"data":[{"b64_json":"\#(String(repeating: "QUJD", count: 40))"#.utf8)
    for chunkSize in [1, 6, 1 << 20] {
      let extracted = try extract(body, threshold: 32, chunkSize: chunkSize)
      #expect(extracted.reduced == body && extracted.blobs.isEmpty)
    }
  }

  @Test func errorSnippetsShowTheOriginalCharacters() throws {
    // A 2xx body without "choices": the error quotes the body's start, which the placeholder keeps.
    let body = Array(#"{"images":["data:image/png;base64,\#(Data(imageBytes(300_000)).base64EncodedString())"]}"#.utf8)
    let folder = try TemporaryFolder("reprise-extract")
    defer { folder.remove() }
    let extracted = try LargeStringExtractor(chunkSize: 1 << 16).extract(path: try folder.write("b.json", bytes: body))
    #expect(extracted.blobs.entries.count == 1)
    // The placeholder is under "images" in an object that is not a message: nothing reads it, but
    // the error message shows the same first 200 characters.
    let reading = ResponseParser.parse(status: 200, json: try JSONParser().parse(extracted.reduced), transport: .chat, blobs: extracted.blobs)
    #expect(reading == ResponseParser.parse(status: 200, body: body, transport: .chat))
  }

  @Test func largeImageWithDefaultLimits() throws {
    let bytes = imageBytes(3_000_000, seed: 21)
    let body = Array(chat(#"{"content":"Here.","images":[{"type":"image_url","image_url":{"url":"data:image/png;base64,\#(escapedBase64(bytes))"}}]}"#).utf8)
    let folder = try TemporaryFolder("reprise-extract")
    defer { folder.remove() }
    let path = try folder.write("body.json", bytes: body)
    let extracted = try LargeStringExtractor().extract(path: path)
    #expect(extracted.reduced.count < 3000)
    let json = try JSONParser().parse(extracted.reduced)
    let response = try ResponseParser.parse(status: 200, json: json, transport: .chat, blobs: extracted.blobs).get()
    #expect(response.images == [ImagePayload(source: .bytes(ImageBytes(bytes)), declaredMediaType: "image/png")])
    #expect(response.text == "Here.")
    let redacted = ResponseRedactor.redact(json, blobs: extracted.blobs)
    #expect(redacted == ResponseRedactor.redact(try JSONParser().parse(body)))
  }
}

extension LargeStringExtractorTests {
  /// The file-backed exchange and the client against `openrouter-mock`.
  @Suite struct Transfer {
    @Test func bodyFileHasNoNameAndErrorsPassThrough() async throws {
      let folder = try TemporaryFolder("reprise-exchange")
      defer { folder.remove() }
      let mock = try MockServerProcess(["--mode", "large", "--large-bytes", "400000"], logPath: folder.url("mock.log"))
      defer { mock.stop() }
      let url = try #require(URL(string: mock.baseURL + "/models"))
      let exchange = HTTPExchange(timeout: 30)
      let whole = try await exchange.send(method: "GET", url: url, headers: [:], body: nil)
      let (size, links, prefix) = try await exchange.send(method: "GET", url: url, headers: [:], body: nil) { reply in
        var info = stat()
        _ = fstat(reply.bodyFile, &info)
        return (reply.bodySize, Int(info.st_nlink), try LargeStringExtractor.prefix(ofFile: reply.bodyFile, count: 1 << 20))
      }
      #expect(size == whole.body.count && prefix == [UInt8](whole.body))
      // Unlinked from the start: nothing is left behind, even if the process dies mid-transfer.
      #expect(links == 0)
      struct Stop: Error {}
      await #expect(throws: Stop.self) {
        try await exchange.send(method: "GET", url: url, headers: [:], body: nil) { _ in throw Stop() }
      }
    }

    @Test func clientDecodesALargeImageLikeTheWholeBody() async throws {
      let folder = try TemporaryFolder("reprise-exchange")
      defer { folder.remove() }
      let mock = try MockServerProcess(["--mode", "large", "--large-bytes", "600000"], logPath: folder.url("mock.log"))
      defer { mock.stop() }
      let body = Array(#"{"model":"google/gemini-2.5-flash-image","messages":[{"role":"user","content":"probe"}],"modalities":["image","text"]}"#.utf8)
      let client = OpenRouterClient(configuration: OpenRouterConfiguration(baseURL: mock.baseURL, apiKey: "k"), timeout: 60)
      let call = await client.generate(body: body, transport: .chat, keepResponse: true)
      let response = try call.result.get()
      // The same request again, read whole.
      let url = try #require(URL(string: mock.baseURL + "/chat/completions"))
      let reply = try await HTTPExchange(timeout: 60).send(
        method: "POST", url: url, headers: OpenRouterConfiguration(baseURL: mock.baseURL, apiKey: "k").headers(json: true), body: Data(body))
      #expect(reply.body.count > 700_000)
      let whole = try ResponseParser.parse(status: reply.status, body: [UInt8](reply.body), transport: .chat).get()
      #expect(response.images == whole.images)
      #expect(call.imageBytes == whole.images.compactMap(\.bytes))
      let redacted = try #require(call.redactedResponse)
      let text = JSONWriter.canonicalString(redacted)
      #expect(!text.contains("reprise-blob") && !text.contains("iVBOR"))
      let digest = try #require(whole.images.last?.bytes).count
      #expect(text.contains(#""bytes":\#(digest)"#))
    }
  }
}
