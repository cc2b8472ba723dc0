import Foundation

/// The 64-bit DCT perceptual hash (after pHash, Zauner 2010): the luma grid averaged to 32x32, its
/// two-dimensional DCT-II, the 8x8 coefficients of rows and columns 1-8 (the DC row and column
/// left out), and one bit per coefficient, set when it is above the median of the 64 (row-major,
/// the first coefficient in the highest bit). Written as 16 lower-case hex digits; two images are
/// compared by the Hamming distance of their hashes (0 to 64).
enum PerceptualHash {
  /// Side of the luma square hashed.
  static let side = 32

  /// The cosine table `cos((2x + 1) u pi / 64)` for u in 0...8.
  private static let basis: [[Double]] = (0...8).map { u in
    (0..<side).map { x in cos(Double((2 * x + 1) * u) * Double.pi / Double(2 * side)) }
  }

  /// The hash of a 32x32 luma grid.
  static func hash(_ luma: [Double]) -> UInt64 {
    // Rows first: for each row y, coefficients v = 1...8.
    var rows = Array(repeating: 0.0, count: side * 8)
    for y in 0..<side {
      for v in 1...8 {
        var s = 0.0
        for x in 0..<side { s += luma[y * side + x] * basis[v][x] }
        rows[y * 8 + v - 1] = s
      }
    }
    var coefficients: [Double] = []
    coefficients.reserveCapacity(64)
    for u in 1...8 {
      for v in 0..<8 {
        var s = 0.0
        for y in 0..<side { s += rows[y * 8 + v] * basis[u][y] }
        coefficients.append(s)
      }
    }
    let sorted = coefficients.sorted()
    let median = (sorted[31] + sorted[32]) / 2
    var bits: UInt64 = 0
    for c in coefficients { bits = (bits << 1) | (c > median ? 1 : 0) }
    return bits
  }

  /// Bits that differ.
  static func distance(_ a: UInt64, _ b: UInt64) -> Int { (a ^ b).nonzeroBitCount }

  /// 16 lower-case hex digits.
  static func hex(_ bits: UInt64) -> String {
    let s = String(bits, radix: 16)
    return String(repeating: "0", count: 16 - s.count) + s
  }

  /// The hash of 16 hex digits; nil otherwise.
  static func parse(_ text: String) -> UInt64? { text.count == 16 ? UInt64(text, radix: 16) : nil }
}
