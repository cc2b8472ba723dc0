/// How two iterations' outputs for the same index compare, as the provider sent the bytes
/// (`provider_sha256`), like `reprise diff`.
package enum GalleryByteComparison: String, Sendable {
  /// Both succeeded with the same provider sha256.
  case identical
  /// Both succeeded with different bytes.
  case different
  /// At least one side failed.
  case failed
  /// Nothing to compare: a side has no such job, or has not run it yet.
  case unavailable

  /// The comparison of `a` with `b`.
  package init(_ a: GalleryJobCard?, _ b: GalleryJobCard?) {
    guard let a, let b else { self = .unavailable; return }
    if a.state == "failed" || b.state == "failed" { self = .failed; return }
    guard a.succeeded, b.succeeded, let x = a.providerSHA256, let y = b.providerSHA256 else { self = .unavailable; return }
    self = x == y ? .identical : .different
  }

  /// The badge text.
  package var label: String {
    switch self {
    case .identical: return "bytes identical"
    case .different: return "bytes different"
    case .failed: return "failed"
    case .unavailable: return "no output to compare"
    }
  }
}
