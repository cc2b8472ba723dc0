/// What `PreflightChecks.run` found.
package struct PreflightReport: Sendable, Equatable {
  /// Every check, in the order they ran.
  package let checks: [PreflightCheck]

  /// True when every check passed.
  package var ok: Bool { checks.allSatisfy(\.ok) }
  /// `ok` or `failed`.
  package var status: String { ok ? "ok" : "failed" }
  /// The fix-ups of the failed checks, in order.
  package var fixups: [String] { checks.compactMap(\.fixup) }
}
