import Foundation

/// The folder the MCP server may touch (`--root`). Every path a caller names, relative (to the
/// root) or absolute or a `file://` URI, is resolved here: `.` and `..` lexically, then the
/// symbolic links of its longest existing ancestor, and refused unless the result is the root or
/// inside it.
package struct MCPRoot: Sendable, Equatable {
  /// The root, absolute with its symbolic links resolved.
  package let path: String

  /// The root at `path` (resolved against `currentDirectory`).
  /// - Throws: `RepriseError` (usage) when it is not an existing folder.
  package init(_ path: String, currentDirectory: String) throws(RepriseError) {
    let absolute = PathMath.absolute(path, base: currentDirectory)
    guard FileSystem.isDirectory(absolute), let real = FileSystem.realPath(absolute) else {
      throw .usage("--root '\(path)' is not an existing folder")
    }
    self.path = real
  }

  /// `given` resolved inside the root.
  /// - Parameter argument: the argument's name, for the error.
  /// - Throws: `MCPError` -32602 for an empty path, a URI that is not `file://`, or a path that
  ///   leads outside the root (also through a symbolic link).
  package func resolve(_ given: String, argument: String) throws(MCPError) -> String {
    var text = given
    if text.hasPrefix("file://") {
      guard let url = URL(string: text), url.isFileURL, url.host == nil || url.host == "" || url.host == "localhost" else {
        throw .invalidParams("\(argument): '\(given)' is not a file URI this server can read")
      }
      text = url.path
    } else if text.contains("://") {
      throw .invalidParams("\(argument): '\(given)' is not a path inside the root (only file:// URIs and paths are accepted)")
    }
    guard !text.isEmpty, !text.contains("\0") else { throw .invalidParams("\(argument) must be a non-empty path") }
    let lexical = PathMath.absolute(text, base: path)
    guard PathMath.isInside(lexical, folder: path) else { throw outside(given, argument) }
    // Resolve the links of the longest existing ancestor, then put the missing rest back.
    var existing = lexical
    var rest: [String] = []
    while FileSystem.realPath(existing) == nil, existing != "/" {
      rest.insert((existing as NSString).lastPathComponent, at: 0)
      existing = (existing as NSString).deletingLastPathComponent
    }
    let real = FileSystem.realPath(existing) ?? existing
    let resolved = rest.isEmpty ? real : PathMath.absolute(rest.joined(separator: "/"), base: real)
    guard PathMath.isInside(resolved, folder: path) else { throw outside(given, argument) }
    return resolved
  }

  /// `path` relative to the root, for messages (`.` for the root itself).
  package func relative(_ absolute: String) -> String { PathMath.relative(from: path, to: absolute) }

  /// The `file://` URI of an absolute path.
  package static func uri(_ absolute: String) -> String { URL(fileURLWithPath: absolute).absoluteString }

  private func outside(_ given: String, _ argument: String) -> MCPError {
    .invalidParams("\(argument): '\(given)' is outside the server's root \(path): refused")
  }
}
