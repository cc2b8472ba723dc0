import Foundation

/// Runs a fuzz target: generates each input from `(seed, target, iteration)`, runs the target's
/// body on it, times it, and collects failures (a thrown error, an input over the slow budget).
///
/// A crash ends the process, so the runner leaves a trail: with `progressPath` set it records the
/// slice of iterations being run, and with `tracePath` set it writes every input before running
/// it; `bench/fuzz.sh` uses both to pin down a crashing input. A hang is caught by `FuzzWatchdog`.
///
/// ```swift
/// let report = FuzzRunner(configuration: FuzzConfiguration(count: 1_000, seed: 1)).run(
///   target: "json", make: { rng, _ in mutator.next(&rng) }, bytes: { $0 }
/// ) { input in _ = try? JSONParser().parse(input) }
/// ```
public struct FuzzRunner: Sendable {
  /// Counts, seed, budgets and trail files.
  public let configuration: FuzzConfiguration

  /// A runner with `configuration`.
  public init(configuration: FuzzConfiguration) { self.configuration = configuration }

  /// Runs `configuration.count` inputs through `body`.
  ///
  /// - Parameters:
  ///   - target: the target's name, also the random stream's name.
  ///   - make: builds input `iteration` from its own generator.
  ///   - bytes: the input as bytes, for the trail files and failure messages.
  ///   - body: runs one input; throws (usually `FuzzViolation`) when a property breaks.
  /// - Returns: the report; its `line` is also appended to `reportPath` when set.
  public func run<Input>(
    target: String, make: (inout SplitMix64, Int) -> Input, bytes: (Input) -> [UInt8], body: (Input) async throws -> Void
  ) async -> FuzzReport {
    let c = configuration
    var report = FuzzReport(target: target, seed: c.seed, start: c.start)
    let label = "\(target) (seed 0x\(String(c.seed, radix: 16)))"
    let watchdog = FuzzWatchdog(label: label, limitSeconds: c.hangSeconds, dumpPath: c.tracePath ?? c.progressPath.map { $0 + ".hang" })
    defer { watchdog.stop() }
    let began = DispatchTime.now().uptimeNanoseconds
    let capNanoseconds = UInt64(c.maxSeconds * 1e9)
    let end = c.start + c.count
    // While tracing, progress names each input: after a crash it is the crashing one.
    let interval = c.tracePath == nil ? max(1, c.progressInterval) : 1
    for iteration in c.start..<end {
      if let path = c.progressPath, (iteration - c.start) % interval == 0 {
        let slice = "\(target) seed=0x\(String(c.seed, radix: 16)) start=\(iteration) count=\(min(interval, end - iteration))\n"
        _ = FileManager.default.createFile(atPath: path, contents: Data(slice.utf8))
      }
      if DispatchTime.now().uptimeNanoseconds - began > capNanoseconds {
        report.timeCapReached = true
        break
      }
      var rng = SplitMix64.derive(seed: c.seed, stream: target, index: iteration)
      let input = make(&rng, iteration)
      let inputBytes = bytes(input)
      if let path = c.tracePath { _ = FileManager.default.createFile(atPath: path, contents: Data(inputBytes)) }
      watchdog.begin(iteration, input: inputBytes)
      let start = DispatchTime.now().uptimeNanoseconds
      var failure: String?
      do { try await body(input) } catch { failure = "\(error)" }
      let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
      watchdog.end()
      report.inputs += 1
      if elapsed > report.slowestMilliseconds {
        report.slowestMilliseconds = elapsed
        report.slowestIteration = iteration
      }
      if failure == nil, elapsed > c.slowMilliseconds {
        failure = "took \(String(format: "%.1f", elapsed)) ms, over the \(String(format: "%.0f", c.slowMilliseconds)) ms budget"
      }
      if let failure {
        report.failureCount += 1
        if report.failures.count < FuzzReport.keptFailures {
          report.failures.append(FuzzFailure(iteration: iteration, message: failure, input: FuzzFailure.escaped(inputBytes)))
        }
      }
    }
    report.seconds = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
    if let path = c.reportPath {
      let line = Data((report.details + "\n").utf8)
      if let handle = FileHandle(forWritingAtPath: path) {
        handle.seekToEndOfFile()
        handle.write(line)
        try? handle.close()
      } else {
        _ = FileManager.default.createFile(atPath: path, contents: line)
      }
    }
    return report
  }
}
