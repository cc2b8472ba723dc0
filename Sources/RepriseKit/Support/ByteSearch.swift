/// Finding a short byte string in a larger buffer, for fast paths that skip parsing when a key
/// cannot be there.
enum ByteSearch {
  /// True when `needle` (non-empty) occurs in `haystack`.
  static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard let first = needle.first, haystack.count >= needle.count else { return false }
    let last = haystack.count - needle.count
    var n = 0
    while n <= last {
      if haystack[n] == first {
        var k = 1
        while k < needle.count, haystack[n + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      n += 1
    }
    return false
  }
}
