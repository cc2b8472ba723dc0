import Foundation

/// What a finished curl transfer received: the last response's status and headers, and the body
/// (in memory, or only its size when it went to a file).
struct CurlResponse: Sendable {
  /// Status code of the last response (after any redirects).
  let status: Int
  /// Headers of the last response, names lower-cased, repeated names joined with `, `.
  let headers: [String: String]
  /// The body, for a memory sink; empty for a file sink.
  let body: Data
  /// Bytes received.
  let bodySize: Int
}
