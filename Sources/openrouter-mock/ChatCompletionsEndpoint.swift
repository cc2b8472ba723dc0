import Foundation

/// `POST /api/v1/chat/completions`: validates like OpenRouter, then answers in the shape the mode asks for.
struct ChatCompletionsEndpoint: Sendable {
  let services: MockServices

  func handle(_ request: HTTPRequest, started: Date) -> HTTPResponse {
    guard let body = JSONValue.parse(request.body), body.objectMembers != nil else {
      return OpenRouterErrors.badRequest("Invalid JSON body")
    }
    guard let modelID = body["model"]?.stringValue, !modelID.isEmpty else {
      return OpenRouterErrors.badRequest("Invalid input: expected string, received undefined (model)")
    }
    guard let model = ModelCatalog.model(id: modelID) else { return OpenRouterErrors.invalidModel(modelID) }
    guard let messages = body["messages"]?.arrayValue, !messages.isEmpty else {
      return OpenRouterErrors.badRequest("Input required: specify \"prompt\" or \"messages\"")
    }

    var texts: [String] = []
    var references: [String] = []
    for message in messages where (message["role"]?.stringValue ?? "user") == "user" {
      if let text = message["content"]?.stringValue {
        texts.append(text)
      } else if let parts = message["content"]?.arrayValue {
        for part in parts {
          if let text = part["text"]?.stringValue, part["type"]?.stringValue ?? "text" == "text" {
            texts.append(text)
          } else if let url = part["image_url"]?["url"]?.stringValue ?? part["image_url"]?.stringValue {
            references.append(url)
          }
        }
      }
    }

    var aspectRatio: String?
    var imageSize: String?
    if let config = body["image_config"], !config.isNull {
      if let value = config["aspect_ratio"], !value.isNull {
        let allowed = ModelCatalog.chatAspectRatios(for: model)
        guard let ratio = value.stringValue, allowed.contains(ratio) else {
          return OpenRouterErrors.invalidOption(allowed, parameter: "image_config.aspect_ratio")
        }
        aspectRatio = ratio
      }
      if let value = config["image_size"], !value.isNull {
        let allowed = ModelCatalog.chatImageSizes(for: model)
        guard let size = value.stringValue, allowed.contains(size) else {
          return OpenRouterErrors.invalidOption(allowed, parameter: "image_config.image_size")
        }
        imageSize = size
      }
    }

    var requested = ["text"]
    if let value = body["modalities"], !value.isNull {
      let known = ["text", "image", "audio"]
      guard let items = value.arrayValue, !items.isEmpty else {
        return OpenRouterErrors.badRequest("Invalid input: expected array, received \(value.serializedString())")
      }
      requested = []
      for item in items {
        guard let name = item.stringValue, known.contains(name) else {
          return OpenRouterErrors.invalidOption(known, parameter: "modalities")
        }
        requested.append(name)
      }
    }
    guard model.servedOnChat, Set(requested).isSubset(of: Set(model.outputModalities)) else {
      return OpenRouterErrors.noEndpoints(modalities: requested)
    }

    let job = ImageJob(
      model: model, prompt: texts.joined(separator: "\n"), seed: body["seed"]?.intValue, aspectRatio: aspectRatio,
      sizeTier: imageSize, referenceURLs: references, maxTokens: body["max_tokens"]?.intValue)
    if job.hasUndecodableReference { return OpenRouterErrors.base64DecodingFailed(provider: model.providerName) }

    guard requested.contains("image") else {
      return services.failures.answer(started: started) {
        textAnswer(job, started: started, text: "I can describe it instead: \(describe(job.prompt))", finish: ("stop", "STOP"))
      }
    }

    let configuration = services.configuration
    if let status = services.failures.injectedStatus(for: job.attemptKey) {
      return services.failures.answer(started: started) {
        OpenRouterErrors.failure(status: status, model: model, retryAfter: configuration.retryAfterSeconds, maxTokens: job.maxTokens, prompt: job.prompt)
      }
    }
    let mode = job.mode(default: configuration.mode)
    return services.failures.answer(started: started) { answer(job, mode: mode, started: started) }
  }

  // MARK: - Answers per mode

  private func answer(_ job: ImageJob, mode: MockMode, started: Date) -> HTTPResponse {
    let model = job.model
    let retryAfter = services.configuration.retryAfterSeconds
    if let refusal = OpenRouterErrors.limit(mode, retryAfter: retryAfter) { return refusal }
    switch mode {
    case .status(let status):
      return OpenRouterErrors.failure(status: status, model: model, retryAfter: retryAfter, maxTokens: job.maxTokens, prompt: job.prompt)
    case .credits: return OpenRouterErrors.credits(maxTokens: job.maxTokens)
    case .creditsStringCode: return OpenRouterErrors.creditsStringCode()
    case .moderation: return OpenRouterErrors.moderation(prompt: job.prompt, model: model)
    case .errorIn200:
      return .json(
        200,
        [
          "error": [
            "code": 502,
            "message": "Provider disconnected",
            "metadata": ["error_type": "provider_unavailable", "provider_name": .string(model.providerName)],
          ],
          "user_id": "user_mock",
        ])
    case .choiceError:
      let id = services.registry.nextID()
      let message: JSONValue = ["role": "assistant", "content": "partial output..."]
      let choice: JSONValue = [
        "index": 0,
        "logprobs": nil,
        "finish_reason": "error",
        "native_finish_reason": "ERROR",
        "message": message,
        "error": ["code": 502, "message": "Provider disconnected mid-stream", "metadata": ["error_type": "provider_unavailable"]],
      ]
      let usage = usageJSON(job, textTokens: 3, imageTokens: 0, images: 0)
      record(job, id: id, started: started, textTokens: 3, imageTokens: 0, images: 0, finish: ("error", "ERROR"))
      return .json(200, envelope(id: id, model: model, choice: choice, usage: usage), headers: [("X-Generation-Id", id)])
    case .refusal:
      return textAnswer(
        job, started: started, text: "I can't create that image, but I can describe a safer alternative.",
        finish: ("content_filter", "IMAGE_SAFETY"), emptyImages: true)
    case .textOnly:
      return textAnswer(job, started: started, text: "Imagine \(describe(job.prompt)), drawn in thin lines.", finish: ("stop", "STOP"))
    default:
      return imageAnswer(job, mode: mode, started: started)
    }
  }

  private func imageAnswer(_ job: ImageJob, mode: MockMode, started: Date) -> HTTPResponse {
    let model = job.model
    let synthesizer = services.synthesizer
    let size = job.pixelSize
    let imageBytes: [UInt8]
    switch mode {
    case .jpeg: imageBytes = SampleJPEG.bytes
    case .large: imageBytes = synthesizer.large(targetBytes: services.configuration.largeBytes, fingerprint: job.fingerprint)
    default: imageBytes = synthesizer.png(width: size.width, height: size.height, fingerprint: job.fingerprint, seed: job.seed ?? 0)
    }
    let base64 = Data(imageBytes).base64EncodedString()
    let dataURL = "data:image/png;base64," + base64
    let id = services.registry.nextID()

    var content: JSONValue = "Here is your image."
    var images: JSONValue? = [["type": "image_url", "image_url": ["url": .verbatim(dataURL)], "index": 0]]
    var reasoning: JSONValue = model.reasoningTokens > 0 ? "Planning the composition before drawing." : nil
    var imageCount = 1
    switch mode {
    case .shapeBareString:
      content = ""
      images = [.verbatim(dataURL)]
    case .shapeURLWithoutWrapper:
      content = nil
      images = [["url": .verbatim(dataURL)]]
    case .shapeContentImageURL:
      content = [["type": "text", "text": "Done."], ["type": "image_url", "image_url": ["url": .verbatim(dataURL)]]]
      images = nil
    case .shapeInlineData:
      content = [["type": "text", "text": "Done."], ["inline_data": ["mime_type": "image/png", "data": .verbatim(base64)]]]
      images = nil
    case .shapeImageData:
      content = [["type": "image", "data": .verbatim(base64), "mime_type": "image/png"]]
      images = nil
    case .shapeDataURLInContent:
      content = .verbatim("Here it is: ![image](\(dataURL))")
      images = nil
    case .shapeRemoteURL:
      let name = "\(id).png"
      services.registry.storeFile(name: name, bytes: imageBytes)
      content = ""
      images = [["type": "image_url", "image_url": ["url": .string("\(services.baseURL)/files/\(name)")], "index": 0]]
    case .previewFinal:
      let preview = "data:image/png;base64," + Data(synthesizer.preview(fingerprint: job.fingerprint)).base64EncodedString()
      content = ""
      reasoning = "Sketching first."
      imageCount = 2
      images = [
        ["type": "image_url", "image_url": ["url": .verbatim(preview)], "index": 0],
        ["type": "image_url", "image_url": ["url": .verbatim(dataURL)], "index": 1],
      ]
    default: break
    }

    var message: [(String, JSONValue)] = [("role", "assistant"), ("content", content), ("refusal", nil), ("reasoning", reasoning)]
    if let images { message.append(("images", images)) }
    let choice: JSONValue = [
      "index": 0, "logprobs": nil, "finish_reason": "stop", "native_finish_reason": "STOP", "message": .object(message),
    ]
    let imageTokens = model.imageTokens(size: job.tokenTier)
    // A cache hit bills nothing (every usage counter 0); BYOK bills only OpenRouter's fee.
    let usage = mode.usage(usageJSON(job, textTokens: 9, imageTokens: imageTokens, images: 1))
    record(job, id: id, started: started, textTokens: 9, imageTokens: imageTokens, images: imageCount, finish: ("stop", "STOP"))
    var response = HTTPResponse.json(
      200, envelope(id: id, model: model, choice: choice, usage: usage), headers: [("X-Generation-Id", id)] + mode.cacheHeaders)
    switch mode {
    case .closeMidBody: response.delivery = .closeMidBody
    case .stall: response.delivery = .stall(seconds: services.configuration.stallSeconds)
    default: break
    }
    return response
  }

  private func textAnswer(
    _ job: ImageJob, started: Date, text: String, finish: (String, String), emptyImages: Bool = false
  ) -> HTTPResponse {
    let id = services.registry.nextID()
    let textTokens = max(1, text.utf8.count / 4)
    var message: [(String, JSONValue)] = [("role", "assistant"), ("content", .string(text)), ("refusal", nil), ("reasoning", nil)]
    if emptyImages { message.append(("images", [])) }
    let choice: JSONValue = [
      "index": 0, "logprobs": nil, "finish_reason": .string(finish.0), "native_finish_reason": .string(finish.1),
      "message": .object(message),
    ]
    let usage = usageJSON(job, textTokens: textTokens, imageTokens: 0, images: 0)
    record(job, id: id, started: started, textTokens: textTokens, imageTokens: 0, images: 0, finish: finish)
    return .json(200, envelope(id: id, model: job.model, choice: choice, usage: usage), headers: [("X-Generation-Id", id)])
  }

  // MARK: - Pieces

  private func envelope(id: String, model: MockModel, choice: JSONValue, usage: JSONValue) -> JSONValue {
    [
      "id": .string(id),
      "provider": .string(model.providerName),
      "model": .string(model.id),
      "object": "chat.completion",
      "created": .int(Int(Date().timeIntervalSince1970)),
      "system_fingerprint": nil,
      "choices": [choice],
      "usage": usage,
    ]
  }

  private func usageJSON(_ job: ImageJob, textTokens: Int, imageTokens: Int, images: Int) -> JSONValue {
    let reasoning = images > 0 ? job.model.reasoningTokens : 0
    let completion = textTokens + reasoning + imageTokens
    let cost = job.model.cost(
      promptTokens: job.promptTokens, textTokens: textTokens + reasoning, imageTokens: imageTokens, images: images)
    return [
      "prompt_tokens": .int(job.promptTokens),
      "completion_tokens": .int(completion),
      "total_tokens": .int(job.promptTokens + completion),
      "completion_tokens_details": ["reasoning_tokens": .int(reasoning), "image_tokens": .int(imageTokens)],
      "prompt_tokens_details": ["cached_tokens": 0],
      "cost": .double(cost),
      "is_byok": false,
    ]
  }

  private func record(
    _ job: ImageJob, id: String, started: Date, textTokens: Int, imageTokens: Int, images: Int, finish: (String, String)
  ) {
    let reasoning = images > 0 ? job.model.reasoningTokens : 0
    services.registry.record(
      GenerationRecord(
        id: id, model: job.model, apiType: "completions", createdAt: started,
        latencyMs: Int(Date().timeIntervalSince(started) * 1000), promptTokens: job.promptTokens,
        completionTokens: textTokens + reasoning + imageTokens, imageTokens: imageTokens, reasoningTokens: reasoning,
        images: images, promptImages: job.referenceURLs.count, finishReason: finish.0, nativeFinishReason: finish.1,
        cost: job.model.cost(promptTokens: job.promptTokens, textTokens: textTokens + reasoning, imageTokens: imageTokens, images: min(images, 1))))
  }

  private func describe(_ prompt: String) -> String {
    let trimmed = prompt.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.count > 80 ? String(trimmed.prefix(80)) + "…" : (trimmed.isEmpty ? "an empty canvas" : trimmed)
  }
}
