import Foundation
import RepriseTestSupport
import Testing
@testable import RepriseKit

/// Request format 2: bodies shaped from discovery data for each model family, checked against
/// OpenRouter's published request schemas (`Fixtures/openrouter-request-schemas.json`, a subset
/// of its OpenAPI spec), and the usage errors for flags a model does not take.
@Suite struct RequestShapingTests {
  static let schemas: JSONValue = {
    let path = ProcessRunner.packageRoot + "/Tests/RepriseKitTests/Fixtures/openrouter-request-schemas.json"
    return (try? JSONParser().parse(Array((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()))) ?? .null
  }()

  static func endpoint(_ tag: String, enums: [String: [String]], flags: [String]) -> ImageEndpointRecord {
    var params: [String: ParameterDescriptor] = [:]
    for (key, values) in enums { params[key] = .oneOf(values) }
    for key in flags { params[key] = .supported }
    return ImageEndpointRecord(providerName: tag, providerSlug: tag, providerTag: tag, supportedParameters: params)
  }

  static let ratios = ImageOptions.imagesAPIAspectRatios.filter { $0 != "auto" }
  static let families: [String: DiscoveredModel] = [
    "google/gemini-3.1-flash-image-preview": DiscoveredModel(
      onChat: true, chatParameters: ["max_tokens", "reasoning", "seed", "temperature", "top_p"], outputModalities: ["image", "text"], imageEndpoints: nil),
    "google/gemini-3.1-flash-lite-image": DiscoveredModel(
      onChat: true, chatParameters: ["max_tokens", "seed"], outputModalities: ["image", "text"],
      imageEndpoints: [
        endpoint(
          "google-ai-studio", enums: ["aspect_ratio": ratios, "resolution": ["512", "1K", "2K"], "output_format": ["png", "jpeg", "webp"]], flags: ["seed"])
      ]),
    "openai/gpt-5-image": DiscoveredModel(
      onChat: true, chatParameters: ["max_tokens", "reasoning", "response_format", "structured_outputs"], outputModalities: ["image", "text"],
      imageEndpoints: nil),
    "black-forest-labs/flux.2-pro": DiscoveredModel(
      onChat: true, chatParameters: ["seed"], outputModalities: ["image"],
      imageEndpoints: [
        endpoint(
          "black-forest-labs", enums: ["aspect_ratio": ["1:1", "16:9", "9:21"], "resolution": ["1K", "2K"], "output_format": ["png", "jpeg"]],
          flags: ["seed"])
      ]),
    "openai/gpt-image-2": DiscoveredModel(
      onChat: true, chatParameters: [], outputModalities: ["image"],
      imageEndpoints: [
        endpoint(
          "openai", enums: ["aspect_ratio": ["1:1", "2:3", "3:2", "auto"], "resolution": ["1K", "2K", "4K"], "output_format": ["png", "jpeg", "webp"]],
          flags: [])
      ]),
  ]

  static func options(_ model: String, _ configure: (inout VariantOptions) -> Void = { _ in }) -> VariantOptions {
    var options = VariantOptions(prompt: "A fox", count: 1, outDir: "/tmp", workspaceRoot: "/tmp")
    options.model = model
    options.useDiscovery(ModelDiscovery.Outcome(discovered: families[model], fallbackReason: nil))
    configure(&options)
    return options
  }

  static func body(_ options: VariantOptions, seed: Int64 = 11, baseline: String? = nil) throws -> String {
    let parameters = try options.requestParameters()
    let bytes = RequestBuilder.bytes(model: options.model, parameters: parameters, prompt: "A fox", seed: seed, baselineURL: baseline)
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test func eachFamilyGetsOnlyWhatItsEndpointTakes() throws {
    #expect(
      try Self.body(Self.options("google/gemini-3.1-flash-image-preview") { $0.aspectRatio = "4:1"; $0.imageSize = "0.5K" })
        == #"{"image_config":{"aspect_ratio":"4:1","image_size":"0.5K"},"max_tokens":4096,"messages":[{"content":[{"text":"A fox","type":"text"}],"#
        + #""role":"user"}],"modalities":["image","text"],"model":"google/gemini-3.1-flash-image-preview","seed":11}"#)
    #expect(
      try Self.body(Self.options("google/gemini-3.1-flash-lite-image") { $0.transport = .images; $0.aspectRatio = "9:19.5"; $0.imageSize = "512" })
        == #"{"aspect_ratio":"9:19.5","model":"google/gemini-3.1-flash-lite-image","output_format":"png","prompt":"A fox","resolution":"512","seed":11}"#)
    #expect(
      try Self.body(Self.options("openai/gpt-5-image"))
        == #"{"max_tokens":4096,"messages":[{"content":[{"text":"A fox","type":"text"}],"role":"user"}],"modalities":["image","text"],"#
        + #""model":"openai/gpt-5-image"}"#)
    #expect(
      try Self.body(Self.options("black-forest-labs/flux.2-pro") { $0.aspectRatio = "9:21"; $0.provider = ProviderPin(only: ["black-forest-labs"]) })
        == #"{"aspect_ratio":"9:21","model":"black-forest-labs/flux.2-pro","output_format":"png","prompt":"A fox","#
        + #""provider":{"allow_fallbacks":false,"only":["black-forest-labs"]},"seed":11}"#)
    #expect(
      try Self.body(Self.options("openai/gpt-image-2") { $0.aspectRatio = "3:2"; $0.imageSize = "high"; $0.ext = "jpg" }, baseline: "https://x.test/a.png")
        == #"{"aspect_ratio":"3:2","input_references":[{"image_url":{"url":"https://x.test/a.png"},"type":"image_url"}],"model":"openai/gpt-image-2","#
        + #""output_format":"jpeg","prompt":"A fox","resolution":"4K"}"#)
  }

  @Test func everyFamilysBodyPassesThePublishedRequestSchema() throws {
    let cases: [(String, (inout VariantOptions) -> Void)] = [
      ("google/gemini-3.1-flash-image-preview", { $0.aspectRatio = "16:9"; $0.imageSize = "medium"; $0.provider = ProviderPin(only: ["google-ai-studio"]) }),
      ("google/gemini-3.1-flash-lite-image", { $0.transport = .images; $0.aspectRatio = "20:9"; $0.imageSize = "low"; $0.ext = "webp" }),
      ("openai/gpt-5-image", { _ in }),
      ("black-forest-labs/flux.2-pro", { $0.aspectRatio = "16:9"; $0.imageSize = "medium"; $0.seed = 5 }),
      ("black-forest-labs/flux.2-pro", { $0.transport = .chat }),
      ("openai/gpt-image-2", { $0.aspectRatio = "auto"; $0.ext = "webp"; $0.provider = ProviderPin(only: ["openai"]) }),
    ]
    #expect(Self.schemas["ChatRequest"] != nil && Self.schemas["ImageGenerationRequest"] != nil)
    for (model, configure) in cases {
      let options = Self.options(model, configure)
      let parameters = try options.requestParameters()
      let body = RequestBuilder.body(model: model, parameters: parameters, prompt: "A fox", seed: 5, baselineURL: "data:image/png;base64,AAAA")
      let schema = parameters.transport == .chat ? Self.schemas["ChatRequest"]! : Self.schemas["ImageGenerationRequest"]!
      let problems = SchemaSubset.problems(body, schema: schema, path: "$", closed: true)
      #expect(problems.isEmpty, "\(model): \(problems)")
    }
  }

  @Test func aFlagTheModelDoesNotTakeIsAUsageErrorNamingWhatItTakes() {
    func message(_ model: String, _ configure: (inout VariantOptions) -> Void) -> String? {
      do {
        try Self.options(model, configure).validate()
        return nil
      } catch {
        #expect(error.kind == .usage)
        return error.message
      }
    }
    #expect(
      message("openai/gpt-image-2") { $0.seed = 3 }?.contains("--seed: openai/gpt-image-2 takes no seed on the Image API (it takes: aspect_ratio (1:1") == true)
    #expect(
      message("openai/gpt-image-2") { $0.aspectRatio = "16:9" }
        == "--aspect-ratio '16:9' is not supported by openai/gpt-image-2 on the Image API: use one of 1:1, 2:3, 3:2, auto")
    #expect(message("openai/gpt-image-2") { $0.transport = .chat }?.contains("is served only by the Image API (POST /images)") == true)
    #expect(message("openai/gpt-5-image") { $0.seed = 3 }?.hasPrefix("--seed: openai/gpt-5-image takes no seed on chat completions") == true)
    #expect(message("openai/gpt-5-image") { $0.aspectRatio = "1:1" }?.contains("takes no image_config on chat completions") == true)
    #expect(
      message("black-forest-labs/flux.2-pro") { $0.imageSize = "high" }?.contains("resolution 4K) is not supported by black-forest-labs/flux.2-pro") == true)
    #expect(message("black-forest-labs/flux.2-pro") { $0.provider = ProviderPin(only: ["openai"]) }?.contains("its providers: black-forest-labs") == true)
    #expect(message("google/gemini-3.1-flash-image-preview") { $0.transport = .images }?.contains("is not on the Image API") == true)
    #expect(message("google/gemini-3.1-flash-lite-image") { $0.transport = .images; $0.aspectRatio = "9:19.5" } == nil)
  }

  @Test func formatOneIsBuiltAsBeforeAndFormatTwoRoundTrips() throws {
    let old = RequestParameters(transport: .images, modalities: [], imageConfig: [:], aspectRatio: "1:1", resolution: "1K", maxTokens: nil)
    #expect(
      String(decoding: RequestBuilder.bytes(model: "m/x", parameters: old, prompt: "p", seed: 3, baselineURL: nil), as: UTF8.self)
        == #"{"aspect_ratio":"1:1","model":"m/x","prompt":"p","resolution":"1K","seed":3}"#)
    #expect(old.json["format"] == nil)
    let options = Self.options("openai/gpt-image-2") { $0.provider = ProviderPin(only: ["openai"]); $0.ext = "webp" }
    let parameters = try options.requestParameters()
    let read = try RequestParameters(reading: JSONObjectReader(parameters.json, path: "request"))
    #expect(read == parameters)
    #expect(read.format == 2 && !read.sendsSeed && read.outputFormat == "webp")
  }

  @Test func providerListIsChecked() throws {
    #expect(try ProviderPin.parse("google-ai-studio,vertex").only == ["google-ai-studio", "vertex"])
    #expect(throws: RepriseError.self) { try ProviderPin.parse("a,,b") }
    #expect(throws: RepriseError.self) { try ProviderPin.parse("a,A") }
  }
}

/// The subset of JSON Schema the published request schemas use: type (one or a list, with
/// `integer`), enum, required, minLength, minItems, maxItems, properties, items and
/// additionalProperties. `closed` also refuses members the schema does not declare.
enum SchemaSubset {
  static func problems(_ value: JSONValue, schema: JSONValue, path: String, closed: Bool = false) -> [String] {
    var found: [String] = []
    if let types = schema["type"].map({ $0.arrayValue?.compactMap(\.stringValue) ?? [$0.stringValue ?? ""] }), !types.contains(where: { matches(value, $0) }) {
      found.append("\(path): \(value.kindName) is not \(types.joined(separator: "|"))")
    }
    if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) { found.append("\(path): \(value) is not in the enum") }
    if let min = schema["minLength"]?.intValue, let s = value.stringValue, s.count < min { found.append("\(path): shorter than \(min)") }
    if let items = value.arrayValue {
      if let min = schema["minItems"]?.intValue, items.count < min { found.append("\(path): fewer than \(min) items") }
      if let max = schema["maxItems"]?.intValue, items.count > max { found.append("\(path): more than \(max) items") }
      if let itemSchema = schema["items"] {
        for (i, item) in items.enumerated() { found += problems(item, schema: itemSchema, path: "\(path)[\(i)]") }
      }
    }
    if let members = value.objectValue {
      for key in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[key] == nil { found.append("\(path): missing \(key)") }
      let properties = schema["properties"]?.objectValue ?? [:]
      for (key, member) in members {
        if let sub = properties[key] {
          found += problems(member, schema: sub, path: path + "." + key)
        } else if closed || schema["additionalProperties"] == .bool(false) {
          found.append("\(path): \(key) is not a declared property")
        }
      }
    }
    return found
  }

  static func matches(_ value: JSONValue, _ type: String) -> Bool {
    switch (type, value) {
    case ("string", .string), ("boolean", .bool), ("array", .array), ("object", .object), ("null", .null), ("integer", .int), ("number", .int),
      ("number", .double):
      return true
    default: return false
    }
  }
}
