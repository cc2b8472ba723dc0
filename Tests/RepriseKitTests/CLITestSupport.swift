import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Runs the CLI in-process in `folder` and returns (exit code, stdout, stderr).
func runCLI(_ arguments: [String], in folder: String, environment: [String: String] = [:]) async -> (code: Int32, out: String, err: String) {
  let capture = CapturedOutput()
  var env = environment
  if env["REPRISE_CACHE_DIR"] == nil { env["REPRISE_CACHE_DIR"] = "/nonexistent/reprise-test-cache" }
  if env["REPRISE_MODEL_DISCOVERY"] == nil { env["REPRISE_MODEL_DISCOVERY"] = "off" }
  let context = CommandContext(environment: env, currentDirectory: folder, console: capture.console)
  let code = await RepriseCommandLine.run(arguments, context: context)
  return (code.rawValue, capture.stdout, capture.stderr)
}
