import Foundation
import Testing
@testable import RepriseKit

/// The fixture bytes from `Tests/RepriseKitTests/Fixtures/<name>`.
private func fixture(_ name: String) throws -> [UInt8] {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
  return [UInt8](try Data(contentsOf: url))
}

private func parseFixture(_ name: String, status: Int = 200, transport: Transport = .chat) throws -> Result<GenerationResponse, OpenRouterError> {
  ResponseParser.parse(status: status, body: try fixture(name), transport: transport)
}

private func success(_ name: String, transport: Transport = .chat, sourceLocation: SourceLocation = #_sourceLocation) throws -> GenerationResponse {
  switch try parseFixture(name, transport: transport) {
  case .success(let response): return response
  case .failure(let error):
    Issue.record("\(name): expected success, got \(error)", sourceLocation: sourceLocation)
    throw error
  }
}

private func failure(_ name: String, status: Int = 200, transport: Transport = .chat, sourceLocation: SourceLocation = #_sourceLocation) throws
  -> OpenRouterError
{
  try failure(ResponseParser.parse(status: status, body: try fixture(name), transport: transport), sourceLocation: sourceLocation)
}

private struct UnexpectedSuccess: Error {}

private func failure(_ result: Result<GenerationResponse, OpenRouterError>, sourceLocation: SourceLocation = #_sourceLocation) throws -> OpenRouterError {
  switch result {
  case .failure(let error): return error
  case .success(let response):
    Issue.record("expected an error, got \(response.images.count) image(s)", sourceLocation: sourceLocation)
    throw UnexpectedSuccess()
  }
}

/// Pixel size and format of a decoded image, or nil for a remote URL / unknown bytes.
private func info(_ image: ImagePayload?) -> ImageInfo? {
  guard let bytes = image?.bytes else { return nil }
  return ImageInfo.sniff(bytes.head)
}

private let final16x9 = ImageInfo(format: .png, width: 16, height: 9)
private let preview4x4 = ImageInfo(format: .png, width: 4, height: 4)
/// The 16x9 PNG used by the fixtures, as raw base64.
private let pngBase64 = "iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAFElEQVR4nGO4Y6NBEmIY1TAoNAAAeg60AfeajPkAAAAASUVORK5CYII="

/// A minimal chat completion whose `message` is `message` (JSON text).
private func chatBody(message: String) -> [UInt8] {
  Array(#"{"id":"gen-1","model":"m","choices":[{"index":0,"finish_reason":"stop","native_finish_reason":"STOP","message":\#(message)}]}"#.utf8)
}

/// Response parsing, errors and redaction (one filterable name: `--filter ResponseParserTests`).
@Suite struct ResponseParserTests {}

extension ResponseParserTests {
  @Suite struct Fixtures {
    @Test func canonicalChat() throws {
      let response = try success("chat-canonical.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.generationID == "gen-1785930367-Ws6xHsLoXadrCLegs3Z4")
      #expect(response.model == "google/gemini-2.5-flash-image")
      #expect(response.provider == "Google")
      #expect(response.finishReason == "stop")
      #expect(response.nativeFinishReason == "STOP")
      #expect(response.text == "Here is your logo.")
      #expect(response.cost == 0.0387243)
      #expect(response.imageTokens == 1290)
      #expect(response.usage?["total_tokens"] == .int(1305))
    }

    @Test func bareDataURLStrings() throws {
      let response = try success("chat-images-bare-strings.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.text == nil)
    }

    @Test func urlWithoutWrapper() throws {
      let response = try success("chat-images-url-without-wrapper.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
    }

    @Test func contentPartImageURL() throws {
      let response = try success("chat-content-parts-image-url.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.text == "Done.")
    }

    @Test func contentPartInlineData() throws {
      let response = try success("chat-content-parts-inline-data.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.text == "Done.")
    }

    @Test func contentPartImageData() throws {
      let response = try success("chat-content-parts-image-data.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
    }

    @Test func dataURLInStringContentIsTheLastResort() throws {
      let response = try success("chat-data-url-in-string-content.json")
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.text == "Here it is: ![image]([image])")
    }

    @Test func remoteURLIsLeftToTheClient() throws {
      let response = try success("chat-remote-url.json")
      #expect(response.images == [ImagePayload(source: .remoteURL("https://example.invalid/generated/abc.png"), declaredMediaType: nil)])
    }

    @Test func previewThenFinalKeepsBothInOrder() throws {
      let response = try success("chat-preview-then-final.json")
      #expect(response.images.count == 2)
      #expect(info(response.images.first) == preview4x4)
      #expect(info(response.images.last) == final16x9)
      #expect(response.finalImage == response.images[1])
      #expect(response.model == "google/gemini-3-pro-image-preview")
    }

    @Test func imageSafetyRefusalIsNoImage() throws {
      let error = try failure("chat-refusal-image-safety.json")
      #expect(error.status == 200)
      #expect(error.code == "no_image")
      #expect(error.errorType == "IMAGE_SAFETY")
      #expect(error.retryable == false)
      #expect(
        error.message
          == "model returned no image (finish_reason: content_filter, native_finish_reason: IMAGE_SAFETY): I can't create that image, but I can describe a "
            + "safer alternative."
      )
    }

    @Test func textOnlyAnswerIsNoImage() throws {
      let error = try failure("chat-text-only-no-modalities.json")
      #expect(error.code == "no_image")
      #expect(error.errorType == "STOP")
      #expect(error.message == "model returned no image (finish_reason: stop, native_finish_reason: STOP): Imagine a crab drawn in thin vector lines...")
      #expect(error.retryable == false)
    }

    @Test func errorInsideA200Body() throws {
      let error = try failure("chat-error-in-200.json")
      #expect(error.status == 200)
      #expect(error.code == "502")
      #expect(error.message == "Provider disconnected")
      #expect(error.errorType == "provider_unavailable")
      #expect(error.providerName == "Google")
      #expect(error.retryable)
    }

    @Test func choiceErrorAfterPartialOutput() throws {
      let error = try failure("chat-choice-error.json")
      #expect(error.status == 200)
      #expect(error.code == "502")
      #expect(error.message == "Provider disconnected mid-stream")
      #expect(error.errorType == "provider_unavailable")
      #expect(error.retryable)
    }

    @Test func error400AspectRatio() throws {
      let error = try failure("error-400-aspect-ratio.json", status: 400)
      #expect(error.status == 400)
      #expect(error.code == "400")
      #expect(error.message.hasPrefix("Invalid option: expected one of \"1:1\""))
      #expect(error.retryable == false)
      #expect(error.description.hasPrefix("OpenRouter 400 (bad request): Invalid option"))
    }

    @Test func error401() throws {
      let error = try failure("error-401.json", status: 401)
      #expect(error.code == "401")
      #expect(error.message == "No auth credentials found")
      #expect(error.retryable == false)
    }

    @Test func error402Credits() throws {
      let error = try failure("error-402-credits.json", status: 402)
      #expect(error.code == "402")
      #expect(error.providerName == nil)
      #expect(error.errorType == nil)
      #expect(error.retryable == false)
      #expect(error.message.hasPrefix("This request requires more credits"))
      #expect(error.description.hasPrefix("OpenRouter 402 (credits): This request requires more credits"))
    }

    @Test func error402CodeAsString() throws {
      let error = try failure("error-402-string-code.json", status: 402)
      #expect(error.code == "402")
      #expect(error.message == "Insufficient credits")
      #expect(error.retryable == false)
      #expect(error.description == "OpenRouter 402 (credits): Insufficient credits")
    }

    @Test func error403Moderation() throws {
      let error = try failure("error-403-moderation.json", status: 403)
      #expect(error.code == "403")
      #expect(error.message == "Input flagged by moderation")
      #expect(error.providerName == "OpenAI")
      #expect(error.retryable == false)
      #expect(error.description == "OpenRouter 403 (forbidden): Input flagged by moderation [provider: OpenAI]")
    }

    @Test func error404Modalities() throws {
      let error = try failure("error-404-modalities.json", status: 404)
      #expect(error.code == "404")
      #expect(error.message == "No endpoints found that support the requested output modalities: image, text")
      #expect(error.retryable == false)
    }

    @Test func error429RateLimit() throws {
      let error = try failure("error-429-rate-limit.json", status: 429)
      #expect(error.code == "429")
      #expect(error.message == "Rate limit exceeded: free-models-per-min.")
      #expect(error.retryable)
      #expect(error.retryAfterSeconds == nil)
    }

    @Test func error502Provider() throws {
      let error = try failure("error-502-provider.json", status: 502)
      #expect(error.code == "502")
      #expect(error.raw == "Base64 decoding failed")
      #expect(error.providerName == "Google")
      #expect(error.errorType == "provider_unavailable")
      #expect(error.retryable)
      #expect(error.description == "OpenRouter 502 (provider_unavailable): Provider returned error: Base64 decoding failed [provider: Google]")
    }

    @Test func error503AvailabilityIsRetryableAfter() throws {
      let error = try failure("error-503-availability.json", status: 503)
      #expect(error.code == "503")
      #expect(error.message == "No available provider")
      #expect(error.errorType == "temporarily_unavailable")
      #expect(error.retryable)
      #expect(error.retryAfterSeconds == 2)
    }

    @Test func imagesAPISuccess() throws {
      let response = try success("images-api-success.json", transport: .images)
      #expect(response.images.count == 1)
      #expect(info(response.images.last) == final16x9)
      #expect(response.images[0].declaredMediaType == "image/png")
      #expect(response.cost == 0.04)
      #expect(response.generationID == nil)
      #expect(response.finishReason == nil)
    }

    @Test func imagesAPIWithoutMediaTypeLeavesSniffingToTheCaller() throws {
      let response = try success("images-api-no-media-type.json", transport: .images)
      #expect(response.images.count == 1)
      #expect(response.images[0].declaredMediaType == nil)
      #expect(info(response.images.last) == final16x9)
      #expect(response.cost == 0.04)
    }
  }
}

extension ResponseParserTests {
  @Suite struct EdgeCases {
    @Test func bareRawBase64String() throws {
      let result = ResponseParser.parse(status: 200, body: chatBody(message: #"{"content":null,"images":["\#(pngBase64)"]}"#), transport: .chat)
      let response = try result.get()
      #expect(response.images.count == 1)
      #expect(response.images[0].declaredMediaType == nil)
      #expect(info(response.images[0]) == final16x9)
    }

    @Test func base64WithLineBreaksAndNoPadding() throws {
      var wrapped = String(pngBase64.dropLast())  // drop the "=" padding
      wrapped.insert(contentsOf: "\\r\\n ", at: wrapped.index(wrapped.startIndex, offsetBy: 40))
      let body = chatBody(message: #"{"images":[{"image_url":{"url":"data:image/png;base64,\#(wrapped)"}}]}"#)
      let response = try ResponseParser.parse(status: 200, body: body, transport: .chat).get()
      #expect(info(response.images[0]) == final16x9)
    }

    @Test func invalidBase64IsAnErrorNotACrash() throws {
      let body = chatBody(message: #"{"images":[{"image_url":{"url":"data:image/png;base64,iVBOR!!not*base64"}}]}"#)
      let error = try failure(ResponseParser.parse(status: 200, body: body, transport: .chat))
      #expect(error.status == 200)
      #expect(error.code == "invalid_image")
      #expect(error.message == "response image is not valid base64")
      #expect(error.retryable == false)
    }

    @Test func invalidBase64InImagesAPI() throws {
      let body = Array(#"{"data":[{"b64_json":"a"}]}"#.utf8)
      let error = try failure(ResponseParser.parse(status: 200, body: body, transport: .images))
      #expect(error.code == "invalid_image")
    }

    @Test func nonJSON200Body() throws {
      let error = try failure(ResponseParser.parse(status: 200, body: Array("<html>gateway hiccup</html>".utf8), transport: .chat))
      #expect(error.status == 200)
      #expect(error.code == "invalid_response")
      #expect(error.retryable == false)
      #expect(error.message.contains("<html>gateway hiccup</html>"))
    }

    @Test func html404Body() throws {
      let html =
        "<!DOCTYPE html>\n<html>\n  <head><title>404 Not Found</title></head>\n  <body>\n" + String(repeating: "<p>nothing here</p>\n", count: 40)
        + "</body></html>"
      let error = try failure(ResponseParser.parse(status: 404, body: Array(html.utf8), transport: .images))
      #expect(error.status == 404)
      #expect(error.code == nil)
      #expect(error.retryable == false)
      #expect(error.message.hasPrefix("HTTP 404: <!DOCTYPE html> <html> <head><title>404 Not Found</title></head> <body> <p>nothing here</p>"))
      #expect(!error.message.contains("\n"))
      #expect(error.message.count <= "HTTP 404: ".count + 200)
      #expect(!error.description.contains("\n"))
    }

    @Test func nonJSON503IsRetryable() throws {
      let error = try failure(ResponseParser.parse(status: 503, body: Array("Service Unavailable".utf8), transport: .chat))
      #expect(error.message == "HTTP 503: Service Unavailable")
      #expect(error.retryable)
    }

    @Test func availabilityErrorWithTypeInsideError() throws {
      let body = Array(
        (#"{"error":{"message":"acme/fake-1.0 is not a valid model ID","error_type":"model_not_found","http_status":400,"#
          + #""availability":{"code":"model_not_found","retryable":false}}}"#)
          .utf8)
      let error = try failure(ResponseParser.parse(status: 400, body: body, transport: .chat))
      #expect(error.code == nil)
      #expect(error.errorType == "model_not_found")
      #expect(error.retryable == false)
    }

    @Test func retryableAvailabilityOnANonRetryableStatus() throws {
      let body = Array(#"{"error":{"code":429,"message":"capacity","availability":{"code":"capacity_exhausted","retryable":true,"retry_after":1.5}}}"#.utf8)
      let error = try failure(ResponseParser.parse(status: 404, body: body, transport: .chat))
      #expect(error.retryable)
      #expect(error.retryAfterSeconds == 1.5)
      #expect(error.errorType == "capacity_exhausted")
    }

    @Test func emptyMessageHasNoText() throws {
      let error = try failure(ResponseParser.parse(status: 200, body: chatBody(message: #"{"content":"","images":[]}"#), transport: .chat))
      #expect(error.message == "model returned no image (finish_reason: stop, native_finish_reason: STOP): no text")
    }

    @Test func noImageTextIsCutTo200Characters() throws {
      let long = String(repeating: "abcdefghij", count: 50)
      let error = try failure(ResponseParser.parse(status: 200, body: chatBody(message: #"{"content":"\#(long)"}"#), transport: .chat))
      #expect(error.message.hasSuffix("): " + String(long.prefix(200))))
    }

    @Test func textPartsAreJoinedAndImagesFromBothSourcesKept() throws {
      let message = #"""
        {"images":[{"image_url":{"url":"data:image/png;base64,\#(pngBase64)"}}],
         "content":[{"type":"text","text":"one"},{"type":"image","data":"\#(pngBase64)","mime_type":"image/png"},{"type":"text","text":"two"}]}
        """#
      let response = try ResponseParser.parse(status: 200, body: chatBody(message: message), transport: .chat).get()
      #expect(response.images.count == 2)
      #expect(response.text == "one\ntwo")
    }

    @Test func bodyShapeWinsOverTransport() throws {
      let response = try success("images-api-success.json", transport: .chat)
      #expect(response.images.count == 1)
    }

    @Test func largeResponseIsDecodedQuickly() throws {
      // ~24 MB body: one image of 18 MB (random-ish bytes behind a PNG signature).
      var bytes = [UInt8](repeating: 0, count: 18_000_000)
      var state: UInt32 = 2_463_534_242
      for i in bytes.indices {
        state ^= state << 13; state ^= state >> 17; state ^= state << 5
        bytes[i] = UInt8(truncatingIfNeeded: state)
      }
      bytes.replaceSubrange(0..<24, with: ImageBytes.pngHeader(width: 4000, height: 3000))
      let body = chatBody(message: #"{"images":[{"image_url":{"url":"data:image/png;base64,\#(Data(bytes).base64EncodedString())"}}]}"#)
      #expect(body.count > 24_000_000)
      let clock = ContinuousClock()
      var response: GenerationResponse?
      let elapsed = clock.measure { response = try? ResponseParser.parse(status: 200, body: body, transport: .chat).get() }
      #expect(try response?.images.first?.bytes?.contents() == bytes)
      #expect(elapsed < .seconds(10))
    }
  }
}

extension ResponseParserTests {
  @Suite struct Errors {
    @Test func descriptionIsOneBoundedLine() {
      let error = OpenRouterError(
        status: 502, code: "502", message: "Provider returned error\n\nline two\tand\r\nthree " + String(repeating: "x", count: 2000),
        errorType: "provider_unavailable", providerName: "Google\nAI Studio", raw: "upstream\nsaid no", retryable: true, retryAfterSeconds: nil)
      let text = error.description
      #expect(!text.contains("\n") && !text.contains("\r") && !text.contains("\t"))
      #expect(text.count <= 300)
      #expect(text.hasPrefix("OpenRouter 502 (provider_unavailable): Provider returned error line two and three xxx"))
      #expect(text.hasSuffix("… [provider: Google AI Studio]"))
    }

    @Test func descriptionOfErrorsInsideSuccess() throws {
      let error = try failure("chat-choice-error.json")
      #expect(error.description == "OpenRouter 200 (502, provider_unavailable): Provider disconnected mid-stream")
      let transport = OpenRouterError(
        status: 0, code: "timeout", message: "request timed out", errorType: "timeout", providerName: nil, raw: nil, retryable: true, retryAfterSeconds: nil)
      #expect(transport.description == "OpenRouter (timeout): request timed out")
    }

    @Test func jsonHasEveryFieldWithExplicitNulls() throws {
      let error = try failure("error-402-credits.json", status: 402)
      guard case .object(let members) = error.json else {
        Issue.record("not an object")
        return
      }
      #expect(Set(members.keys) == ["status", "code", "message", "error_type", "retryable", "provider_name", "raw"])
      #expect(members["status"] == .int(402))
      #expect(members["code"] == .string("402"))
      #expect(members["error_type"] == .null)
      #expect(members["provider_name"] == .null)
      #expect(members["raw"] == .null)
      #expect(members["retryable"] == .bool(false))
    }

    @Test(arguments: [
      (408, true), (429, true), (500, true), (502, true), (503, true), (524, true), (529, true), (400, false), (401, false), (402, false), (404, false),
      (200, false), (504, false),
    ])
    func retryableStatuses(status: Int, retryable: Bool) {
      #expect(OpenRouterError.isRetryableStatus(status) == retryable)
    }
  }
}

extension ResponseParserTests {
  @Suite struct Redactor {
    @Test(arguments: [
      "chat-canonical.json", "chat-images-bare-strings.json", "chat-images-url-without-wrapper.json", "chat-content-parts-image-url.json",
      "chat-content-parts-inline-data.json", "chat-content-parts-image-data.json", "chat-data-url-in-string-content.json",
      "chat-preview-then-final.json", "images-api-success.json", "images-api-no-media-type.json",
    ])
    func replacesEveryPayload(_ name: String) throws {
      let body = try fixture(name)
      let redacted = ResponseRedactor.redact(try JSONParser().parse(body))
      let text = JSONWriter.canonicalString(redacted)
      #expect(!text.contains("iVBOR"))
      #expect(!text.contains("invalid_base64"))
      // Every image the parser found is accounted for by a digest of its bytes.
      let images = try ResponseParser.parse(status: 200, body: body, transport: name.hasPrefix("images-") ? .images : .chat).get().images
      for image in images {
        let bytes = try #require(image.bytes)
        let digest = #""bytes":\#(bytes.count),"sha256":"\#(bytes.sha256)""#
        // Inside text (the markdown case) the digest's quotes are escaped.
        #expect(text.contains(digest) || text.contains(digest.replacingOccurrences(of: "\"", with: "\\\"")))
      }
    }

    @Test func digestReplacesTheWholeDataURL() throws {
      let redacted = ResponseRedactor.redact(try JSONParser().parse(try fixture("chat-canonical.json")))
      let url = redacted["choices"]?.arrayValue?.first?["message"]?["images"]?.arrayValue?.first?["image_url"]?["url"]
      let bytes = try #require(LenientBase64.decode(pngBase64))
      #expect(url == .object(["sha256": .string(SHA256.hash(bytes).hexString), "bytes": .int(Int64(bytes.count))]))
      #expect(redacted["usage"] == (try JSONParser().parse(try fixture("chat-canonical.json")))["usage"])
      #expect(redacted["choices"]?.arrayValue?.first?["message"]?["content"] == .string("Here is your logo."))
    }

    @Test func keepsTextAroundAnEmbeddedDataURL() throws {
      let redacted = ResponseRedactor.redact(try JSONParser().parse(try fixture("chat-data-url-in-string-content.json")))
      let content = try #require(redacted["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue)
      let bytes = try #require(LenientBase64.decode(pngBase64))
      #expect(content == #"Here it is: ![image]({"bytes":\#(bytes.count),"sha256":"\#(SHA256.hash(bytes).hexString)"})"#)
    }

    @Test func keepsRemoteURLsAndRemovesInvalidPayloads() {
      let value: JSONValue = .object([
        "images": .array([.string("https://example.invalid/a.png"), .string("not base64!")]),
        "data": .array([.object(["b64_json": .string("%%%")])]),
      ])
      let redacted = ResponseRedactor.redact(value)
      #expect(redacted["images"]?.arrayValue?.first == .string("https://example.invalid/a.png"))
      #expect(redacted["images"]?.arrayValue?.last?["invalid_base64"] == .bool(true))
      #expect(redacted["data"]?.arrayValue?.first?["b64_json"]?["invalid_base64"] == .bool(true))
    }
  }
}

/// Helpers to build image bytes in tests.
private enum ImageBytes {
  /// A PNG signature and IHDR chunk header for `width`x`height` (24 bytes).
  static func pngHeader(width: Int, height: Int) -> [UInt8] {
    var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
    for value in [width, height] {
      bytes += [
        UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value),
      ]
    }
    return bytes
  }
}
