/// Why a zlib or deflate stream could not be inflated (RFC 1950, RFC 1951), in one phrase such as
/// "invalid distance code" or "Adler-32 mismatch".
package struct InflateError: Error, Sendable, Equatable {
  /// What was wrong.
  package let reason: String
  /// The output did not fit the room given: the stream holds more than the caller expected.
  package let overflow: Bool

  init(_ reason: String, overflow: Bool = false) {
    self.reason = reason
    self.overflow = overflow
  }
}
