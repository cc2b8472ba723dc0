import Foundation
import Testing
import RepriseTestSupport

/// A whole MCP session driven by the official MCP Python SDK (`Tests/MCP/session.py`) against the
/// built `reprise mcp` and `openrouter-mock`. Runs when `REPRISE_MCP_PYTHON` names a Python with
/// the `mcp` package (`.ci/run` installs it in `.build/mcp-venv`); skipped otherwise.
@Suite struct MCPSessionEndToEndTests {
  /// The Python to run, when one with `mcp` was set up.
  static let python: String? = {
    guard let path = ProcessInfo.processInfo.environment["REPRISE_MCP_PYTHON"], FileManager.default.isExecutableFile(atPath: path) else { return nil }
    return path
  }()

  @Test(.enabled(if: python != nil, "REPRISE_MCP_PYTHON is not set (.ci/run sets it after pip install mcp): MCP Python SDK session skipped"))
  func pythonSDKSessionPasses() throws {
    let folder = try TemporaryFolder("reprise-mcp-session")
    defer { folder.remove() }
    let script = ProcessRunner.packageRoot + "/Tests/MCP/session.py"
    let outcome = try ProcessRunner.run(
      try #require(Self.python), [script, ProcessRunner.executable("reprise"), ProcessRunner.executable("openrouter-mock"), folder.path], in: folder.path)
    #expect(outcome.status == 0, "session.py failed:\n\(outcome.stdout)\n\(outcome.stderr)")
    #expect(outcome.stdout.contains("mcp session: all steps passed"))
  }
}
