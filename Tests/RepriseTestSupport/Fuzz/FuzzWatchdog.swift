import Foundation

/// Catches a hang, which no time budget measured after the fact can: a background thread
/// watches the input being run and, when one runs longer than the limit, writes it out, prints
/// how to replay it and ends the process (exit 70), instead of letting CI hang.
public final class FuzzWatchdog: @unchecked Sendable {
  private let lock = NSLock()
  private let limitNanoseconds: UInt64
  private let label: String
  private let dumpPath: String?
  private var iteration = -1
  private var input: [UInt8] = []
  private var startedAt: UInt64 = 0
  private var busy = false
  private var stopped = false

  /// A watchdog for `label` (target and seed, for the message) that stops the process after
  /// `limitSeconds` on one input, writing that input to `dumpPath` if given.
  public init(label: String, limitSeconds: Double, dumpPath: String?) {
    self.label = label
    limitNanoseconds = UInt64(max(0.001, limitSeconds) * 1e9)
    self.dumpPath = dumpPath
    Thread.detachNewThread { [self] in watch() }
  }

  /// Marks the start of `iteration`, whose bytes are `input`.
  public func begin(_ iteration: Int, input: [UInt8]) {
    let now = DispatchTime.now().uptimeNanoseconds
    lock.lock()
    self.iteration = iteration
    self.input = input
    startedAt = now
    busy = true
    lock.unlock()
  }

  /// Marks the end of the current input.
  public func end() {
    lock.lock()
    busy = false
    lock.unlock()
  }

  /// Stops watching; the thread exits within its next tick.
  public func stop() {
    lock.lock()
    stopped = true
    lock.unlock()
  }

  private func watch() {
    while true {
      // The watchdog's own tick: this sleep is the behaviour (how often a hang is looked for),
      // not a wait for some state, so it stays.
      Thread.sleep(forTimeInterval: 0.1)
      lock.lock()
      if stopped { lock.unlock(); return }
      let hung = busy && DispatchTime.now().uptimeNanoseconds - startedAt > limitNanoseconds
      let iteration = self.iteration
      let input = self.input
      lock.unlock()
      guard hung else { continue }
      var message =
        "fuzz \(label): input #\(iteration) has run for more than \(Double(limitNanoseconds) / 1e9) s: a hang. Replay with REPRISE_FUZZ_START=\(iteration) "
          + "REPRISE_FUZZ_COUNT=1."
      if let dumpPath, FileManager.default.createFile(atPath: dumpPath, contents: Data(input)) {
        message += " Input written to \(dumpPath)."
      }
      message += "\n  input: \(FuzzFailure.escaped(input))\n"
      FileHandle.standardError.write(Data(message.utf8))
      exit(70)
    }
  }
}
