import Foundation

/// Where a command's queue goes: `--queue-dir` when given, else `<default folder>/imagegen-queue`.
package enum QueueFolder {
  /// The queue, checked without creating anything: not a file, and creatable or writable.
  /// - Parameters:
  ///   - given: `--queue-dir` as given (named so in the error), or nil.
  ///   - defaultParent: the folder the default `imagegen-queue` goes in.
  ///   - currentDirectory: relative paths are resolved against it.
  package static func checked(given: String?, defaultParent: String, currentDirectory: String) throws(RepriseError) -> QueueLayout {
    let dir = given ?? (defaultParent as NSString).appendingPathComponent("imagegen-queue")
    let layout = QueueLayout(root: PathMath.absolute(dir, base: currentDirectory))
    let name = given != nil ? "--queue-dir '\(dir)'" : "queue folder '\(dir)'"
    if let problem = FileSystem.writabilityProblem(layout.root) { throw .badInput("\(name) \(problem)") }
    return layout
  }
}
