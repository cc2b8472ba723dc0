/// What `variants --plan-only` did: the manifest written (or found unchanged) and the estimate.
package struct VariantsPlanSummary: Sendable {
  /// The batch as written.
  package let prepared: PreparedVariants
  /// The cost of the planned jobs from the cached model list, when it lists the model.
  package let estimate: CostEstimate?
  /// A sweep's estimate per cell and in total (then `estimate` is nil).
  package var sweepEstimate: SweepEstimate? = nil
}
