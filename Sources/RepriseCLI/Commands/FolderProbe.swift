import Foundation
import RepriseKit

/// `preflight`'s folder checks. Writability is tested by creating a new file and removing it at
/// once (`access(2)` passes for root even where nothing can be written, such as `/proc`), and a
/// missing folder counts as fine only when its nearest existing parent passes that test.
enum FolderProbe {
  /// What a folder check found.
  struct Finding: Equatable {
    /// Nil when usable; else why not.
    let problem: String?
    /// One line for the report.
    let detail: String
    /// A copy-paste fix, when something is wrong.
    let fixup: String?
  }

  /// Checks `dir` (as given, for messages; `absolute` is where it is), named by `flag`.
  static func check(_ dir: String, absolute: String, flag: String) -> Finding {
    let quoted = shellQuoted(dir)
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
        return Finding(problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <another folder>  # '\(parent)' is a file; reprise never replaces it")
      }
      if let reason = probeProblem(parent) {
        let problem = "cannot be created: '\(parent)' is not writable (\(reason))"
        return Finding(problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <a folder under a writable parent>  # or let your user write to '\(parent)'")
      }
      return Finding(problem: nil, detail: "\(dir) does not exist yet and will be created (in '\(parent)', which is writable)", fixup: nil)
    case .symlink:
      let problem = "is a symbolic link to something that is not a folder"
      return Finding(problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <another folder>  # \(quoted) is a link; reprise never replaces it")
    case .file, .other:
      let problem = "is a file, not a folder"
      return Finding(problem: problem, detail: "\(dir): \(problem)", fixup: "reprise preflight --\(flag) <another folder>  # \(quoted) is a file; reprise never replaces it")
    }
  }

  private static func writable(_ dir: String, absolute: String, flag: String) -> Finding {
    guard let reason = probeProblem(absolute) else { return Finding(problem: nil, detail: "\(dir) is writable", fixup: nil) }
    let problem = "not writable (\(reason))"
    return Finding(problem: problem, detail: "\(dir): \(problem)", fixup: "chmod u+w \(shellQuoted(dir))  # or: reprise preflight --\(flag) <a writable folder>")
  }

  /// Nil when a new file can be created (and was removed again) in `folder`; else the reason.
  static func probeProblem(_ folder: String) -> String? {
    var template = Array((folder + (folder.hasSuffix("/") ? "" : "/") + ".reprise-preflight-XXXXXX").utf8CString)
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { return Platform.errorMessage(errno) }
    close(fd)
    _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
    return nil
  }

  /// `text` in single quotes for a shell.
  static func shellQuoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
