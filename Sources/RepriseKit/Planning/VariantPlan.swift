/// The result of planning one `variants` invocation, before it is merged into a manifest.
public struct VariantPlan: Sendable {
  /// The spec shared by every job.
  public let spec: ManifestSpec
  /// This invocation's batch.
  public let batch: ManifestBatch
  /// The jobs this invocation plans, sorted by index.
  public let jobs: [ManifestJob]
}
