/// A `JPEGHuffmanTable` copied to raw memory for the scan decoder's inner loop (no array bounds or
/// reference-count traffic); freed by `release` when the scan ends.
struct JPEGHuffmanLookup {
  let fast: UnsafeMutablePointer<UInt16>
  let maxCode: UnsafeMutablePointer<UInt32>
  let delta: UnsafeMutablePointer<Int32>
  let values: UnsafeMutablePointer<UInt8>

  init(_ table: JPEGHuffmanTable) {
    fast = .allocate(capacity: table.fast.count)
    fast.initialize(from: table.fast, count: table.fast.count)
    maxCode = .allocate(capacity: 18)
    maxCode.initialize(from: table.maxCode, count: 18)
    delta = .allocate(capacity: 17)
    delta.initialize(from: table.delta, count: 17)
    values = .allocate(capacity: 256)
    values.initialize(from: table.values, count: 256)
  }

  /// Frees the copies.
  func release() {
    fast.deallocate()
    maxCode.deallocate()
    delta.deallocate()
    values.deallocate()
  }
}
