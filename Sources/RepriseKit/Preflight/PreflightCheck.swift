/// One line of a preflight report.
package struct PreflightCheck: Sendable, Equatable {
  /// The check's name, e.g. `api_key`.
  package let name: String
  /// True when it passed.
  package let ok: Bool
  /// What was found, one line.
  package let detail: String
  /// A copy-paste fix when it failed.
  package let fixup: String?

  /// A check as given.
  package init(name: String, ok: Bool, detail: String, fixup: String? = nil) {
    self.name = name
    self.ok = ok
    self.detail = detail
    self.fixup = fixup
  }
}
