/// What a foreground `variants` run did: the batch, every planned job's state and the drain.
package struct VariantsDrainReport: Sendable {
  /// The batch as written.
  package let prepared: PreparedVariants
  /// The queue the jobs ran in.
  package let layout: QueueLayout
  /// Every planned job's state after the drain.
  package let status: JobStatusReport
  /// What the drain did.
  package let summary: DrainSummary
}
