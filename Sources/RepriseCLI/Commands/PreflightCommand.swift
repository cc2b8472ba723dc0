import Foundation
import RepriseKit

/// `reprise preflight`: checks the setup and prints copy-paste fixes.
enum PreflightCommand {
  static let command = Command(
    name: "preflight",
    summary: "check the key, base URL, folders and model; --online also asks OpenRouter",
    usage: ["preflight [--out-dir DIR] [--queue-dir DIR] [--model ID] [--count N] [--image-size SIZE] [--online] [--json]"],
    notes: ["Prints PASS/FAIL lines and copy-paste fixes; --json gives {status, checks[], fixups[]}. Exit 0 all pass, 1 any fails."],
    options: [
      .value("out-dir", "DIR", "Output folder to check (default ./generated)."),
      .value("queue-dir", "DIR", "Queue folder to check (default <out-dir>/imagegen-queue)."),
      .value("model", "ID", "Model to check (default \(VariantOptions.defaultModel))."),
      .value("count", "N", "Images planned, for the estimate compared with the key's limit (default 1)."),
      .value("image-size", "SIZE", "low, medium or high, for the estimate."),
      .flag("online", "Also check the key, its limit against the estimate, and that the model outputs images."),
      .flag("json", "Print the report as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': preflight takes options only") }
    let outDir = args.value("out-dir") ?? "generated"
    var checks = PreflightChecks(
      environment: context.environment, currentDirectory: context.currentDirectory, outDir: outDir,
      queueDir: args.value("queue-dir") ?? (outDir as NSString).appendingPathComponent("imagegen-queue"),
      model: args.value("model") ?? VariantOptions.defaultModel, online: args.flag("online"))
    if let count = try args.int("count", accepted: "1 to 1000") {
      guard (1...1000).contains(count) else { throw RepriseError.usage("--count \(count) is out of range: accepted 1 to 1000") }
      checks.images = count
    }
    checks.imageSize = args.value("image-size")
    let report = await checks.run()
    show(report, json: args.flag("json"), context.console)
    return .okIf(report.ok)
  }

  /// The report as PASS/FAIL lines and fix-ups, or as `{status, checks[], fixups[]}`.
  static func show(_ report: PreflightReport, json: Bool, _ console: Console) {
    if json {
      console.out(JSONWriter.pretty(.object([
        "status": .string(report.status),
        "checks": .array(report.checks.map { .object(["name": .string($0.name), "ok": .bool($0.ok), "detail": .string($0.detail)]) }),
        "fixups": .strings(report.fixups),
      ])))
    } else {
      for check in report.checks { console.line("\(check.ok ? "PASS" : "FAIL") \(check.name): \(check.detail)") }
      let fixups = report.fixups
      if !fixups.isEmpty {
        console.line("Fixups:")
        for fixup in fixups { console.line("  " + fixup) }
      }
    }
  }
}
