/// SHA-256 (FIPS 180-4), streaming. Foundation on Linux has no SHA-256, so reprise carries its own.
///
/// ```swift
/// var hasher = SHA256()
/// hasher.update(Array("abc".utf8))
/// let hex = hasher.finalize().hexString
/// ```
///
/// `update` runs every whole block of its input through one compression loop: the eight state
/// words stay in registers, the message schedule is a 16-word ring on the stack, and the input and
/// round constants are read through unsafe pointers, so nothing is allocated or bounds-checked per
/// block. Only a partial block is copied, into a fixed 64-byte buffer inside the value.
///
/// `SHA256(engine:)` hands the work to a system library's SHA-256 instead (OpenSSL's libcrypto on
/// Linux, CommonCrypto on Darwin, which use the CPU's SHA instructions where it has them); the
/// library's context is kept inside the value, so copies of a hasher stay independent. RepriseKit
/// loads the engine (`Platform.sha256Engine`) and uses it for image bytes.
public struct SHA256: Sendable {
  private static let k: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
  ]

  private typealias State = (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)
  /// 64 bytes: the partial block not yet compressed.
  private typealias Block = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  private var state: State = (0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
  private var partial: Block = (0, 0, 0, 0, 0, 0, 0, 0)
  /// Bytes held in `partial` (0 to 63).
  private var partialCount = 0
  private var totalBytes: UInt64 = 0
  private let engine: Engine?
  /// The engine's context (its C struct, at most 128 bytes), when there is an engine.
  private var context: Context = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
  private typealias Context = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

  /// A fresh hasher.
  public init() { engine = nil }

  /// A fresh hasher that runs on `engine` (this file's code when nil).
  public init(engine: Engine?) {
    self.engine = engine
    if let engine { _ = withUnsafeMutableBytes(of: &context) { engine.initialize($0.baseAddress!) } }
  }

  /// The digest of `bytes` in one call, on `engine` (this file's code when nil).
  public static func hash<C: Collection>(_ bytes: C, engine: Engine?) -> Digest where C.Element == UInt8 {
    var hasher = SHA256(engine: engine)
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of `bytes` in one call.
  public static func hash<C: Collection>(_ bytes: C) -> Digest where C.Element == UInt8 {
    var hasher = SHA256()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// Feeds more bytes.
  public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
    let handled: Bool? = bytes.withContiguousStorageIfAvailable { raw in
      update(UnsafeRawBufferPointer(raw))
      return true
    }
    if handled == nil {
      let copy = Array(bytes)
      copy.withUnsafeBytes { update($0) }
    }
  }

  /// Feeds the bytes in `input` (no copy unless they end in a partial block).
  public mutating func update(_ input: UnsafeRawBufferPointer) {
    guard let base = input.baseAddress, input.count > 0 else { return }
    totalBytes &+= UInt64(input.count)
    if let engine {
      withUnsafeMutableBytes(of: &context) { engine.update($0.baseAddress!, base, input.count) }
      return
    }
    var offset = 0
    if partialCount > 0 {
      let take = min(64 - partialCount, input.count)
      let filled = partialCount
      withUnsafeMutableBytes(of: &partial) { $0.baseAddress!.advanced(by: filled).copyMemory(from: base, byteCount: take) }
      partialCount += take
      offset = take
      guard partialCount == 64 else { return }
      var block = partial
      withUnsafeBytes(of: &block) { compress($0.baseAddress!, blocks: 1) }
      partialCount = 0
    }
    let whole = (input.count - offset) / 64
    if whole > 0 {
      compress(base + offset, blocks: whole)
      offset += whole * 64
    }
    let rest = input.count - offset
    if rest > 0 {
      withUnsafeMutableBytes(of: &partial) { $0.baseAddress!.copyMemory(from: base + offset, byteCount: rest) }
      partialCount = rest
    }
  }

  /// Pads, processes the last block and returns the digest.
  public mutating func finalize() -> Digest {
    if let engine {
      var out = [UInt8](repeating: 0, count: 32)
      out.withUnsafeMutableBufferPointer { digest in _ = withUnsafeMutableBytes(of: &context) { engine.final(digest.baseAddress!, $0.baseAddress!) } }
      return Digest(bytes: out)
    }
    let bitLength = totalBytes &* 8
    // Up to 72 bytes: room for two blocks.
    var tail: Context = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    let padding = (55 &- Int(totalBytes % 64)) & 63
    withUnsafeMutableBytes(of: &tail) { raw in
      raw[0] = 0x80
      let length = UInt64(bigEndian: bitLength)
      // One byte of 0x80, `padding` zeros, then the length: the tail is 9 + padding bytes.
      withUnsafeBytes(of: length) { raw.baseAddress!.advanced(by: 1 + padding).copyMemory(from: $0.baseAddress!, byteCount: 8) }
      update(UnsafeRawBufferPointer(rebasing: raw[0..<(9 + padding)]))
    }
    let words = [state.0, state.1, state.2, state.3, state.4, state.5, state.6, state.7]
    var out = [UInt8]()
    out.reserveCapacity(32)
    for word in words {
      out.append(UInt8(truncatingIfNeeded: word >> 24))
      out.append(UInt8(truncatingIfNeeded: word >> 16))
      out.append(UInt8(truncatingIfNeeded: word >> 8))
      out.append(UInt8(truncatingIfNeeded: word))
    }
    return Digest(bytes: out)
  }

  /// Compresses `blocks` consecutive 64-byte blocks starting at `input`. The 64 rounds are written
  /// out eight at a time with the working variables renamed instead of shifted, and the schedule
  /// is a ring of 16 words, so a block costs no allocation, no bounds check and no moves.
  private mutating func compress(_ input: UnsafeRawPointer, blocks: Int) {
    var (h0, h1, h2, h3, h4, h5, h6, h7) = state
    SHA256.k.withUnsafeBufferPointer { kBuffer in
      let k = kBuffer.baseAddress!
      withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { ring in
        let w = ring.baseAddress!
        for n in 0..<blocks {
          let block = input + n &* 64
          for i in 0..<16 { w[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self)) }
          var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
          var i = 0
          while i < 64 {
            round(a, b, c, &d, e, f, g, &h, k, w, i)
            round(h, a, b, &c, d, e, f, &g, k, w, i &+ 1)
            round(g, h, a, &b, c, d, e, &f, k, w, i &+ 2)
            round(f, g, h, &a, b, c, d, &e, k, w, i &+ 3)
            round(e, f, g, &h, a, b, c, &d, k, w, i &+ 4)
            round(d, e, f, &g, h, a, b, &c, k, w, i &+ 5)
            round(c, d, e, &f, g, h, a, &b, k, w, i &+ 6)
            round(b, c, d, &e, f, g, h, &a, k, w, i &+ 7)
            i &+= 8
          }
          h0 &+= a; h1 &+= b; h2 &+= c; h3 &+= d; h4 &+= e; h5 &+= f; h6 &+= g; h7 &+= h
        }
      }
    }
    state = (h0, h1, h2, h3, h4, h5, h6, h7)
  }

  /// Round `i`: the schedule word (extending the ring past round 15), then `d += t1`, `h = t1 + t2`.
  @inline(__always)
  private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ k: UnsafePointer<UInt32>, _ w: UnsafeMutablePointer<UInt32>, _ i: Int
  ) {
    let word: UInt32
    if i < 16 {
      word = w[i]
    } else {
      let w15 = w[(i &- 15) & 15], w2 = w[(i &- 2) & 15]
      let s0 = w15.rotr(7) ^ w15.rotr(18) ^ (w15 >> 3)
      let s1 = w2.rotr(17) ^ w2.rotr(19) ^ (w2 >> 10)
      word = w[i & 15] &+ s0 &+ w[(i &- 7) & 15] &+ s1
      w[i & 15] = word
    }
    let t1 = h &+ (e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ word
    let t2 = (a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)) &+ ((a & b) ^ (a & c) ^ (b & c))
    d &+= t1
    h = t1 &+ t2
  }

  /// A system library's SHA-256: its init, update and final functions, looked up at run time.
  public struct Engine: Sendable {
    /// `int SHA256_Init(SHA256_CTX *)` / `int CC_SHA256_Init(CC_SHA256_CTX *)`.
    public typealias Initialize = @convention(c) (UnsafeMutableRawPointer) -> Int32
    /// `int SHA256_Update(SHA256_CTX *, const void *, size_t)`.
    public typealias SizeUpdate = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, Int) -> Int32
    /// `int CC_SHA256_Update(CC_SHA256_CTX *, const void *, CC_LONG)` (a 32-bit length).
    public typealias Update32 = @convention(c) (UnsafeMutableRawPointer, UnsafeRawPointer, UInt32) -> Int32
    /// `int SHA256_Final(unsigned char *md, SHA256_CTX *)` / `CC_SHA256_Final`.
    public typealias Final = @convention(c) (UnsafeMutablePointer<UInt8>, UnsafeMutableRawPointer) -> Int32

    private enum Updater {
      case size(SizeUpdate)
      case thirtyTwoBit(Update32)
    }

    /// What the engine is, e.g. `libcrypto.so.3`.
    public let name: String
    let initialize: Initialize
    private let updater: Updater
    let final: Final

    /// OpenSSL-style functions (a `size_t` length) whose context fits in 128 bytes; nil otherwise.
    public init?(name: String, contextSize: Int, initialize: Initialize, update: SizeUpdate, final: Final) {
      guard contextSize <= 128 else { return nil }
      self.name = name
      self.initialize = initialize
      self.updater = .size(update)
      self.final = final
    }

    /// CommonCrypto-style functions (a 32-bit length) whose context fits in 128 bytes; nil otherwise.
    public init?(name: String, contextSize: Int, initialize: Initialize, update: Update32, final: Final) {
      guard contextSize <= 128 else { return nil }
      self.name = name
      self.initialize = initialize
      self.updater = .thirtyTwoBit(update)
      self.final = final
    }

    /// Feeds `count` bytes at `data` (in pieces of at most 1 GiB for a 32-bit length).
    func update(_ context: UnsafeMutableRawPointer, _ data: UnsafeRawPointer, _ count: Int) {
      switch updater {
      case .size(let function): _ = function(context, data, count)
      case .thirtyTwoBit(let function):
        var offset = 0
        while offset < count {
          let piece = min(count - offset, 1 << 30)
          _ = function(context, data + offset, UInt32(piece))
          offset += piece
        }
      }
    }
  }

  /// A 32-byte SHA-256 digest.
  public struct Digest: Sendable, Equatable {
    /// The raw digest bytes.
    public let bytes: [UInt8]
    /// Lower-case hex, 64 characters.
    public var hexString: String {
      let digits = Array("0123456789abcdef".utf8)
      var out = [UInt8]()
      out.reserveCapacity(64)
      for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
      return String(decoding: out, as: UTF8.self)
    }
    /// `sha256:` followed by the hex digest, the form reprise writes in manifests.
    public var prefixed: String { "sha256:" + hexString }
  }
}

extension UInt32 {
  @inline(__always) fileprivate func rotr(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 &- n)) }
}
