import Foundation

/// Writing gallery pages: atomically, and only over a file reprise wrote (one that starts with
/// the marker comment), never over anything else.
package enum GalleryFile {
  /// The first line of every gallery page.
  package static let marker = "<!-- reprise gallery -->"

  /// Throws unless `path` is free, or a regular file that starts with `marker`.
  /// - Parameter shown: the path as the user gave it, for the message.
  /// - Throws: `RepriseError` (exit 2).
  package static func checkReplaceable(_ path: String, shown: String) throws(RepriseError) {
    switch FileSystem.entryKind(path) {
    case .missing: return
    case .directory: throw .badInput("'\(shown)' is a folder, not a gallery file: pass another --out")
    case .symlink: throw .badInput("'\(shown)' is a symbolic link; reprise does not write through links: pass another --out")
    case .other: throw .badInput("'\(shown)' is not a regular file: pass another --out")
    case .file: break
    }
    let wanted = marker.utf8.count
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw .badInput("'\(shown)' exists and cannot be read: refusing to overwrite it; pass another --out")
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: wanted)) ?? nil
    guard let head, Array(head) == Array(marker.utf8) else {
      throw .badInput(
        "'\(shown)' exists and was not written by reprise gallery (it does not start with \(marker)): refusing to overwrite it; pass another --out")
    }
  }

  /// Checks `path` with `checkReplaceable`, creates its folder if missing, and writes `html` atomically.
  /// - Throws: `RepriseError` (exit 2).
  package static func write(_ html: String, to path: String, shown: String) throws(RepriseError) {
    try checkReplaceable(path, shown: shown)
    do {
      try FileSystem.makeDirectories(PathMath.absolute("..", base: path))
      try FileSystem.writeAtomically(html, to: path)
    } catch {
      throw .badInput("cannot write '\(shown)': \(error.reason)")
    }
  }
}
