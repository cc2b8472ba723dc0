/// One HTTP response whose body was received into a temporary file (see
/// `HTTPExchange.send(method:url:headers:body:receiving:)`). The file has no name and its
/// descriptor is valid only while the closure given the reply runs: read it with `pread`, by offset.
public struct HTTPFileReply: Sendable {
  /// Status code.
  public let status: Int
  /// Headers with lower-cased names.
  public let headers: [String: String]
  /// An open descriptor of the (already unlinked) temporary file holding the body.
  public let bodyFile: Int32
  /// The body's size in bytes.
  public let bodySize: Int

  /// A reply as given.
  public init(status: Int, headers: [String: String], bodyFile: Int32, bodySize: Int) {
    self.status = status
    self.headers = headers
    self.bodyFile = bodyFile
    self.bodySize = bodySize
  }
}
