import Foundation
import RepriseKit

/// Turns drain events into progress on stderr: a live line on a terminal
/// (`[12/40] 2 failed, eta 1m10s`), one line per finished job otherwise. `--quiet` silences it;
/// colour only on a terminal and never with `NO_COLOR`.
final class ProgressReporter: @unchecked Sendable {
  private let lock = NSLock()
  private let console: Console
  private let live: Bool
  private let quiet: Bool
  private let color: Bool
  private var total: Int
  private var done = 0
  private var failed = 0
  private let started = Date()

  init(console: Console, total: Int, quiet: Bool, environment: [String: String]) {
    self.console = console
    self.total = total
    self.quiet = quiet
    self.live = console.stderrIsTerminal && !quiet
    self.color = console.stderrIsTerminal && environment["NO_COLOR"] == nil
  }

  func handle(_ event: DrainEvent) {
    lock.lock()
    defer { lock.unlock() }
    guard !quiet else { return }
    switch event {
    case .recovered(let recovery):
      total += recovery.requeued.count
      emit(
        "recovered \(recovery.requeued.count + recovery.completed.count) orphaned job(s): \((recovery.requeued + recovery.completed).joined(separator: ", "))")
    case .started:
      if live { redraw() }
    case .finished(let jobID, let record, let succeeded):
      done += 1
      if done > total { total = done }
      if !succeeded { failed += 1 }
      if live {
        if !succeeded { emit("\(paint("failed", red: true)) \(jobID): \(record.error?.message ?? "unknown error")") }
        redraw()
      } else if succeeded {
        let seconds = Double(record.latencyMS ?? 0) / 1000
        emit("[\(done)/\(total)] ok \(jobID) -> \(record.out) (\(String(format: "%.1f", seconds)) s)")
      } else {
        emit("[\(done)/\(total)] failed \(jobID): \(record.error?.message ?? "unknown error")")
      }
    case .malformed(let jobID, let reason):
      done += 1
      failed += 1
      emit("[\(done)/\(max(total, done))] failed \(jobID): malformed job file: \(reason)")
    case .returned(let jobID):
      emit("returned \(jobID) to pending/")
    case .costCapReached(let spent):
      emit("cost cap reached ($\(String(format: "%.4f", spent)) spent): no more jobs are started")
    case .storageFailure:
      break  // the command prints the one error line when the drain ends
    }
  }

  /// Ends the live line.
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if live { console.err("\r\u{1B}[2K") }
  }

  private func emit(_ line: String) {
    if live { console.err("\r\u{1B}[2K") }
    console.errLine(line)
  }

  private func redraw() {
    let elapsed = Date().timeIntervalSince(started)
    var eta = ""
    if done > 0, total > done {
      let remaining = elapsed / Double(done) * Double(total - done)
      eta = ", eta " + ProgressReporter.duration(remaining)
    }
    console.err("\r\u{1B}[2K[\(done)/\(total)] \(failed) failed\(eta)")
  }

  private func paint(_ text: String, red: Bool) -> String { color ? "\u{1B}[31m\(text)\u{1B}[0m" : text }

  static func duration(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    return s >= 60 ? "\(s / 60)m\(String(format: "%02d", s % 60))s" : "\(s)s"
  }
}
