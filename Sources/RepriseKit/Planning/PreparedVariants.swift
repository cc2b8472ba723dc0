/// A planned batch merged with any existing manifest, ready to print or write.
public struct PreparedVariants: Sendable {
  /// The manifest to write.
  public let manifest: Manifest
  /// `<out-dir>/<prefix>-manifest.json`.
  public let manifestPath: String
  /// The jobs this invocation planned.
  public let plannedJobs: [ManifestJob]
  /// The existing manifest's text, or nil when there was none.
  public let existingText: String?

  /// The file text to write.
  public var fileText: String { manifest.fileText }
  /// True when writing would change the file (or create it).
  public var changesFile: Bool { existingText != fileText }
}
