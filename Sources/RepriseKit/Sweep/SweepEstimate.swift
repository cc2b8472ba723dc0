/// The plan-only estimate of a sweep: per cell (its own model's cached price and size), and in
/// total. Cells whose model the cached list has no price for are counted in `unpriced`.
package struct SweepEstimate: Sendable {
  /// One cell's estimate.
  package struct Cell: Sendable {
    /// The cell.
    package let cell: SweepCell
    /// Jobs planned in the cell.
    package let images: Int
    /// Its estimate, or nil when the cached list has no price for its model.
    package let estimate: CostEstimate?
  }

  /// Each planned cell, in sweep order.
  package let cells: [Cell]

  /// The estimate of `jobs` (planned jobs of `manifest`, a sweep) from the cached model list.
  package init(manifest: Manifest, jobs: [ManifestJob], environment: [String: String]) {
    let sweep = manifest.spec.sweep!
    cells = sweep.cells.map { cellSpec in
      let images = jobs.filter { $0.cell == cellSpec.cell }.count
      let size = cellSpec.cell.value(.imageSize)?.text ?? manifest.spec.imageSize
      let estimate = CostEstimate.fromCache(model: cellSpec.model, images: images, imageSize: size, environment: environment)
      return Cell(cell: cellSpec.cell, images: images, estimate: estimate)
    }
  }

  /// Total USD of the priced cells.
  package var total: Double { cells.reduce(0) { $0 + ($1.estimate?.total ?? 0) } }
  /// Images planned.
  package var images: Int { cells.reduce(0) { $0 + $1.images } }
  /// Planned images in cells without a price.
  package var unpriced: Int { cells.filter { $0.estimate == nil }.reduce(0) { $0 + $1.images } }
  /// The dearest cell's price of one image: what `--max-cost` reserves per request in flight.
  package var largestPerImage: Double? { cells.compactMap { $0.estimate?.perImage }.max() }

  /// `estimate: about $x for N images in K cells` then one line per cell.
  package var lines: [String] {
    var lines = ["estimate: about $\(String(format: "%.4f", total)) for \(images) images in \(cells.count) cells"
      + (unpriced > 0 ? " (\(unpriced) without a cached price)" : "") + " (from the cached model list)"]
    for c in cells {
      let price = c.estimate.map { "about $\(String(format: "%.4f", $0.total)) (\($0.basis))" } ?? "no cached price"
      lines.append("  \(c.cell): \(c.images) image\(c.images == 1 ? "" : "s"), \(price)")
    }
    return lines
  }

  /// `{total_usd, images, unpriced_images, cells: [{cell, images, estimate}]}`.
  package var json: JSONValue {
    .object([
      "total_usd": .double((total * 1e6).rounded() / 1e6), "images": .int(Int64(images)), "unpriced_images": .int(Int64(unpriced)),
      "cells": .array(cells.map { .object(["cell": $0.cell.json, "images": .int(Int64($0.images)), "estimate": $0.estimate?.json ?? .null]) }),
    ])
  }
}
