/// `spec.sweep`: the axes of a sweep, the cells planned (each with its own model and request)
/// and the cells skipped. Absent from every manifest that is not a sweep, so those stay byte for
/// byte as before. Part of the spec's identity: a batch added with another sweep is refused,
/// naming the member that differs (`spec.sweep.axes[0].values[2]`, ...).
public struct SweepSpec: Sendable, Equatable {
  /// The axes and their values, in the order given (`--sweep` flags, then `--prompt-variant`).
  public let axes: [SweepAxisValues]
  /// The valid cells in product order (the first axis varies slowest).
  public let cells: [SweepCellSpec]
  /// True when `--skip-invalid-cells` was given.
  public let skipInvalidCells: Bool
  /// The cells left out (only with `--skip-invalid-cells`), in product order.
  public let skipped: [SweepSkippedCell]

  /// A sweep as planned.
  public init(axes: [SweepAxisValues], cells: [SweepCellSpec], skipInvalidCells: Bool, skipped: [SweepSkippedCell]) {
    self.axes = axes
    self.cells = cells
    self.skipInvalidCells = skipInvalidCells
    self.skipped = skipped
  }

  /// The axes, in order.
  public var axisNames: [SweepAxis] { axes.map(\.axis) }

  /// The planned cell with these values, or nil.
  public func cellSpec(_ cell: SweepCell) -> SweepCellSpec? { cells.first { $0.cell == cell } }

  /// The position of `cell` among the planned cells, or nil.
  public func ordinal(of cell: SweepCell) -> Int? { cells.firstIndex { $0.cell == cell } }

  /// The manifest form.
  public var json: JSONValue {
    .object([
      "axes": .array(axes.map(\.json)),
      "cells": .array(cells.map(\.json)),
      "skip_invalid_cells": .bool(skipInvalidCells),
      "skipped_cells": .array(skipped.map(\.json)),
    ])
  }

  /// Reads the manifest form.
  init(reading r: JSONObjectReader) throws(JSONFieldError) {
    axes = try r.objects("axes").map { (a) throws(JSONFieldError) in try SweepAxisValues(reading: a) }
    let names = axes.map(\.axis)
    guard !names.isEmpty, Set(names).count == names.count else {
      throw JSONFieldError(path: r.path + ".axes", expected: "one or more distinct axes", found: names.map(\.rawValue).joined(separator: ", "))
    }
    cells = try r.objects("cells").map { (c) throws(JSONFieldError) in try SweepCellSpec(reading: c, axes: names) }
    guard !cells.isEmpty else { throw JSONFieldError(path: r.path + ".cells", expected: "at least one cell", found: "none") }
    skipInvalidCells = try r.bool("skip_invalid_cells")
    skipped = try r.objects("skipped_cells").map { (c) throws(JSONFieldError) in try SweepSkippedCell(reading: c, axes: names) }
  }
}
