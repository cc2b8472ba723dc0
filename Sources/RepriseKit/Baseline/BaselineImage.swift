/// A validated baseline: what the manifest records and what the request carries.
package struct BaselineImage: Sendable {
  /// The manifest record (digest, size, media type, pixel size, paths).
  package let record: BaselineRecord
  /// What goes into the request: a `data:` URL for a local file, the URL itself for a remote one.
  package let requestURL: String
}
