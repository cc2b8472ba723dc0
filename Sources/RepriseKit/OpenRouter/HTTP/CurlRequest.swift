import Foundation

/// One HTTP request as the curl transport sends it.
struct CurlRequest: Sendable {
  /// `GET`, `POST`, ...
  let method: String
  /// An http(s) URL.
  let url: URL
  /// Request headers as given (names as given; the `Expect:` suppression is added by the transfer).
  let headers: [String: String]
  /// The body, or nil for none.
  let body: Data?
  /// The whole transfer's limit in seconds (connecting included).
  let timeout: TimeInterval
  /// Largest body accepted; more fails with `URLError(.dataLengthExceedsMaximum)`.
  let maxBodyBytes: Int
  /// Where the body goes.
  let sink: CurlBodySink
}
