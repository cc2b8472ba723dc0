/// One HTTP response whose body was received into a temporary file (see
/// `HTTPExchange.send(method:url:headers:body:receiving:)`). The file has no name and its
/// descriptor is valid only while the closure given the reply runs: read it with `pread`, by offset.
package struct HTTPFileReply: Sendable {
  /// Status code.
  package let status: Int
  /// Headers with lower-cased names.
  package let headers: [String: String]
  /// An open descriptor of the (already unlinked) temporary file holding the body.
  package let bodyFile: Int32
  /// The body's size in bytes.
  package let bodySize: Int

  /// A reply as given.
  package init(status: Int, headers: [String: String], bodyFile: Int32, bodySize: Int) {
    self.status = status
    self.headers = headers
    self.bodyFile = bodyFile
    self.bodySize = bodySize
  }
}
