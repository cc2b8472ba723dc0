/// What `VariantsRun.run` did.
package enum VariantsOutcome: Sendable {
  /// Plan only: the manifest was written.
  case planned(VariantsPlanSummary)
  /// The jobs were queued and handed to a background worker: the acknowledgement.
  case handedOff(JSONValue)
  /// The jobs were queued and drained here.
  case drained(VariantsDrainReport)
}
