import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// Runs the CLI in-process in `folder` and returns (exit code, stdout, stderr).
func runCLI(_ arguments: [String], in folder: String, environment: [String: String] = [:]) -> (code: Int32, out: String, err: String) {
  let capture = CapturedOutput()
  let context = CommandContext(environment: environment, currentDirectory: folder, console: capture.console)
  let code = RepriseCommandLine.run(arguments, context: context)
  return (code, capture.stdout, capture.stderr)
}
