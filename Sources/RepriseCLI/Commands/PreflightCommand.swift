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

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': preflight takes options only") }
    let outDir = args.value("out-dir") ?? "generated"
    let checks = PreflightChecks(
      environment: context.environment, currentDirectory: context.currentDirectory, outDir: outDir,
      queueDir: args.value("queue-dir") ?? (outDir as NSString).appendingPathComponent("imagegen-queue"),
      model: args.value("model") ?? VariantOptions.defaultModel, online: args.flag("online"))
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
