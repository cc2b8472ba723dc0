/// The few libcurl functions reprise uses, looked up at run time with `dlopen`/`dlsym`, so the
/// build needs no curl headers and no `-lcurl` (systems with FoundationNetworking ship
/// `libcurl.so.4`, usually without the development symlink).
///
/// `curl_easy_setopt` and `curl_easy_getinfo` are variadic in C. They are declared here as
/// ordinary functions with a typed third argument (one declaration per argument kind: `long`,
/// pointer, function pointer). That is correct where the C calling convention passes a variadic
/// argument exactly like a named one: x86_64 System V (the integer and pointer registers are the
/// same; `%al` only tells the callee how many vector registers to spill, and libcurl's prologue
/// tests it for zero, so any value is safe) and AArch64 Linux (AAPCS64 passes variadic integers
/// and pointers in `x0-x7` like named ones). It is *not* correct on arm64 Darwin, where every
/// variadic argument goes on the stack: a non-variadic call would leave the value in `x2` while
/// libcurl reads the stack. Swift cannot call a C variadic function pointer, and a shim would need
/// a C target, so on Darwin this type never loads and reprise keeps URLSession (CFNetwork, which
/// does not have the FoundationNetworking busy-wait this transport exists to avoid).
struct CurlLibrary: @unchecked Sendable {
  /// `CURLcode curl_easy_setopt(CURL *, CURLoption, long)`.
  typealias SetLong = @convention(c) (OpaquePointer?, Int32, Int) -> Int32
  /// `CURLcode curl_easy_setopt(CURL *, CURLoption, void *)` (strings, slists, user data, offsets
  /// as `curl_off_t` go through `SetLong`).
  typealias SetPointer = @convention(c) (OpaquePointer?, Int32, UnsafeRawPointer?) -> Int32
  /// A `CURLOPT_WRITEFUNCTION` / `CURLOPT_HEADERFUNCTION` callback:
  /// `size_t f(char *data, size_t size, size_t count, void *userdata)`.
  typealias DataCallback = @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int
  /// `CURLcode curl_easy_setopt(CURL *, CURLoption, curl_write_callback)`.
  typealias SetCallback = @convention(c) (OpaquePointer?, Int32, DataCallback) -> Int32
  /// `CURLcode curl_easy_getinfo(CURL *, CURLINFO, long *)`.
  typealias GetLong = @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int>) -> Int32

  /// `CURLINFO_RESPONSE_CODE` (`CURLINFO_LONG + 2`): the last response's status code.
  static let infoResponseCode: Int32 = 0x200000 + 2
  /// `CURLINFO_OS_ERRNO` (`CURLINFO_LONG + 25`): the errno of the last connect failure.
  static let infoOSErrno: Int32 = 0x200000 + 25
  /// `CURLMSG_DONE`: a transfer has ended.
  static let messageDone: Int32 = 1
  /// `CURL_GLOBAL_ALL`.
  static let globalAll: Int = 3
  /// Returning this from a data callback makes libcurl stop the transfer with `CURLE_WRITE_ERROR`.
  static let abortTransfer = 0

  let globalInit: @convention(c) (Int) -> Int32
  let version: @convention(c) () -> UnsafePointer<CChar>?
  let easyInit: @convention(c) () -> OpaquePointer?
  let easyCleanup: @convention(c) (OpaquePointer?) -> Void
  let setLong: SetLong
  let setPointer: SetPointer
  let setCallback: SetCallback
  let getLong: GetLong
  let easyStrerror: @convention(c) (Int32) -> UnsafePointer<CChar>?
  let slistAppend: @convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?
  let slistFreeAll: @convention(c) (OpaquePointer?) -> Void
  let multiInit: @convention(c) () -> OpaquePointer?
  let multiAddHandle: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
  let multiRemoveHandle: @convention(c) (OpaquePointer?, OpaquePointer?) -> Int32
  let multiPerform: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> Int32
  /// `curl_multi_poll(multi, extra_fds, extra_nfds, timeout_ms, numfds)`.
  let multiPoll: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> Int32
  let multiWakeup: @convention(c) (OpaquePointer?) -> Int32
  /// Returns a `CURLMsg *`: `{ CURLMSG msg; CURL *easy_handle; union { void *; CURLcode result; } }`.
  let multiInfoRead: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> UnsafeRawPointer?

  /// libcurl's version line, such as `libcurl/7.88.1 OpenSSL/3.0.19 ...`, first word only.
  var versionName: String {
    guard let text = version() else { return "libcurl" }
    return String(cString: text).split(separator: " ").first.map(String.init) ?? "libcurl"
  }

  /// The library of this process, loaded and initialised once, or why it could not be.
  static let shared: Result<CurlLibrary, CurlLoadFailure> = load()

  private static func load() -> Result<CurlLibrary, CurlLoadFailure> {
    #if !os(Linux)
      return .failure(CurlLoadFailure(message: "the libcurl transport is used on Linux only"))
    #else
      let names = ["libcurl.so.4", "libcurl-gnutls.so.4", "libcurl-nss.so.4"]
      let handle: UnsafeMutableRawPointer
      switch Platform.openLibrary(names) {
      case .success(let opened): handle = opened
      case .failure(let failure): return .failure(CurlLoadFailure(message: "cannot load libcurl.so.4: \(failure.reason)"))
      }
      var missing: [String] = []
      func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let address = Platform.symbol(name, in: handle) else {
          missing.append(name)
          return nil
        }
        return unsafeBitCast(address, to: type)
      }
      let library = CurlLibrary(
        globalInit: symbol("curl_global_init", as: (@convention(c) (Int) -> Int32).self),
        version: symbol("curl_version", as: (@convention(c) () -> UnsafePointer<CChar>?).self),
        easyInit: symbol("curl_easy_init", as: (@convention(c) () -> OpaquePointer?).self),
        easyCleanup: symbol("curl_easy_cleanup", as: (@convention(c) (OpaquePointer?) -> Void).self),
        setLong: symbol("curl_easy_setopt", as: SetLong.self),
        setPointer: symbol("curl_easy_setopt", as: SetPointer.self),
        setCallback: symbol("curl_easy_setopt", as: SetCallback.self),
        getLong: symbol("curl_easy_getinfo", as: GetLong.self),
        easyStrerror: symbol("curl_easy_strerror", as: (@convention(c) (Int32) -> UnsafePointer<CChar>?).self),
        slistAppend: symbol("curl_slist_append", as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?).self),
        slistFreeAll: symbol("curl_slist_free_all", as: (@convention(c) (OpaquePointer?) -> Void).self),
        multiInit: symbol("curl_multi_init", as: (@convention(c) () -> OpaquePointer?).self),
        multiAddHandle: symbol("curl_multi_add_handle", as: (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self),
        multiRemoveHandle: symbol("curl_multi_remove_handle", as: (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32).self),
        multiPerform: symbol("curl_multi_perform", as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> Int32).self),
        multiPoll: symbol(
          "curl_multi_poll", as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> Int32).self),
        multiWakeup: symbol("curl_multi_wakeup", as: (@convention(c) (OpaquePointer?) -> Int32).self),
        multiInfoRead: symbol("curl_multi_info_read", as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> UnsafeRawPointer?).self))
      guard let library else {
        // curl_multi_poll (7.66) and curl_multi_wakeup (7.68) are the newest functions needed.
        return .failure(CurlLoadFailure(message: "libcurl is too old (missing \(missing.joined(separator: ", ")); 7.68 or later is needed"))
      }
      let status = library.globalInit(CurlLibrary.globalAll)
      guard status == 0 else {
        return .failure(CurlLoadFailure(message: "curl_global_init failed (\(status))"))
      }
      return .success(library)
    #endif
  }

  /// A library from optional symbols: nil when any is missing.
  private init?(
    globalInit: (@convention(c) (Int) -> Int32)?, version: (@convention(c) () -> UnsafePointer<CChar>?)?,
    easyInit: (@convention(c) () -> OpaquePointer?)?, easyCleanup: (@convention(c) (OpaquePointer?) -> Void)?,
    setLong: SetLong?, setPointer: SetPointer?, setCallback: SetCallback?, getLong: GetLong?,
    easyStrerror: (@convention(c) (Int32) -> UnsafePointer<CChar>?)?,
    slistAppend: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?) -> OpaquePointer?)?,
    slistFreeAll: (@convention(c) (OpaquePointer?) -> Void)?, multiInit: (@convention(c) () -> OpaquePointer?)?,
    multiAddHandle: (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32)?,
    multiRemoveHandle: (@convention(c) (OpaquePointer?, OpaquePointer?) -> Int32)?,
    multiPerform: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> Int32)?,
    multiPoll: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, UInt32, Int32, UnsafeMutablePointer<Int32>?) -> Int32)?,
    multiWakeup: (@convention(c) (OpaquePointer?) -> Int32)?,
    multiInfoRead: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int32>) -> UnsafeRawPointer?)?
  ) {
    guard let globalInit, let version, let easyInit, let easyCleanup, let setLong, let setPointer, let setCallback, let getLong,
      let easyStrerror, let slistAppend, let slistFreeAll, let multiInit, let multiAddHandle, let multiRemoveHandle,
      let multiPerform, let multiPoll, let multiWakeup, let multiInfoRead
    else { return nil }
    self.globalInit = globalInit
    self.version = version
    self.easyInit = easyInit
    self.easyCleanup = easyCleanup
    self.setLong = setLong
    self.setPointer = setPointer
    self.setCallback = setCallback
    self.getLong = getLong
    self.easyStrerror = easyStrerror
    self.slistAppend = slistAppend
    self.slistFreeAll = slistFreeAll
    self.multiInit = multiInit
    self.multiAddHandle = multiAddHandle
    self.multiRemoveHandle = multiRemoveHandle
    self.multiPerform = multiPerform
    self.multiPoll = multiPoll
    self.multiWakeup = multiWakeup
    self.multiInfoRead = multiInfoRead
  }

  /// The message of a `CURLcode`.
  func describe(_ code: Int32) -> String {
    easyStrerror(code).map { String(cString: $0) } ?? "libcurl error \(code)"
  }
}
