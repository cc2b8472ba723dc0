/// What `RerunOperation.run` did.
package enum RerunOutcome: Sendable {
  /// The runnable jobs were queued and handed to a background worker: the acknowledgement, and
  /// how many jobs were refused (not sent).
  case handedOff(JSONValue, refused: Int)
  /// The jobs were drained here and compared.
  case compared(RerunReport)
}
