import Foundation

/// Lexical path arithmetic (no file system access), used to record paths relative to a folder.
package enum PathMath {
  /// `path` made absolute against `base` and standardised (`.` and `..` removed lexically).
  package static func absolute(_ path: String, base: String) -> String {
    let joined = path.hasPrefix("/") ? path : (base.hasSuffix("/") ? base + path : base + "/" + path)
    var parts: [Substring] = []
    for part in joined.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }

  /// The relative path from folder `from` to `to` (both absolute, standardised).
  package static func relative(from: String, to: String) -> String {
    let a = from.split(separator: "/")
    let b = to.split(separator: "/")
    var common = 0
    while common < a.count, common < b.count, a[common] == b[common] { common += 1 }
    let ups = Array(repeating: "..", count: a.count - common)
    let downs = b[common...].map(String.init)
    let all = ups + downs
    return all.isEmpty ? "." : all.joined(separator: "/")
  }

  /// True when absolute `path` is `folder` or inside it.
  package static func isInside(_ path: String, folder: String) -> Bool {
    if folder == "/" { return true }
    return path == folder || path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
  }
}
