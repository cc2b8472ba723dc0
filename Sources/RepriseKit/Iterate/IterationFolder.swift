import Foundation

/// Where an iteration goes. The default rule: the parent's prefix without a trailing `-v<N>` is
/// the stem, and the child is `<stem>-v<n>` in a folder of that name inside the parent
/// manifest's folder, `n` the first number from N+1 (2 for a parent without one) whose folder
/// does not exist yet, so an iteration never lands in an existing folder: `crab` makes
/// `crab-v2/`, then `crab-v3/` beside it; iterating from `crab-v2` makes `crab-v2/crab-v3/`.
/// `--out-dir` and `--prefix` replace either part (`--out-dir` alone keeps the prefix
/// `<stem>-v<N+1>`; `--prefix P` alone uses the folder `P` inside the parent's), and the usual
/// manifest rules then apply (the same spec continues, a different one is refused).
package struct IterationFolder: Sendable, Equatable {
  /// The child's `--out-dir`, as shown (relative to the current folder when the parent's is).
  package let outDir: String
  /// The child's `--prefix`.
  package let prefix: String

  /// A folder as given.
  package init(outDir: String, prefix: String) {
    self.outDir = outDir
    self.prefix = prefix
  }

  /// Highest `n` tried before giving up.
  static let maxVersion = 100_000

  /// Resolves the folder and prefix.
  /// - Parameters:
  ///   - parentManifest: the parent manifest as shown (its folder is where a default goes).
  ///   - parentPrefix: the parent spec's prefix.
  ///   - outDir: `--out-dir`, if given.
  ///   - prefix: `--prefix`, if given.
  ///   - currentDirectory: what shown paths are relative to.
  /// - Throws: `RepriseError` (exit 2) when no free name is left.
  package static func resolve(
    parentManifest: String, parentPrefix: String, outDir: String?, prefix: String?, currentDirectory: String
  ) throws(RepriseError) -> IterationFolder {
    let parentFolder = (parentManifest as NSString).deletingLastPathComponent
    let (stem, version) = stemAndVersion(parentPrefix)
    if let outDir { return IterationFolder(outDir: outDir, prefix: prefix ?? name(stem: stem, version: version + 1)) }
    if let prefix { return IterationFolder(outDir: join(parentFolder, prefix), prefix: prefix) }
    var n = version + 1
    while n <= maxVersion {
      let candidate = name(stem: stem, version: n)
      let folder = join(parentFolder, candidate)
      if FileSystem.entryKind(PathMath.absolute(folder, base: currentDirectory)) == .missing { return IterationFolder(outDir: folder, prefix: candidate) }
      n += 1
    }
    throw .badInput("no free iteration folder name '\(stem)-v<n>' left beside '\(parentManifest)': pass --out-dir")
  }

  /// `crab-v3` -> (`crab`, 3); `crab` -> (`crab`, 1). Only `-v` and 1-6 digits without a leading
  /// zero count as a version.
  static func stemAndVersion(_ prefix: String) -> (String, Int) {
    guard let dash = prefix.range(of: "-v", options: .backwards) else { return (prefix, 1) }
    let digits = prefix[dash.upperBound...]
    guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }), !digits.hasPrefix("0"), let n = Int(digits),
      dash.lowerBound > prefix.startIndex
    else { return (prefix, 1) }
    return (String(prefix[..<dash.lowerBound]), n)
  }

  /// `<stem>-v<n>`, the stem shortened so the prefix stays within 64 characters.
  static func name(stem: String, version: Int) -> String {
    let suffix = "-v\(version)"
    return String(stem.prefix(64 - suffix.count)) + suffix
  }

  private static func join(_ folder: String, _ name: String) -> String {
    folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
  }
}
