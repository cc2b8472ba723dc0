import Foundation

/// Waiting for a state instead of sleeping a fixed time: checks a condition every few
/// milliseconds until it holds or a deadline passes.
public enum Poll {
  /// The condition did not hold before the deadline.
  public struct Timeout: Error, CustomStringConvertible {
    /// What was waited for, and for how long.
    public let description: String
  }

  /// Returns as soon as `condition` is true; throws `Timeout` naming `what` after `timeout` seconds.
  /// - Parameters:
  ///   - what: the state waited for, for the failure message ("two claims in processing/").
  ///   - interval: the pause between checks.
  public static func until(_ what: String, timeout: TimeInterval = 30, interval: TimeInterval = 0.02, _ condition: () throws -> Bool) throws {
    guard try wait(timeout: timeout, interval: interval, condition) else {
      throw Timeout(description: "timed out after \(timeout) s waiting for \(what)")
    }
  }

  /// Like `until`, but returns whether `condition` became true instead of throwing (for cleanup).
  @discardableResult
  public static func wait(timeout: TimeInterval, interval: TimeInterval = 0.02, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if try condition() { return true }
      if Date() >= deadline { return false }
      Thread.sleep(forTimeInterval: interval)
    }
  }
}
