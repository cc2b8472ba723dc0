/// The documented process exit codes (README, "Exit codes"). The library returns outcomes and
/// errors carrying these; the command line only maps them to the process status.
public struct ExitCode: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The process status.
  public let rawValue: Int32

  /// A code as given.
  public init(rawValue: Int32) { self.rawValue = rawValue }

  /// 0: everything asked for was done.
  public static let ok = ExitCode(rawValue: 0)
  /// 1: a job failed, `diff` found differences, verify found drift, a rebuilt request differs.
  public static let failure = ExitCode(rawValue: 1)
  /// 2: a bad input file (baseline, manifest, job file, prompt file, folder), or nothing matched.
  public static let badInput = ExitCode(rawValue: 2)
  /// 3: `--strict-clarify` and a hint fired.
  public static let strictClarify = ExitCode(rawValue: 3)
  /// 3: `status`: jobs still pending or running with a live worker (the same number as
  /// `strictClarify`: "not done, ask again").
  public static let stillRunning = ExitCode(rawValue: 3)
  /// 4: the prompt asks to edit an image but no baseline was given.
  public static let editIntentWithoutBaseline = ExitCode(rawValue: 4)
  /// 5: `status`: jobs wait but no live worker will do them; run the resume command.
  public static let stalled = ExitCode(rawValue: 5)
  /// 64: bad flags or arguments (sysexits' EX_USAGE).
  public static let usage = ExitCode(rawValue: 64)
  /// 130: interrupted by Ctrl-C or SIGTERM (128 + SIGINT).
  public static let interrupted = ExitCode(rawValue: 130)

  /// `.ok` when `condition` holds, else `.failure`.
  public static func okIf(_ condition: Bool) -> ExitCode { condition ? .ok : .failure }

  public var description: String { String(rawValue) }
}
