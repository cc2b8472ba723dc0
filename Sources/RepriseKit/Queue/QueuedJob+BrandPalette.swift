extension QueuedJob {
  /// The diagnostics member carrying the spec's brand palette (`spec.palette`) to the worker;
  /// present only when the spec has one, so jobs and results without a palette keep their bytes.
  /// Diagnostics are not part of any hash (`request_sha256` covers the request body only).
  package static let brandPaletteKey = "brand_palette"

  /// The brand colours the output is measured against (`#RRGGBB`), or nil: none recorded, or a
  /// job queued by an earlier version.
  package var brandPalette: [String]? {
    guard let colours = diagnostics[QueuedJob.brandPaletteKey]?.arrayValue?.compactMap(\.stringValue), !colours.isEmpty else { return nil }
    return colours
  }
}
