/// An error that ends a command: one line for the user and the documented exit code.
public struct RepriseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The kinds of failure and their exit codes (see the README).
  public enum Kind: Sendable, Equatable {
    /// A job failed, a diff found differences, verify found drift: exit 1.
    case failure
    /// A bad input file (baseline, manifest, job file, output folder): exit 2.
    case badInput
    /// `--strict-clarify` and at least one hint fired: exit 3.
    case strictClarify
    /// The prompt asks for an edit but there is no baseline: exit 4.
    case editIntentWithoutBaseline
    /// Bad flags or arguments: exit 64.
    case usage
    /// Interrupted by the user: exit 130.
    case interrupted
  }

  /// What kind of failure this is.
  public let kind: Kind
  /// One line, naming the flag or file and what is accepted.
  public let message: String

  /// An error of `kind` with `message`.
  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  /// The process exit code for this error.
  public var exitCode: ExitCode {
    switch kind {
    case .failure: return .failure
    case .badInput: return .badInput
    case .strictClarify: return .strictClarify
    case .editIntentWithoutBaseline: return .editIntentWithoutBaseline
    case .usage: return .usage
    case .interrupted: return .interrupted
    }
  }

  public var description: String { message }

  /// A usage error (exit 64).
  public static func usage(_ message: String) -> RepriseError { RepriseError(.usage, message) }
  /// A bad-input-file error (exit 2).
  public static func badInput(_ message: String) -> RepriseError { RepriseError(.badInput, message) }
}
