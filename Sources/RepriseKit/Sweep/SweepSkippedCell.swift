/// A cell `--skip-invalid-cells` left out, and why (the error its flags would have given).
public struct SweepSkippedCell: Sendable, Equatable {
  /// The cell's values.
  public let cell: SweepCell
  /// The one-line reason, e.g. `--aspect-ratio '16:9' is not supported by openai/gpt-image-2 ...`.
  public let reason: String

  /// A skipped cell as given.
  public init(cell: SweepCell, reason: String) {
    self.cell = cell
    self.reason = reason
  }

  /// The manifest form.
  public var json: JSONValue { .object(["cell": cell.json, "reason": .string(reason)]) }

  /// Reads the manifest form.
  init(reading r: JSONObjectReader, axes: [SweepAxis]) throws(JSONFieldError) {
    cell = try SweepCell.reading(try r.value("cell"), axes: axes, path: r.path + ".cell")
    reason = try r.string("reason")
  }
}
