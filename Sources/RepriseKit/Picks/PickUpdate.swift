import Foundation

/// `reprise pick`: adds or removes picks in a manifest's picks file, read-merge-write under the
/// file's lock, so concurrent picks on one manifest all land. The manifest is never written.
package enum PickUpdate {
  /// Picks (or with `unpick`, unpicks) `indices` of the manifest at `manifestPath`.
  /// - Parameters:
  ///   - manifestPath: the manifest (absolute).
  ///   - manifestName: the manifest as the user named it, for messages.
  ///   - indices: job indices; each must be in the manifest.
  ///   - note: the note recorded on each pick (nil keeps a pick's note as it is).
  ///   - unpick: remove the picks instead of adding them.
  /// - Throws: `RepriseError` (exit 2) for an unreadable or edited manifest, an index not in it,
  ///   or a picks file that is not one or belongs to another manifest; nothing is written then.
  package static func apply(manifestPath: String, manifestName: String, indices: [Int], note: String?, unpick: Bool) throws(RepriseError) -> PickReport {
    let document = try ManifestDocument.load(path: manifestPath, name: manifestName)
    guard document.idMatches else {
      throw .badInput("manifest '\(manifestName)' was edited (its manifest_id no longer matches its contents): refusing to record picks for it")
    }
    let manifest = document.manifest
    let jobs = Dictionary(manifest.jobs.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
    for index in indices.sorted() where jobs[index] == nil {
      throw .badInput("index \(index) is not in manifest '\(manifestName)' (its indices: \(IndexRanges.text(manifest.jobs.map(\.index))))")
    }
    let path = PickFile.path(forManifest: manifestPath, prefix: manifest.spec.prefix)
    let shown = PickFile.shownName(path, manifestName: manifestName)
    let folder = (path as NSString).deletingLastPathComponent
    let lockPath = folder + "/." + (path as NSString).lastPathComponent + ".lock"
    return try FileLock.withExclusive(lockPath) { () throws(RepriseError) -> PickReport in
      let existing = try PickFile.load(path: path, name: shown, manifest: manifest, manifestName: manifestName)
      var byIndex = Dictionary((existing?.picks ?? []).map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
      for index in indices {
        if unpick {
          byIndex[index] = nil
        } else if let job = jobs[index] {
          byIndex[index] = PickRecord(job: job, note: note ?? byIndex[index]?.note)
        }
      }
      let updated = PickFile(manifestID: manifest.manifestID, picks: Array(byIndex.values))
      if let existing, existing == updated { return PickReport(path: path, shownPath: shown, file: updated, changed: false) }
      if existing == nil, updated.picks.isEmpty { return PickReport(path: path, shownPath: shown, file: updated, changed: false) }
      do throws(FileSystem.Failure) { try FileSystem.writeAtomically(updated.fileText, to: path) } catch {
        throw .badInput("cannot write picks file '\(shown)': \(error.reason)")
      }
      return PickReport(path: path, shownPath: shown, file: updated, changed: true)
    }
  }
}
