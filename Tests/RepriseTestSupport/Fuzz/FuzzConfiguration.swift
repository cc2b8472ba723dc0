/// How long and how hard a fuzz run goes, read from `REPRISE_FUZZ_*` environment variables so
/// the same test serves CI (a short default) and `bench/fuzz.sh` (a long run).
///
/// | variable | meaning |
/// |---|---|
/// | `REPRISE_FUZZ_COUNT` | inputs per target |
/// | `REPRISE_FUZZ_SEED` | base seed (decimal or `0x` hex) |
/// | `REPRISE_FUZZ_START` | first iteration (replay a slice of a run) |
/// | `REPRISE_FUZZ_SLOW_MS` | an input taking longer than this fails the run |
/// | `REPRISE_FUZZ_HANG_SECONDS` | an input running longer than this stops the process |
/// | `REPRISE_FUZZ_MAX_SECONDS` | a target stops (and fails) after this long |
/// | `REPRISE_FUZZ_PROGRESS` | file rewritten every `progressInterval` inputs with the current slice |
/// | `REPRISE_FUZZ_TRACE` | file rewritten with every input before it runs (slow; to catch a crash) |
/// | `REPRISE_FUZZ_REPORT` | file each target's summary line is appended to |
public struct FuzzConfiguration: Sendable {
  /// Inputs per target.
  public var count: Int
  /// Base seed.
  public var seed: UInt64
  /// First iteration.
  public var start: Int = 0
  /// Slowest acceptable input, in milliseconds.
  public var slowMilliseconds: Double = 1_000
  /// An input running this long is a hang: the process reports it and exits.
  public var hangSeconds: Double = 10
  /// Longest a target may run.
  public var maxSeconds: Double = 120
  /// Where progress goes, if anywhere.
  public var progressPath: String?
  /// Where every input is written before it runs, if anywhere.
  public var tracePath: String?
  /// Where summary lines are appended, if anywhere.
  public var reportPath: String?
  /// Inputs between two progress records (1 while tracing).
  public var progressInterval = 256

  /// A configuration with the given defaults.
  public init(count: Int, seed: UInt64) {
    self.count = count
    self.seed = seed
  }

  /// The defaults, overridden by any `REPRISE_FUZZ_*` variable in `environment`.
  public init(count: Int, seed: UInt64, environment: [String: String]) {
    self.init(count: count, seed: seed)
    if let v = environment["REPRISE_FUZZ_COUNT"].flatMap({ Int($0) }), v >= 0 { self.count = v }
    if let text = environment["REPRISE_FUZZ_SEED"] {
      let parsed = text.lowercased().hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
      if let parsed { self.seed = parsed }
    }
    if let v = environment["REPRISE_FUZZ_START"].flatMap({ Int($0) }), v >= 0 { start = v }
    if let v = environment["REPRISE_FUZZ_SLOW_MS"].flatMap({ Double($0) }), v > 0 { slowMilliseconds = v }
    if let v = environment["REPRISE_FUZZ_HANG_SECONDS"].flatMap({ Double($0) }), v > 0 { hangSeconds = v }
    if let v = environment["REPRISE_FUZZ_MAX_SECONDS"].flatMap({ Double($0) }), v > 0 { maxSeconds = v }
    progressPath = environment["REPRISE_FUZZ_PROGRESS"].flatMap { $0.isEmpty ? nil : $0 }
    tracePath = environment["REPRISE_FUZZ_TRACE"].flatMap { $0.isEmpty ? nil : $0 }
    reportPath = environment["REPRISE_FUZZ_REPORT"].flatMap { $0.isEmpty ? nil : $0 }
  }
}
