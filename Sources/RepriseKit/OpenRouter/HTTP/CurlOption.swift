/// A `CURLoption` number (from `curl.h`: `CURLOPTTYPE_LONG` 0, `OBJECTPOINT`/`STRINGPOINT`/
/// `SLISTPOINT` 10000, `FUNCTIONPOINT` 20000, `OFF_T` 30000, plus the option's index).
struct CurlOption: Sendable, Equatable {
  /// The number libcurl knows the option by.
  let rawValue: Int32

  /// `CURLOPT_WRITEDATA` (pointer 1): the write callback's user data.
  static let writeData = CurlOption(rawValue: 10_001)
  /// `CURLOPT_URL` (string 2).
  static let url = CurlOption(rawValue: 10_002)
  /// `CURLOPT_ERRORBUFFER` (pointer 10): a `CURL_ERROR_SIZE` (256) buffer for the error text.
  static let errorBuffer = CurlOption(rawValue: 10_010)
  /// `CURLOPT_WRITEFUNCTION` (function 11): receives the body.
  static let writeFunction = CurlOption(rawValue: 20_011)
  /// `CURLOPT_HTTPHEADER` (slist 23).
  static let httpHeader = CurlOption(rawValue: 10_023)
  /// `CURLOPT_HEADERDATA` (pointer 29): the header callback's user data.
  static let headerData = CurlOption(rawValue: 10_029)
  /// `CURLOPT_CUSTOMREQUEST` (string 36): a method other than GET/POST.
  static let customRequest = CurlOption(rawValue: 10_036)
  /// `CURLOPT_NOBODY` (long 44): HEAD.
  static let noBody = CurlOption(rawValue: 44)
  /// `CURLOPT_FOLLOWLOCATION` (long 52).
  static let followLocation = CurlOption(rawValue: 52)
  /// `CURLOPT_MAXREDIRS` (long 68).
  static let maxRedirects = CurlOption(rawValue: 68)
  /// `CURLOPT_HEADERFUNCTION` (function 79): receives each header line.
  static let headerFunction = CurlOption(rawValue: 20_079)
  /// `CURLOPT_HTTPGET` (long 80).
  static let httpGet = CurlOption(rawValue: 80)
  /// `CURLOPT_NOSIGNAL` (long 99): no SIGALRM for name-resolution timeouts; required with threads.
  static let noSignal = CurlOption(rawValue: 99)
  /// `CURLOPT_ACCEPT_ENCODING` (string 102): `""` offers every encoding libcurl decodes.
  static let acceptEncoding = CurlOption(rawValue: 10_102)
  /// `CURLOPT_POSTFIELDSIZE_LARGE` (off_t 120).
  static let postFieldSizeLarge = CurlOption(rawValue: 30_120)
  /// `CURLOPT_TIMEOUT_MS` (long 155): the whole transfer.
  static let timeoutMS = CurlOption(rawValue: 155)
  /// `CURLOPT_CONNECTTIMEOUT_MS` (long 156).
  static let connectTimeoutMS = CurlOption(rawValue: 156)
  /// `CURLOPT_COPYPOSTFIELDS` (pointer 165): the body, copied by libcurl (size set first).
  static let copyPostFields = CurlOption(rawValue: 10_165)
  /// `CURLOPT_PROTOCOLS` (long 181): the protocols a URL may use (bitmask).
  static let protocols = CurlOption(rawValue: 181)
  /// `CURLOPT_REDIR_PROTOCOLS` (long 182): the protocols a redirect may go to.
  static let redirectProtocols = CurlOption(rawValue: 182)
  /// `CURLOPT_TCP_KEEPALIVE` (long 213).
  static let tcpKeepAlive = CurlOption(rawValue: 213)

  /// `CURLPROTO_HTTP | CURLPROTO_HTTPS`.
  static let httpAndHTTPS = 1 | 2
}
