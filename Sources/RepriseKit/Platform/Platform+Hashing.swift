extension Platform {
  /// The system's SHA-256, loaded once at run time, or nil when there is none (reprise's own code
  /// is used then; it gives the same digests at about a quarter of the speed on CPUs with SHA
  /// instructions). Linux: OpenSSL's libcrypto (`SHA256_Init`/`_Update`/`_Final`, whose assembly
  /// picks SHA-NI, AVX2 or ARMv8 crypto at run time; `libcrypto.so.3` ships wherever libcurl's
  /// OpenSSL build does). Darwin: CommonCrypto's `CC_SHA256_*` in libSystem. Loaded with
  /// `openLibrary` (dlopen(3)), so the build needs no OpenSSL headers; an engine that does not
  /// give the FIPS 180-4 digests of "abc" and of a two-block message is not used.
  static let sha256Engine: SHA256.Engine? = loadSHA256Engine()

  private static func loadSHA256Engine() -> SHA256.Engine? {
    #if canImport(Darwin)
      let names = ["/usr/lib/system/libcommonCrypto.dylib", "libcommonCrypto.dylib"]
      let prefix = "CC_SHA256_"
      let contextSize = 104  // CC_SHA256_CTX: count[2], hash[8], wbuf[16] (CC_LONG each)
    #else
      let names = ["libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so"]
      let prefix = "SHA256_"
      let contextSize = 112  // SHA256_CTX: h[8], Nl, Nh, data[16], num, md_len (unsigned int each)
    #endif
    guard case .success(let handle) = openLibrary(names),
      let initialize = symbol(prefix + "Init", in: handle), let update = symbol(prefix + "Update", in: handle),
      let final = symbol(prefix + "Final", in: handle)
    else { return nil }
    #if canImport(Darwin)
      let engine = SHA256.Engine(
        name: "CommonCrypto", contextSize: contextSize, initialize: unsafeBitCast(initialize, to: SHA256.Engine.Initialize.self),
        update: unsafeBitCast(update, to: SHA256.Engine.Update32.self), final: unsafeBitCast(final, to: SHA256.Engine.Final.self))
    #else
      let engine = SHA256.Engine(
        name: "libcrypto", contextSize: contextSize, initialize: unsafeBitCast(initialize, to: SHA256.Engine.Initialize.self),
        update: unsafeBitCast(update, to: SHA256.Engine.SizeUpdate.self), final: unsafeBitCast(final, to: SHA256.Engine.Final.self))
    #endif
    guard let engine else { return nil }
    let probes = [Array("abc".utf8), Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)]
    for probe in probes where SHA256.hash(probe, engine: engine) != SHA256.hash(probe, engine: nil) { return nil }
    return engine
  }
}
