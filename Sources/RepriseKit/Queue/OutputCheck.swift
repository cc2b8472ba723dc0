/// Whether outputs are in place (`FileSystem.entryKind(path) == .file`), for many at once: each
/// output folder is opened once and each output looked up by name in it, on every core.
enum OutputCheck {
  /// For each path, true when it is a regular file (a final symbolic link not followed).
  static func present(_ paths: [String]) -> [Bool] {
    var folders: [String: OpenFolder] = [:]
    for path in paths {
      guard let (folder, _) = split(path), folders[folder] == nil else { continue }
      if let open = OpenFolder(folder) { folders[folder] = open }
    }
    let opened = folders
    return ParallelSlots<Bool>.fill(
      count: paths.count, initial: false, makeState: {},
      body: { n, _ in
        guard let (folder, name) = split(paths[n]), let open = opened[folder] else { return FileSystem.entryKind(paths[n]) == .file }
        return open.isRegularFile(name)
      })
  }

  /// An absolute path's folder and last name, when the name is a plain one (not empty, `.` or
  /// `..`); nil for any other path, which is looked at whole.
  static func split(_ path: String) -> (folder: String, name: String)? {
    guard path.hasPrefix("/"), let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return nil }
    let name = String(path.utf8[path.utf8.index(after: slash)...])
    guard let name, !name.isEmpty, name != ".", name != ".." else { return nil }
    let folder = slash == path.utf8.startIndex ? "/" : String(path.utf8[..<slash])
    guard let folder else { return nil }
    return (folder, name)
  }
}
