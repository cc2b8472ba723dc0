import Foundation
import RepriseKit

/// `reprise generate`: one image in the foreground.
enum GenerateCommand {
  static let command = Command(
    name: "generate",
    summary: "generate one image in the foreground and write it atomically",
    usage: ["generate --prompt TEXT --out FILE [options]"],
    notes: [
      "The request goes to POST {base}/chat/completions (or /images for image-only models) with",
      "retries for 408, 429, 5xx and network errors, honouring Retry-After. The image is sniffed: JPEG",
      "bytes asked for as .png are written as .jpg. Earlier images of a response (previews) are kept",
      "as <name>-preview-<k>.<ext>. Exit 0 ok, 1 generation failed, 2 bad input, 3 strict clarify,",
      "4 edit intent without baseline, 64 usage, 130 interrupted (Ctrl-C or SIGTERM; nothing is written).",
    ],
    options: [
      .value("prompt", "TEXT", "What to make (sent verbatim unless constraints apply)."),
      .value("prompt-file", "FILE", "Read the prompt from a UTF-8 file instead."),
      .value("out", "FILE", "Where to write the image (.png, .jpg, .jpeg or .webp)."),
    ] + SharedOptions.model + SharedOptions.baselineAndRails + [
      .value("seed", "N", "Seed (0 to 2147483647). Default: derived from the request."),
      .value("output-format", "FORMAT", "path (default) prints the image path; json prints the result record."),
      .value("save-response-json", "FILE", "Save the provider JSON (base64 replaced by {sha256, bytes}) to a new file."),
      .value("max-retries", "N", "Retries after the first attempt (default 4)."),
      .value("timeout", "SECONDS", "Per-request timeout (default 300)."),
      .flag("overwrite", "Replace an existing output file."),
      .flag("no-embed", "Do not embed provenance in PNGs; write <file>.reprise.json instead."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': generate takes options only") }
    let prompt = try VariantsCommand.readPrompt(args, context)
    guard let out = args.value("out"), !out.isEmpty else { throw RepriseError.usage("--out is required: the image file to write") }
    let ext = (out as NSString).pathExtension.lowercased()
    guard ["png", "jpg", "jpeg", "webp"].contains(ext) else {
      throw RepriseError.usage("--out '\(out)' must end in .png, .jpg, .jpeg or .webp")
    }
    let format = args.value("output-format") ?? "path"
    guard format == "path" || format == "json" else { throw RepriseError.usage("--output-format '\(format)' is not accepted: use path or json") }
    let maxRetries = try args.int("max-retries", accepted: "0 to 20") ?? 4
    guard (0...20).contains(maxRetries) else { throw RepriseError.usage("--max-retries \(maxRetries) is out of range: accepted 0 to 20") }
    let timeout = try args.double("timeout", accepted: "1 to 3600 seconds") ?? 300
    guard (1...3600).contains(timeout) else { throw RepriseError.usage("--timeout \(timeout) is out of range: accepted 1 to 3600 seconds") }

    let outFolder = (out as NSString).deletingLastPathComponent
    var options = VariantOptions(
      prompt: prompt, count: 1, outDir: outFolder.isEmpty ? "." : outFolder, workspaceRoot: context.absolute(args.value("workspace-root") ?? "."))
    options.ext = ext == "jpeg" ? "jpg" : ext
    try await SharedOptions.apply(args, to: &options, context: context)
    if let seed = try args.int("seed", accepted: "0 to 2147483647") { options.seed = Int64(seed) }
    try options.validate()
    let hints = try SharedOptions.clarify(prompt, args, context, notes: options.planningNotes)

    let editIntent = try EditIntentDetector.check(prompt, hasBaseline: options.baselineImage != nil, allowWithoutBaseline: options.allowNoBaselineOnEditIntent)
    let configuration = OpenRouterConfiguration(environment: context.environment)
    guard configuration.apiKey != nil else {
      throw RepriseError.usage("OPENROUTER_API_KEY is not set: export OPENROUTER_API_KEY=<your key> (keys: https://openrouter.ai/keys)")
    }
    if let problem = configuration.baseURLProblem { throw RepriseError.usage(problem) }
    if !args.flag("overwrite"), FileSystem.entryKind(context.absolute(out)) != .missing {
      throw RepriseError.badInput("--out '\(out)' already exists: reprise never overwrites an image silently (pass --overwrite to replace it)")
    }
    if FileSystem.isDirectory(context.absolute(out)) { throw RepriseError.badInput("--out '\(out)' is a folder: name an image file") }
    let saveResponse = args.value("save-response-json")
    if let saveResponse { try ResponseFile.check(saveResponse, out: out, context: context) }
    let baseline = try options.loadBaseline(currentDirectory: context.currentDirectory, manifestFolder: options.outDir)
    let plan = SingleImagePlan.plan(options, baseline: baseline, editIntent: editIntent)

    let console = context.console
    let client = OpenRouterClient(
      configuration: configuration, policy: RetryPolicy(maxRetries: maxRetries), timeout: timeout, debugSink: { console.errLine($0) })
    let call = await client.generate(body: plan.body, transport: plan.parameters.transport, keepResponse: saveResponse != nil)
    // The image is written before the saved response, so a name clash can only cost the JSON.
    func saveResponseJSON() {
      guard let saveResponse, let redacted = call.redactedResponse else { return }
      if let problem = ResponseFile.write(JSONWriter.pretty(redacted), to: saveResponse, context: context) {
        console.errLine("warning: --save-response-json '\(saveResponse)' not written: \(problem)")
      }
    }
    let response: GenerationResponse
    switch call.result {
    case .failure(let error):
      saveResponseJSON()
      throw RepriseError(.failure, "generation failed after \(call.attempts) attempt\(call.attempts == 1 ? "" : "s"): \(error.description)")
    case .success(let r): response = r
    }
    let provenance = ImageProvenance.record(
      manifestID: nil, jobID: nil, index: nil, model: options.model, seed: plan.seed, requestSHA256: plan.requestSHA256, generationID: response.generationID,
      prompt: plan.prompt)
    let saved: [SavedImage]
    do {
      saved = try ImageOutputWriter.save(
        call.imageBytes, to: out, currentDirectory: context.currentDirectory, overwrite: args.flag("overwrite"), provenance: provenance,
        embed: !args.flag("no-embed"))
    } catch {
      saveResponseJSON()
      throw error
    }
    saveResponseJSON()
    let output = saved[saved.count - 1]
    if output.extensionCorrected { console.errLine("note: the model returned \(output.mediaType), written as '\(output.path)'") }
    if format == "json" {
      // The same record (`reprise.result/1`) a queue worker writes, from the same type.
      var record = JobResult(status: .succeeded, jobID: nil, out: output.path)
      record.images = saved
      record.modelRequested = options.model
      record.adopt(response)
      record.attempts = call.attempts
      record.latencyMS = call.latencyMS
      record.requestSHA256 = plan.requestSHA256
      record.seed = plan.seed
      record.transport = plan.parameters.transport.rawValue
      record.handoffMode = "foreground"
      record.diagnostics = Diagnostics.fields(editIntent: editIntent, baseline: plan.baseline, rails: plan.rails)
      record.diagnostics["clarify_hints"] = .strings(hints)
      console.out(JSONWriter.pretty(record.json))
    } else {
      console.line(output.path)
    }
    return .ok
  }
}
