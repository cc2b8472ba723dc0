import Foundation
import RepriseKit

/// `reprise models`: image-capable models from OpenRouter, cached.
enum ModelsCommand {
  static let command = Command(
    name: "models",
    summary: "list OpenRouter's image-capable models with their modalities and image pricing",
    usage: ["models [--refresh] [--json]"],
    notes: [
      "Reads GET {base}/models?output_modalities=image, GET {base}/images/models and each Image API",
      "model's endpoints (public, no key) and caches them for 24 hours in $REPRISE_CACHE_DIR/models.json",
      "(default ~/.cache/reprise). Planning shapes requests from that record (fetching it first when",
      "the cache has no fresh entry for the model); offline it falls back to a built-in table and says so.",
    ],
    options: [
      .flag("refresh", "Fetch again even when the cache is fresh."),
      .flag("json", "Print the models as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': models takes options only") }
    let list = try await ImageModelList.load(environment: context.environment, refresh: args.flag("refresh"))
    if let warning = list.cacheWarning { context.console.errLine("warning: " + warning) }
    let models = list.models
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(list.json))
      return .ok
    }
    let width = max(5, models.map(\.id.count).max() ?? 0) + 2
    context.console.line("model" + String(repeating: " ", count: width - 5) + "outputs      served by     image price")
    for model in models {
      let outputs = model.outputModalities.joined(separator: "+")
      let servedBy = list.imageAPIModels.contains(model.id) ? "chat+images" : "chat"
      context.console.line(
        model.id + String(repeating: " ", count: width - model.id.count) + outputs + String(repeating: " ", count: max(1, 13 - outputs.count))
          + servedBy + String(repeating: " ", count: 14 - servedBy.count) + model.imagePriceSummary)
    }
    context.console.errLine("\(models.count) image models (\(list.source); cache \(list.cachePath))")
    return .ok
  }
}
