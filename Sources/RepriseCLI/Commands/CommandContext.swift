import RepriseKit

/// What a command runs with: environment, working folder and console. Passed in, never global,
/// so tests run commands in-process side by side.
public struct CommandContext: Sendable {
  /// Environment variables.
  public let environment: [String: String]
  /// The folder relative paths are resolved against.
  public let currentDirectory: String
  /// Output.
  public let console: Console

  /// A context as given.
  public init(environment: [String: String], currentDirectory: String, console: Console) {
    self.environment = environment
    self.currentDirectory = currentDirectory
    self.console = console
  }

  /// `path` made absolute against the working folder.
  func absolute(_ path: String) -> String { PathMath.absolute(path, base: currentDirectory) }
}
