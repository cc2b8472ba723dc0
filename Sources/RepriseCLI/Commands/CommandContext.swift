import RepriseKit

/// What a command runs with: environment, working folder and console. Passed in, never global,
/// so tests run commands in-process side by side.
package struct CommandContext: Sendable {
  /// Environment variables.
  package let environment: [String: String]
  /// The folder relative paths are resolved against.
  package let currentDirectory: String
  /// Output.
  package let console: Console

  /// A context as given.
  package init(environment: [String: String], currentDirectory: String, console: Console) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.console = console
  }

  /// `path` made absolute against the working folder.
  func absolute(_ path: String) -> String { PathMath.absolute(path, base: currentDirectory) }
}
