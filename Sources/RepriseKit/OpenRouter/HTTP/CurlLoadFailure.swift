/// Why libcurl could not be used in this process (the exchange then uses URLSession).
struct CurlLoadFailure: Error, Sendable, CustomStringConvertible {
  /// One line, such as `cannot load libcurl.so.4: ...`.
  let message: String

  var description: String { message }
}
