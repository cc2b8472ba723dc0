import Foundation

/// Finds `*-manifest.json` files under a folder, recursively, without leaving it: symbolic links
/// (to folders or files) are never followed.
package enum ManifestFinder {
  /// What a walk found.
  package struct Found: Sendable, Equatable {
    /// Manifest paths relative to the folder walked, sorted.
    package let paths: [String]
    /// One line per subfolder that could not be listed.
    package let warnings: [String]
  }

  /// The manifests under `root` (absolute), as paths relative to it.
  package static func find(under root: String) -> Found {
    var paths: [String] = []
    var warnings: [String] = []
    var pending = [""]
    while let relative = pending.popLast() {
      let folder = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
      let names: [String]
      do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
        warnings.append("warning: cannot list folder '\(relative.isEmpty ? "." : relative)': skipped")
        continue
      }
      for name in names.sorted() {
        let child = relative.isEmpty ? name : relative + "/" + name
        switch FileSystem.entryKind((folder as NSString).appendingPathComponent(name)) {
        case .directory: pending.append(child)
        case .file where name.hasSuffix("-manifest.json"): paths.append(child)
        default: break
        }
      }
    }
    return Found(paths: paths.sorted(), warnings: warnings)
  }
}
