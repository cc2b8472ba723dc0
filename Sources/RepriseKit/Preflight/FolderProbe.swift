import Foundation

/// `preflight`'s folder checks. Writability is tested by creating a new file and removing it at
/// once (`FileSystem.probeProblem`: `access(2)` passes for root even where nothing can be written,
/// such as `/proc`), and a missing folder counts as fine only when its nearest existing parent
/// passes that test.
package enum FolderProbe {
  /// Checks `dir` (as given, for messages; `absolute` is where it is), named by the option `flag`
  /// that the fix-ups suggest changing.
  package static func check(_ dir: String, absolute: String, flag: String) -> FolderFinding {
    let quoted = ShellQuoting.singleQuoted(dir)
    switch FileSystem.entryKind(absolute) {
    case .directory:
      return writable(dir, absolute: absolute, flag: flag)
    case .symlink where FileSystem.isDirectory(absolute):
      return writable(dir, absolute: absolute, flag: flag)
    case .missing:
      var parent = (absolute as NSString).deletingLastPathComponent
      while FileSystem.entryKind(parent) == .missing, parent != "/" { parent = (parent as NSString).deletingLastPathComponent }
      guard FileSystem.isDirectory(parent) else {
        let problem = "cannot be created: '\(parent)' is a file, not a folder"
        return FolderFinding(
          problem: problem, detail: "\(dir): \(problem)",
          fixup: "reprise preflight --\(flag) <another folder>  # '\(parent)' is a file; reprise never replaces it")
      }
      if let reason = FileSystem.probeProblem(parent) {
        let problem = "cannot be created: '\(parent)' is not writable (\(reason))"
        return FolderFinding(
          problem: problem, detail: "\(dir): \(problem)",
          fixup: "reprise preflight --\(flag) <a folder under a writable parent>  # or let your user write to '\(parent)'")
      }
      return FolderFinding(problem: nil, detail: "\(dir) does not exist yet and will be created (in '\(parent)', which is writable)", fixup: nil)
    case .symlink:
      let problem = "is a symbolic link to something that is not a folder"
      return FolderFinding(
        problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <another folder>  # \(quoted) is a link; reprise never replaces it")
    case .file, .other:
      let problem = "is a file, not a folder"
      return FolderFinding(
        problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <another folder>  # \(quoted) is a file; reprise never replaces it")
    }
  }

  private static func writable(_ dir: String, absolute: String, flag: String) -> FolderFinding {
    guard let reason = FileSystem.probeProblem(absolute) else { return FolderFinding(problem: nil, detail: "\(dir) is writable", fixup: nil) }
    let problem = "not writable (\(reason))"
    return FolderFinding(
      problem: problem, detail: "\(dir): \(problem)",
      fixup: "chmod u+w \(ShellQuoting.singleQuoted(dir))  # or: reprise preflight --\(flag) <a writable folder>")
  }
}
