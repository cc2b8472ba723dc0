/// A sweep's jobs grouped for `status`: by cell, or by the values of one axis
/// (`status --by AXIS`), each group with its totals.
package struct SweepGroups: Sendable {
  /// One group: its label (`model=openai/gpt-image-2`, or a cell) and totals.
  package struct Group: Sendable {
    /// `axis=value` pairs, space separated.
    package let label: String
    /// The label's values by axis name, for JSON.
    package let values: JSONValue
    /// The group's totals.
    package let totals: SweepCellTotals
  }

  /// The groups, in sweep order.
  package let groups: [Group]

  /// Groups by `axis` (nil: by cell) of `manifest`'s jobs, from `report` (one entry per job id).
  /// - Throws: a usage error when the manifest is not a sweep or `axis` is not one of its axes.
  package init(manifest: Manifest, report: JobStatusReport, axis: String?) throws(RepriseError) {
    guard let sweep = manifest.spec.sweep else {
      throw .usage("--by groups a sweep's jobs: this manifest is not a sweep (no spec.sweep)")
    }
    var entries: [String: JobStatusReport.Entry] = [:]
    for entry in report.entries where entries[entry.jobID] == nil { entries[entry.jobID] = entry }
    func totals(_ jobs: [ManifestJob]) -> SweepCellTotals {
      var t = SweepCellTotals()
      for job in jobs {
        let entry = entries[job.jobID]
        t.add(state: entry?.state ?? "missing", cost: entry?.record?.cost, latencyMS: entry?.record?.latencyMS)
      }
      return t
    }
    if let axis {
      guard let chosen = SweepAxis(rawValue: axis), let values = sweep.axes.first(where: { $0.axis == chosen }) else {
        throw .usage("--by '\(axis)' is not an axis of this sweep: use one of \(sweep.axisNames.map(\.rawValue).joined(separator: ", "))")
      }
      groups = values.values.map { value in
        Group(
          label: "\(chosen.rawValue)=\(value)", values: .object([chosen.rawValue: value.json]),
          totals: totals(manifest.jobs.filter { $0.cell?.value(chosen) == value }))
      }
    } else {
      groups = sweep.cells.map { cellSpec in
        Group(label: cellSpec.cell.description, values: cellSpec.cell.json, totals: totals(manifest.jobs.filter { $0.cell == cellSpec.cell }))
      }
    }
  }

  /// One line per group: `model=x: 4 jobs, 4 succeeded, 0 failed, cost $0.1345, median latency 259 ms`.
  package var lines: [String] {
    groups.map { g in
      let t = g.totals
      return "\(g.label): \(t.jobs) job\(t.jobs == 1 ? "" : "s"), \(t.succeeded) succeeded, \(t.failed) failed, cost $\(String(format: "%.4f", t.cost)), "
        + "median latency \(t.latencyText)"
    }
  }

  /// `[{values, jobs, succeeded, failed, cost, median_latency_ms}]`.
  package var json: JSONValue {
    .array(
      groups.map { g in
        .object([
          "values": g.values, "jobs": .int(Int64(g.totals.jobs)), "succeeded": .int(Int64(g.totals.succeeded)), "failed": .int(Int64(g.totals.failed)),
          "cost": .double(g.totals.cost), "median_latency_ms": g.totals.medianLatencyMS.map { .int(Int64($0)) } ?? .null,
        ])
      })
  }
}
