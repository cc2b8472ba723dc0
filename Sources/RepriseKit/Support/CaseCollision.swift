import Foundation

/// Refuses a manifest name that would land on another prefix's manifest: on a case-insensitive
/// volume (APFS and HFS+ by default, FAT, exFAT, SMB) `Logo-manifest.json` and
/// `logo-manifest.json` are one file, so `--prefix logo` would merge into, or be refused by,
/// `--prefix Logo`'s batch. Case-sensitive volumes (Linux's usual ones) keep both.
package enum CaseCollision {
  /// Throws when `folder` holds a file whose name differs from `fileName` only by letter case
  /// and the folder is case-insensitive.
  /// - Parameters:
  ///   - fileName: the name about to be used, e.g. `logo-manifest.json`.
  ///   - folder: the absolute folder (missing is fine: nothing collides).
  ///   - shownFolder: the folder as the user wrote it, for the message.
  ///   - flag: the flag that chose the name, e.g. `--prefix`.
  ///   - isCaseInsensitive: the volume check (tests answer it themselves).
  /// - Throws: `RepriseError.badInput` (exit 2) naming both files.
  package static func check(
    _ fileName: String, in folder: String, shownFolder: String, flag: String,
    isCaseInsensitive: (String) -> Bool = Platform.isCaseInsensitive(folder:)
  ) throws(RepriseError) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    let folded = fileName.lowercased()
    guard let other = names.sorted().first(where: { $0 != fileName && $0.lowercased() == folded }) else { return }
    guard isCaseInsensitive(folder) else { return }
    let shown = { (name: String) in (shownFolder as NSString).appendingPathComponent(name) }
    throw .badInput(
      "'\(shown(fileName))' and the existing '\(shown(other))' are one file on this case-insensitive volume: use the same letter case in \(flag), or another "
        + "\(flag)"
    )
  }
}
