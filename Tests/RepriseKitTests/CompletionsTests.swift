import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI

@Suite struct CompletionsTests {
  @Test(arguments: ["bash", "zsh", "fish"])
  func scriptsNameEveryCommandAndOption(shell: String) async {
    let result = await runCLI(["completions", shell], in: "/")
    #expect(result.code == 0)
    for command in RepriseCommandLine.commands {
      #expect(result.out.contains(command.name), "\(shell) lacks \(command.name)")
      for option in command.options { #expect(result.out.contains(option.name), "\(shell) lacks --\(option.name)") }
    }
    #expect(result.out.contains("16:9") && result.out.contains("current_attachment"))
  }

  @Test func bashScriptIsValidBash() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("reprise.bash", text: await runCLI(["completions", "bash"], in: "/").out)
    let outcome = try ProcessRunner.run("/bin/bash", ["-n", path], in: folder.path)
    #expect(outcome.status == 0, "\(outcome.stderr)")
  }

  @Test func unknownShellIsAUsageError() async {
    let result = await runCLI(["completions", "tcsh"], in: "/")
    #expect(result.code == 64)
    #expect(result.err.hasPrefix("error: completions: unknown shell 'tcsh': use bash, zsh or fish"))
  }
}
