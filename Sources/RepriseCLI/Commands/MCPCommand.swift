import RepriseKit

/// `reprise mcp`: the MCP server on stdin/stdout (the protocol lives in RepriseKit's MCP folder).
enum MCPCommand {
  static let command = Command(
    name: "mcp",
    summary: "serve reprise's tools over the Model Context Protocol (stdio, JSON-RPC 2.0)",
    usage: ["mcp [--root DIR]"],
    notes: [
      "Reads one JSON-RPC message a line on stdin and answers on stdout (nothing else is written there; logs go to",
      "stderr). Tools: plan_variants, run_variants, status, wait, rerun, diff, verify, inspect, gallery, models, measure, iterate.",
      "Manifests, results and galleries under the root are resources. Every path is resolved inside --root (default:",
      "the current folder); anything else is refused. The key comes only from OPENROUTER_API_KEY in the environment.",
    ],
    options: [.value("root", "DIR", "The only folder the server reads and writes (default: the current folder).")],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let extra = args.positionals.first { throw RepriseError.usage("unexpected argument '\(extra)': mcp takes options only") }
    let root = try MCPRoot(args.value("root") ?? ".", currentDirectory: context.currentDirectory)
    let secrets = [OpenRouterConfiguration(environment: context.environment).apiKey].compactMap { $0 }
    let output = MCPStdio.standardOutput(secrets: secrets)
    let console = context.console
    let server = MCPServer(
      root: root, tools: MCPToolbox.tools, environment: context.environment, version: RepriseCommandLine.version, output: output,
      log: { console.errLine(output.redact($0)) })
    console.errLine("reprise mcp: serving \(root.path) on stdio")
    await MCPStdio.serve(server)
    return .ok
  }
}
