import Foundation

/// What one target's run did: how many inputs, how long, the slowest input and every failure.
public struct FuzzReport: Sendable {
  /// Target name, e.g. `manifest-decoder`.
  public let target: String
  /// Base seed.
  public let seed: UInt64
  /// First iteration.
  public let start: Int
  /// Inputs run.
  public var inputs = 0
  /// Wall time of the whole run, generation included.
  public var seconds: Double = 0
  /// Time of the slowest single input (the target's body only).
  public var slowestMilliseconds: Double = 0
  /// The iteration of the slowest input.
  public var slowestIteration = 0
  /// The first failures (at most `FuzzReport.keptFailures`).
  public var failures: [FuzzFailure] = []
  /// Every failure, including those not kept.
  public var failureCount = 0
  /// True when the run stopped at `maxSeconds` before its count.
  public var timeCapReached = false

  /// Failures kept with their input.
  public static let keptFailures = 5

  /// An empty report.
  public init(target: String, seed: UInt64, start: Int) {
    self.target = target
    self.seed = seed
    self.start = start
  }

  /// True when nothing failed and the run was not cut short.
  public var passed: Bool { failureCount == 0 && !timeCapReached }

  /// One line: `fuzz <target>: <n> inputs, <s> s, slowest <ms> ms (#<i>), seed 0x..., failed: no`.
  public var line: String {
    let verdict = passed ? "no" : "YES (\(failureCount) failing input\(failureCount == 1 ? "" : "s")\(timeCapReached ? ", time cap reached" : ""))"
    return
      "fuzz \(target): \(inputs) inputs, \(Self.format(seconds, 2)) s, slowest input \(Self.format(slowestMilliseconds, 2)) ms (#\(slowestIteration)), seed "
        + "0x\(String(seed, radix: 16)), failed: \(verdict)"
  }

  /// The summary line, then one line per kept failure.
  public var details: String {
    ([line] + failures.map { "  #\($0.iteration): \($0.message)\n    input: \($0.input)" }).joined(separator: "\n")
  }

  private static func format(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
}
