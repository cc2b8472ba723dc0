/// Reads OpenRouter response bodies (chat completions and `POST /images`) into a
/// `GenerationResponse` or an `OpenRouterError`. Never throws and never traps: every body,
/// however malformed, becomes one of the two.
package enum ResponseParser {
  /// Parses an HTTP response body from chat completions or POST /images.
  ///
  /// - Parameters:
  ///   - status: the HTTP status code.
  ///   - body: the raw response body.
  ///   - transport: the endpoint that answered; the body's shape (`choices` or `data`) wins when
  ///     it says otherwise.
  /// - Returns: every image found with the response metadata, or the error to report.
  package static func parse(status: Int, body: [UInt8], transport: Transport) -> Result<GenerationResponse, OpenRouterError> {
    let value: JSONValue
    do {
      value = try JSONParser(maxDepth: 128).parse(body)
    } catch {
      if (200..<300).contains(status) {
        let detail = body.isEmpty ? "response body is empty" : "response is not JSON (\(error)): \(snippet(body))"
        return .failure(.unusable(status: status, code: "invalid_response", message: detail))
      }
      return .failure(httpError(status: status, body: body))
    }
    return parse(status: status, json: value, transport: transport, body: body)
  }

  /// Parses a body that was already parsed as JSON, so a caller that also keeps a redacted copy
  /// (`ResponseRedactor`) parses the body only once.
  ///
  /// - Parameters:
  ///   - status: the HTTP status code.
  ///   - json: the parsed body.
  ///   - transport: the endpoint that answered.
  /// - Returns: every image found with the response metadata, or the error to report.
  package static func parse(status: Int, json: JSONValue, transport: Transport) -> Result<GenerationResponse, OpenRouterError> {
    parse(status: status, json: json, transport: transport, body: nil)
  }

  /// Parses a body whose large image strings `LargeStringExtractor` took out: the placeholders in
  /// `json` stand for the payloads in `blobs`, and the result is what parsing the whole body gives.
  ///
  /// - Parameters:
  ///   - status: the HTTP status code.
  ///   - json: the parsed reduced body.
  ///   - transport: the endpoint that answered.
  ///   - blobs: the decoded payloads.
  /// - Returns: every image found with the response metadata, or the error to report.
  package static func parse(status: Int, json: JSONValue, transport: Transport, blobs: ResponseBlobs) -> Result<GenerationResponse, OpenRouterError> {
    parse(status: status, json: json, transport: transport, body: nil, blobs: blobs)
  }

  private static func parse(status: Int, json: JSONValue, transport: Transport, body: [UInt8]?, blobs: ResponseBlobs = ResponseBlobs()) -> Result<
    GenerationResponse, OpenRouterError
  > {
    guard (200..<300).contains(status) else {
      if let error = json["error"], !error.isNull {
        return .failure(OpenRouterError(envelope: error, status: status, insideSuccess: false))
      }
      if let message = json["message"]?.stringValue, !message.isEmpty {
        return .failure(OpenRouterError(envelope: .object(["message": .string(message)]), status: status, insideSuccess: false))
      }
      return .failure(httpError(status: status, body: body ?? JSONWriter.canonical(json)))
    }
    guard case .object(let root) = json else {
      return .failure(.unusable(status: status, code: "invalid_response", message: "response is a JSON \(json.kindName), not an object"))
    }
    let choices = root["choices"]?.arrayValue
    let data = root["data"]?.arrayValue
    if let error = root["error"], !error.isNull, choices?.isEmpty ?? true, data?.isEmpty ?? true {
      return .failure(OpenRouterError(envelope: error, status: status, insideSuccess: true, fallbackProvider: root["provider"]?.stringValue))
    }
    let reading: Result<Reading, OpenRouterError>
    if choices != nil {
      reading = readChat(root, status: status, blobs: blobs)
    } else if data != nil {
      reading = readImages(root, status: status, blobs: blobs)
    } else {
      let expected = transport == .chat ? "choices" : "data"
      return .failure(.unusable(status: status, code: "invalid_response", message: "response has no \"\(expected)\": \(snippet(JSONWriter.canonical(json)))"))
    }
    return reading.flatMap { reading in
      if reading.images.isEmpty {
        if let error = root["error"], !error.isNull {
          return .failure(OpenRouterError(envelope: error, status: status, insideSuccess: true, fallbackProvider: root["provider"]?.stringValue))
        }
        return .failure(noImage(status: status, reading: reading))
      }
      let usage = root["usage"].flatMap { $0.isNull ? nil : $0 }
      return .success(
        GenerationResponse(
          images: reading.images, generationID: root["id"]?.stringValue, model: root["model"]?.stringValue,
          provider: root["provider"]?.stringValue, finishReason: reading.finishReason,
          nativeFinishReason: reading.nativeFinishReason, text: reading.text, cost: usage?["cost"]?.doubleValue,
          imageTokens: usage?["completion_tokens_details"]?["image_tokens"]?.intValue.map { Int($0) }, usage: usage))
    }
  }

  /// What one of the two response shapes yielded.
  struct Reading {
    var images: [ImagePayload] = []
    var text: String?
    var finishReason: String?
    var nativeFinishReason: String?
  }

  /// The error for a 2xx response without any image.
  private static func noImage(status: Int, reading: Reading) -> OpenRouterError {
    let text = reading.text.map { String($0.prefix(200)) } ?? ""
    let message =
      "model returned no image (finish_reason: \(reading.finishReason ?? "none"), native_finish_reason: \(reading.nativeFinishReason ?? "none")): "
      + (text.isEmpty ? "no text" : text)
    return .unusable(status: status, code: "no_image", message: message, errorType: reading.nativeFinishReason)
  }

  /// The error for a non-2xx body that is not OpenRouter's JSON envelope (e.g. an HTML page).
  private static func httpError(status: Int, body: [UInt8]) -> OpenRouterError {
    OpenRouterError(
      status: status, code: nil, message: "HTTP \(status): " + (body.isEmpty ? "empty body" : snippet(body)),
      errorType: nil, providerName: nil, raw: nil, retryable: OpenRouterError.isRetryableStatus(status), retryAfterSeconds: nil)
  }

  /// The first 200 characters of a body, whitespace collapsed.
  static func snippet(_ body: [UInt8]) -> String {
    TextSnippet.collapsed(String(decoding: body.prefix(2048), as: UTF8.self), limit: 200)
  }
}
