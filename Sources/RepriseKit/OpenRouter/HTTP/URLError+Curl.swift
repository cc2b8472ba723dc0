import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif
extension URLError {
  /// The `URLError` a libcurl result stands for, with libcurl's message (which names host and port,
  /// never a header). Follows FoundationNetworking's own mapping where it has one, and maps the
  /// connection failures it leaves as `.unknown` to the codes the retry policy reads.
  /// - Parameters:
  ///   - curlCode: a `CURLcode` other than `CURLE_OK`.
  ///   - osErrno: `CURLINFO_OS_ERRNO`.
  ///   - message: the error buffer's text, or `curl_easy_strerror`'s.
  init(curlCode: Int32, osErrno: Int, message: String) {
    let code: URLError.Code
    switch curlCode {
    case 1: code = .unsupportedURL  // CURLE_UNSUPPORTED_PROTOCOL
    case 3: code = .badURL  // CURLE_URL_MALFORMAT
    case 5, 6: code = .cannotFindHost  // CURLE_COULDNT_RESOLVE_PROXY, _HOST
    case 7: code = osErrno == Int(ETIMEDOUT) ? .timedOut : .cannotConnectToHost  // CURLE_COULDNT_CONNECT
    case 8: code = .badServerResponse  // CURLE_WEIRD_SERVER_REPLY
    case 16, 92: code = .networkConnectionLost  // CURLE_HTTP2, CURLE_HTTP2_STREAM
    case 18: code = .networkConnectionLost  // CURLE_PARTIAL_FILE: closed before the whole body
    case 28: code = .timedOut  // CURLE_OPERATION_TIMEDOUT
    case 35, 58, 59, 66, 77, 80, 83: code = .secureConnectionFailed  // TLS handshake, certificates, CA file
    case 42: code = .cancelled  // CURLE_ABORTED_BY_CALLBACK
    case 47: code = .httpTooManyRedirects  // CURLE_TOO_MANY_REDIRECTS
    case 52: code = .badServerResponse  // CURLE_GOT_NOTHING (as FoundationNetworking)
    case 55, 56: code = .networkConnectionLost  // CURLE_SEND_ERROR, CURLE_RECV_ERROR
    case 60: code = .serverCertificateUntrusted  // CURLE_PEER_FAILED_VERIFICATION
    case 61: code = .cannotDecodeContentData  // CURLE_BAD_CONTENT_ENCODING
    default: code = .unknown
    }
    self.init(code, userInfo: [NSLocalizedDescriptionKey: message])
  }
}
