import Foundation
import RepriseKit

/// `generate --save-response-json FILE`: checked before anything is sent, written without ever
/// replacing a file (a temporary file linked into place, which fails if the name is taken).
enum ResponseFile {
  /// Refuses a `file` that exists (exit 2) or names the same file as `--out` (exit 64).
  static func check(_ file: String, out: String, context: CommandContext) throws(RepriseError) {
    guard !file.isEmpty else { throw .usage("--save-response-json needs a file name") }
    let path = context.absolute(file)
    if path == context.absolute(out) {
      throw .usage("--save-response-json '\(file)' is the same file as --out: name a different file for the response JSON")
    }
    switch FileSystem.entryKind(path) {
    case .missing: break
    case .directory: throw .badInput("--save-response-json '\(file)' is a folder: name a new file")
    default: throw .badInput("--save-response-json '\(file)' already exists: reprise never overwrites a file (name a new one or remove it)")
    }
    var parent = (path as NSString).deletingLastPathComponent
    while FileSystem.entryKind(parent) == .missing, parent != "/" { parent = (parent as NSString).deletingLastPathComponent }
    if !FileSystem.isDirectory(parent) {
      throw .badInput("--save-response-json '\(file)' cannot be created: '\(parent)' is not a folder")
    }
  }

  /// Writes `text` as a new file at `file` (creating its folder); nil when written, else why not.
  static func write(_ text: String, to file: String, context: CommandContext) -> String? {
    let path = context.absolute(file)
    do throws(FileSystem.Failure) {
      try FileSystem.makeDirectories((path as NSString).deletingLastPathComponent)
      let temporary = try FileSystem.writeTemporary(parts: [Array(text.utf8)[...]], beside: path, tag: "reprise")
      do throws(FileSystem.Failure) {
        try temporary.place(at: path, replacing: false)
      } catch {
        temporary.discard()
        return error.code == EEXIST ? "a file appeared there meanwhile and was kept" : error.reason
      }
      return nil
    } catch {
      return error.reason
    }
  }
}
