/// Compares two manifests: spec fields, batches, and jobs matched by index.
public struct ManifestDiff: Sendable {
  /// The first manifest's id.
  public let oldID: String
  /// The second manifest's id.
  public let newID: String
  /// Every change, spec first, then batches, then jobs by index.
  public let changes: [ManifestChange]

  /// True when the manifest ids are equal.
  public var idsEqual: Bool { oldID == newID }
  /// True when nothing differs.
  public var isEmpty: Bool { changes.isEmpty }

  /// Compares `a` (old) with `b` (new).
  public init(_ a: Manifest, _ b: Manifest) {
    oldID = a.manifestID
    newID = b.manifestID
    var changes: [ManifestChange] = []
    ManifestDiff.compare(a.spec.json, b.spec.json, path: "spec", into: &changes)
    let oldBatches = a.batches.map(\.json)
    let newBatches = b.batches.map(\.json)
    for i in 0..<max(oldBatches.count, newBatches.count) {
      let path = "batches[\(i)]"
      switch (i < oldBatches.count ? oldBatches[i] : nil, i < newBatches.count ? newBatches[i] : nil) {
      case (let x?, let y?) where x != y: changes.append(ManifestChange(path: path, op: .replace, old: x, new: y))
      case (let x?, nil): changes.append(ManifestChange(path: path, op: .remove, old: x, new: nil))
      case (nil, let y?): changes.append(ManifestChange(path: path, op: .add, old: nil, new: y))
      default: break
      }
    }
    // By index; two sweeps by (cell, variant).
    for pair in SweepJobPairs(a, b).pairs {
      let path = pair.path
      switch (pair.old, pair.new) {
      case (let x?, let y?):
        for field in ["prompt", "delta", "delta_id", "seed", "request_sha256", "out", "job_id"] {
          let xv = x.json[field] ?? .null
          let yv = y.json[field] ?? .null
          if xv != yv { changes.append(ManifestChange(path: path + "." + field, op: .replace, old: xv, new: yv)) }
        }
      case (let x?, nil): changes.append(ManifestChange(path: path, op: .remove, old: x.json, new: nil))
      case (nil, let y?): changes.append(ManifestChange(path: path, op: .add, old: nil, new: y.json))
      default: break
      }
    }
    self.changes = changes
  }

  static func compare(_ a: JSONValue, _ b: JSONValue, path: String, into changes: inout [ManifestChange]) {
    if a == b { return }
    if case .object(let x) = a, case .object(let y) = b {
      for key in Set(x.keys).union(y.keys).sorted(by: { $0.utf16.lexicographicallyPrecedes($1.utf16) }) {
        let child = path + "." + key
        switch (x[key], y[key]) {
        case (let xv?, let yv?): compare(xv, yv, path: child, into: &changes)
        case (let xv?, nil): changes.append(ManifestChange(path: child, op: .remove, old: xv, new: nil))
        case (nil, let yv?): changes.append(ManifestChange(path: child, op: .add, old: nil, new: yv))
        default: break
        }
      }
      return
    }
    changes.append(ManifestChange(path: path, op: .replace, old: a, new: b))
  }

  /// The `--json` form.
  public var json: JSONValue {
    .object([
      "identical": .bool(isEmpty),
      "manifest_ids_equal": .bool(idsEqual),
      "old_manifest_id": .string(oldID),
      "new_manifest_id": .string(newID),
      "changes": .array(changes.map(\.json)),
    ])
  }

  /// The readable form, one change a line, ending with a summary line.
  public var text: String {
    var lines: [String] = []
    lines.append(idsEqual ? "manifest ids equal: \(oldID)" : "manifest ids differ: \(oldID) -> \(newID)")
    for change in changes {
      switch change.op {
      case .add: lines.append("+ \(change.path): \(describe(change.new))")
      case .remove: lines.append("- \(change.path): \(describe(change.old))")
      case .replace:
        if case .string(let x)? = change.old, case .string(let y)? = change.new, x.contains(" ") || y.contains(" ") {
          lines.append("~ \(change.path): \(WordDiff.render(x, y))")
        } else {
          lines.append("~ \(change.path): \(describe(change.old)) -> \(describe(change.new))")
        }
      }
    }
    lines.append(summary)
    return lines.joined(separator: "\n") + "\n"
  }

  /// One line counting the changes.
  public var summary: String {
    if isEmpty { return "identical" }
    let spec = changes.filter { $0.path.hasPrefix("spec") }.count
    let batches = changes.filter { $0.path.hasPrefix("batches") }.count
    let jobChanges = changes.filter { $0.path.hasPrefix("jobs") }
    let added = jobChanges.filter { $0.op == .add }.count
    let removed = jobChanges.filter { $0.op == .remove }.count
    let changed = Set(jobChanges.filter { $0.op == .replace }.map { $0.path.split(separator: ".").first.map(String.init) ?? $0.path }).count
    return "\(changes.count) differences: \(spec) in spec, \(batches) in batches, jobs \(added) added, \(removed) removed, \(changed) changed"
  }

  private func describe(_ value: JSONValue?) -> String {
    guard let value else { return "nothing" }
    if case .object(let members) = value, let jobID = members["job_id"]?.stringValue {
      return "job \(jobID)"
    }
    let text = JSONWriter.canonicalString(value)
    return text.count > 120 ? String(text.prefix(117)) + "..." : text
  }
}
