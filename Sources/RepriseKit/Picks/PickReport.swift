/// What `reprise pick` did: the picks file and the picks it now holds.
package struct PickReport: Sendable {
  /// The picks file (absolute).
  package let path: String
  /// The picks file as the user would name it (beside the manifest as given).
  package let shownPath: String
  /// The file's contents after the update.
  package let file: PickFile
  /// False when the file already held exactly this (nothing was written).
  package let changed: Bool

  /// The `--json` form.
  package var json: JSONValue {
    .object(["picks_file": .string(shownPath), "manifest_id": .string(file.manifestID), "changed": .bool(changed), "picks": .array(file.picks.map(\.json))])
  }

  /// One line per pick, then a summary line.
  package var lines: [String] {
    var lines = file.picks.map { pick in
      "picked \(pick.index)  \(pick.jobID) -> \(pick.out)" + (pick.note.map { "  note: \($0)" } ?? "")
    }
    let count = file.picks.count
    lines.append("\(count) \(count == 1 ? "pick" : "picks") in \(shownPath)\(changed ? "" : " (unchanged)")")
    return lines
  }
}
