/// What a folder check (`FolderProbe.check`) found.
package struct FolderFinding: Sendable, Equatable {
  /// Nil when usable; else why not.
  package let problem: String?
  /// One line for the report.
  package let detail: String
  /// A copy-paste fix, when something is wrong.
  package let fixup: String?
}
