import Foundation
import RepriseKit

/// `reprise preflight`: checks the setup and prints copy-paste fixes.
enum PreflightCommand {
  static let command = Command(
    name: "preflight",
    summary: "check the key, base URL, folders and model; --online also asks OpenRouter",
    usage: ["preflight [--out-dir DIR] [--queue-dir DIR] [--model ID] [--online] [--json]"],
    notes: ["Prints PASS/FAIL lines and copy-paste fixes; --json gives {status, checks[], fixups[]}. Exit 0 all pass, 1 any fails."],
    options: [
      .value("out-dir", "DIR", "Output folder to check (default ./generated)."),
      .value("queue-dir", "DIR", "Queue folder to check (default <out-dir>/imagegen-queue)."),
      .value("model", "ID", "Model to check (default \(VariantOptions.defaultModel))."),
      .flag("online", "Also check that the key works and the model exists and outputs images."),
      .flag("json", "Print the report as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  struct Check {
    let name: String
    let ok: Bool
    let detail: String
    let fixup: String?
  }

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> Int32 {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': preflight takes options only") }
    let configuration = OpenRouterConfiguration(environment: context.environment)
    let outDir = args.value("out-dir") ?? "generated"
    let queueDir = args.value("queue-dir") ?? (outDir as NSString).appendingPathComponent("imagegen-queue")
    let model = args.value("model") ?? VariantOptions.defaultModel
    var checks: [Check] = []
    checks.append(configuration.apiKey != nil
      ? Check(name: "api_key", ok: true, detail: "OPENROUTER_API_KEY is set", fixup: nil)
      : Check(name: "api_key", ok: false, detail: "OPENROUTER_API_KEY is not set", fixup: "export OPENROUTER_API_KEY=\"<your key from https://openrouter.ai/keys>\""))
    if let problem = configuration.baseURLProblem {
      checks.append(Check(name: "base_url", ok: false, detail: problem, fixup: "unset OPENROUTER_BASE_URL  # or: export OPENROUTER_BASE_URL=\(OpenRouterConfiguration.defaultBaseURL)"))
    } else {
      checks.append(Check(name: "base_url", ok: true, detail: "OPENROUTER_BASE_URL \(configuration.baseURL)", fixup: nil))
    }
    if let problem = configuration.maxResponseProblem {
      checks.append(Check(name: "max_response_mb", ok: false, detail: problem, fixup: "unset REPRISE_MAX_RESPONSE_MB  # or: export REPRISE_MAX_RESPONSE_MB=64"))
    }
    for (name, flag, dir) in [("out_dir", "out-dir", outDir), ("queue_dir", "queue-dir", queueDir)] {
      let finding = FolderProbe.check(dir, absolute: context.absolute(dir), flag: flag)
      checks.append(Check(name: name, ok: finding.problem == nil, detail: finding.detail, fixup: finding.fixup))
    }
    let modelOK = ModelCapabilities.isValidID(model)
    checks.append(Check(name: "model_id", ok: modelOK, detail: modelOK ? "\(model) is a well-formed model id" : "'\(model)' is not author/slug", fixup: modelOK ? nil : "reprise models  # pick an id, then pass --model <id>"))
    if args.flag("online"), configuration.apiKey != nil, configuration.baseURLProblem == nil {
      let client = ModelCatalogClient(configuration: configuration)
      let keyError = await client.checkKey()
      checks.append(Check(name: "key_works", ok: keyError == nil, detail: keyError.map { "key rejected or unreachable: \($0.description)" } ?? "OpenRouter accepted the key", fixup: keyError == nil ? nil : "export OPENROUTER_API_KEY=\"<a valid key from https://openrouter.ai/keys>\""))
      switch await client.imageModels() {
      case .success(let models):
        let found = models.first { $0.id == model }
        let outputsImage = found?.outputModalities.contains("image") ?? false
        checks.append(Check(name: "model_available", ok: outputsImage, detail: outputsImage ? "\(model) is listed and outputs images" : "\(model) is not among OpenRouter's image models", fixup: outputsImage ? nil : "reprise models --refresh  # then pass --model <id>"))
      case .failure(let error):
        checks.append(Check(name: "model_available", ok: false, detail: "cannot list models: \(error.description)", fixup: "curl -sS \(configuration.baseURL)/models?output_modalities=image | head"))
      }
    }
    let ok = checks.allSatisfy(\.ok)
    let fixups = checks.compactMap(\.fixup)
    if args.flag("json") {
      let report: JSONValue = .object([
        "status": .string(ok ? "ok" : "failed"),
        "checks": .array(checks.map { .object(["name": .string($0.name), "ok": .bool($0.ok), "detail": .string($0.detail)]) }),
        "fixups": .strings(fixups),
      ])
      context.console.out(JSONWriter.pretty(report))
    } else {
      for check in checks { context.console.line("\(check.ok ? "PASS" : "FAIL") \(check.name): \(check.detail)") }
      if !fixups.isEmpty {
        context.console.line("Fixups:")
        for fixup in fixups { context.console.line("  " + fixup) }
      }
    }
    return ok ? 0 : 1
  }
}
