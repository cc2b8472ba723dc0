import Foundation

/// The files under the root a client can list and read as MCP resources: manifests
/// (`*-manifest.json`), result records (`results/*.json` of a queue), galleries (`*-gallery.html`,
/// `*-compare.html`) and, to follow a resource link, the images reprise wrote. Only regular files
/// inside the root are read; symbolic links are not followed out of it.
package struct MCPResourceCatalog: Sendable {
  /// The root.
  package let root: MCPRoot
  /// Folders below the root searched, at most.
  package static let maxDepth = 6
  /// Resources listed, at most.
  package static let maxListed = 2000
  /// The largest file read.
  package static let maxReadBytes = 64 * 1_048_576

  /// A catalog of `root`.
  package init(root: MCPRoot) { self.root = root }

  /// What kind of resource a file name is, or nil when it is none.
  package static func kind(of path: String) -> String? {
    let name = (path as NSString).lastPathComponent
    let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
    if name.hasSuffix("-manifest.json") { return "manifest" }
    if folder == "results", name.hasSuffix(".json") { return "result" }
    if name.hasSuffix("-gallery.html") || name.hasSuffix("-compare.html") { return "gallery" }
    return nil
  }

  /// The media type of a readable file, or nil when it may not be read.
  package static func mimeType(of path: String) -> String? {
    switch (path as NSString).pathExtension.lowercased() {
    case "json": return kind(of: path) == nil ? nil : "application/json"
    case "html": return kind(of: path) == nil ? nil : "text/html"
    case "png": return "image/png"
    case "jpg", "jpeg": return "image/jpeg"
    case "webp": return "image/webp"
    case "gif": return "image/gif"
    default: return nil
    }
  }

  /// `resources/list`: every manifest, result and gallery, sorted by path.
  package func list() -> JSONValue {
    var found: [String] = []
    walk(root.path, depth: 0, into: &found)
    let resources: [JSONValue] = found.sorted().prefix(Self.maxListed).map { path in
      let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
      var members: [String: JSONValue] = [
        "uri": .string(MCPRoot.uri(path)), "name": .string(root.relative(path)), "mimeType": .optional(Self.mimeType(of: path)),
        "description": .string("reprise \(Self.kind(of: path) ?? "file"): \(root.relative(path))"),
      ]
      if let size { members["size"] = .int(Int64(size)) }
      return .object(members)
    }
    return .object(["resources": .array(resources)])
  }

  /// `resources/read` of `uri`: text for JSON and HTML, base64 for images.
  /// - Throws: `MCPError` -32602 for a URI outside the root or of a kind not served, -32002 for a
  ///   file that does not exist.
  package func read(_ uri: String) throws(MCPError) -> JSONValue {
    let path = try root.resolve(uri, argument: "uri")
    guard let mimeType = Self.mimeType(of: path) else {
      throw .invalidParams("uri: '\(root.relative(path))' is not a manifest, result, gallery or image: not served")
    }
    guard FileSystem.entryKind(path) == .file else { throw MCPError(.resourceNotFound, "resource not found: \(uri)", data: .object(["uri": .string(uri)])) }
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(path, limit: Self.maxReadBytes, noFollow: true) } catch {
      throw MCPError(.resourceNotFound, "resource \(uri) cannot be read: \(error.reason)", data: .object(["uri": .string(uri)]))
    }
    var content: [String: JSONValue] = ["uri": .string(MCPRoot.uri(path)), "mimeType": .string(mimeType)]
    if mimeType.hasPrefix("image/") {
      content["blob"] = .string(Data(bytes).base64EncodedString())
    } else {
      content["text"] = .string(String(decoding: bytes, as: UTF8.self))
    }
    return .object(["contents": .array([.object(content)])])
  }

  private func walk(_ folder: String, depth: Int, into found: inout [String]) {
    guard depth <= Self.maxDepth, found.count < Self.maxListed else { return }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = folder + "/" + name
      switch FileSystem.entryKind(path) {
      case .directory: walk(path, depth: depth + 1, into: &found)
      case .file: if Self.kind(of: path) != nil { found.append(path) }
      default: break
      }
    }
  }
}
