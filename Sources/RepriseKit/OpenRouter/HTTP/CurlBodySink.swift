/// Where a curl transfer puts the response body.
enum CurlBodySink: Sendable {
  /// Collected in memory.
  case memory
  /// Appended to an open descriptor (owned by the caller, open until the transfer ends).
  case file(Int32)
}
