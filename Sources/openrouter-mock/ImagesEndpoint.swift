import Foundation

/// `POST /api/v1/images`, OpenRouter's dedicated Image API: `data[].b64_json` answers, failures as 502.
struct ImagesEndpoint: Sendable {
  let services: MockServices

  func handle(_ request: HTTPRequest, started: Date) -> HTTPResponse {
    guard let body = JSONValue.parse(request.body), body.objectMembers != nil else {
      return OpenRouterErrors.badRequest("Invalid JSON body")
    }
    guard let modelID = body["model"]?.stringValue, !modelID.isEmpty else {
      return OpenRouterErrors.badRequest("Invalid input: expected string, received undefined (model)")
    }
    guard let model = ModelCatalog.model(id: modelID) else { return OpenRouterErrors.invalidModel(modelID) }
    guard model.producesImages else {
      return OpenRouterErrors.badRequest("\(modelID) does not support image generation; use /api/v1/chat/completions", errorType: "wrong_endpoint")
    }
    guard let prompt = body["prompt"]?.stringValue, !prompt.isEmpty else {
      return OpenRouterErrors.badRequest("Too small: expected string to have >=1 characters (prompt)")
    }
    // As OpenRouter: only what the model's endpoint publishes in supported_parameters.
    guard let endpoint = ImageAPICatalog.endpoint(for: model) else {
      return .json(404, ["error": ["code": 404, "message": .string("No endpoints found for \(modelID) on the Image API")]])
    }
    if let refusal = ImageAPICatalog.refusal(body, endpoint: endpoint, model: modelID) { return refusal }
    if let only = body["provider"]?["only"]?.arrayValue?.compactMap(\.stringValue), !only.isEmpty,
      !only.contains(where: { $0.lowercased() == endpoint.providerSlug || $0.lowercased() == endpoint.providerName.lowercased() })
    {
      return .json(404, ["error": ["code": 404, "message": .string("No allowed providers are available for the selected model.")]])
    }
    let outputFormat = body["output_format"]?.stringValue ?? endpoint.defaultFormat
    var aspectRatio: String?
    if let value = body["aspect_ratio"], !value.isNull {
      guard let ratio = value.stringValue, ModelCatalog.imageAPIAspectRatios.contains(ratio) else {
        return OpenRouterErrors.invalidOption(ModelCatalog.imageAPIAspectRatios, parameter: "aspect_ratio")
      }
      aspectRatio = ratio
    }
    var resolution: String?
    if let value = body["resolution"], !value.isNull {
      guard let tier = value.stringValue, ModelCatalog.imageAPIResolutions.contains(tier) else {
        return OpenRouterErrors.invalidOption(ModelCatalog.imageAPIResolutions, parameter: "resolution")
      }
      resolution = tier
    }
    var count = 1
    if let value = body["n"], !value.isNull {
      guard let n = value.intValue, (1...10).contains(n) else {
        return OpenRouterErrors.badRequest("Invalid input: n must be an integer between 1 and 10")
      }
      count = n
    }
    var references: [String] = []
    for item in body["input_references"]?.arrayValue ?? [] {
      if let url = item["image_url"]?["url"]?.stringValue ?? item["image_url"]?.stringValue ?? item.stringValue {
        references.append(url)
      }
    }
    let job = ImageJob(
      model: model, prompt: prompt, seed: body["seed"]?.intValue, aspectRatio: aspectRatio, sizeTier: resolution,
      referenceURLs: references, maxTokens: nil)
    if job.hasUndecodableReference { return OpenRouterErrors.base64DecodingFailed(provider: model.providerName) }

    let configuration = services.configuration
    if let status = services.failures.injectedStatus(for: job.attemptKey) {
      return services.failures.answer(started: started) {
        OpenRouterErrors.failure(status: status, model: model, retryAfter: configuration.retryAfterSeconds, prompt: prompt)
      }
    }
    let mode = job.mode(default: configuration.mode)
    // The delay runs while the answer is made (see FailureInjector).
    return services.failures.answer(started: started) { () -> HTTPResponse in
      if let refusal = OpenRouterErrors.limit(mode, retryAfter: configuration.retryAfterSeconds) { return refusal }
      switch mode {
      case .status(let status):
        return OpenRouterErrors.failure(status: status, model: model, retryAfter: configuration.retryAfterSeconds, prompt: prompt)
      case .credits: return OpenRouterErrors.credits(maxTokens: nil)
      case .creditsStringCode: return OpenRouterErrors.creditsStringCode()
      case .moderation: return OpenRouterErrors.moderation(prompt: prompt, model: model)
      case .errorIn200, .choiceError:
        return OpenRouterErrors.imageGenerationFailed(model: model, reason: "Provider disconnected mid-generation", errorType: "provider_unavailable")
      case .refusal:
        return OpenRouterErrors.imageGenerationFailed(model: model, reason: "IMAGE_SAFETY: the image was blocked by the provider", errorType: "refusal")
      case .textOnly:
        return OpenRouterErrors.imageGenerationFailed(model: model, reason: "NO_IMAGE: the model returned no image", errorType: "provider_unavailable")
      default: break
      }

      let size = job.pixelSize
      var data: [JSONValue] = []
      for index in 0..<count {
        let bytes: [UInt8]
        switch mode {
        case .jpeg: bytes = SampleJPEG.bytes
        case _ where outputFormat == "jpeg": bytes = SampleJPEG.bytes
        case .large: bytes = services.synthesizer.large(targetBytes: configuration.largeBytes, fingerprint: job.fingerprint)
        default:
          bytes = services.synthesizer.png(width: size.width, height: size.height, fingerprint: job.fingerprint, seed: (job.seed ?? 0) &+ index)
        }
        let mediaType = bytes.starts(with: [0xFF, 0xD8]) ? "image/jpeg" : "image/png"
        data.append(["b64_json": .verbatim(Data(bytes).base64EncodedString()), "media_type": .string(mediaType)])
      }

      // Image API ids are `gen-img-…`.
      let id = services.registry.nextID().replacingOccurrences(of: "gen-", with: "gen-img-")
      let imageTokens = model.imageTokens(size: job.tokenTier) * count
      let promptTokens = job.promptTokens
      let cost = model.cost(promptTokens: job.promptTokens, textTokens: 0, imageTokens: imageTokens, images: count)
      services.registry.record(
        GenerationRecord(
          id: id, model: model, apiType: "image", createdAt: started, latencyMs: Int(Date().timeIntervalSince(started) * 1000),
          promptTokens: job.promptTokens, completionTokens: imageTokens, imageTokens: imageTokens, reasoningTokens: 0, images: count,
          promptImages: references.count, finishReason: "stop", nativeFinishReason: "STOP", cost: cost))
      let answer: JSONValue = [
        "created": .int(Int(Date().timeIntervalSince1970)),
        "data": .array(data),
        // A cache hit bills nothing (every usage counter 0); BYOK bills only OpenRouter's fee.
        "usage": mode.usage([
          "prompt_tokens": .int(promptTokens),
          "completion_tokens": .int(imageTokens),
          "total_tokens": .int(promptTokens + imageTokens),
          "completion_tokens_details": ["image_tokens": .int(imageTokens)],
          "cost": .double(cost),
          "is_byok": false,
        ]),
      ]
      // As OpenRouter's Image API: the generation id and provider only in headers, never in the body.
      var response = HTTPResponse.json(
        200, answer, headers: [("X-Generation-Id", id), ("X-Provider-Name", endpoint.providerName)] + mode.cacheHeaders)
      switch mode {
      case .closeMidBody: response.delivery = .closeMidBody
      case .stall: response.delivery = .stall(seconds: configuration.stallSeconds)
      default: break
      }
      return response
    }
  }
}
