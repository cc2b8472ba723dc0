/// One colour component of a JPEG frame: its sampling factors, quantisation table, size, and the
/// coefficient blocks decoded so far (natural order, not yet dequantised), then its samples.
final class JPEGComponent {
  let id: Int
  let h: Int
  let v: Int
  let quantTable: Int
  /// Samples across and down (`ceil(width * h / hMax)`, `ceil(height * v / vMax)`).
  let width: Int
  let height: Int
  /// Blocks stored per row and column (whole MCUs: `mcusX * h`, `mcusY * v`).
  let blocksPerLine: Int
  let blocksPerColumn: Int
  /// `blocksPerLine * blocksPerColumn * 64` coefficients.
  var coefficients: UnsafeMutablePointer<Int16>?
  /// `blocksPerLine * 8` by `blocksPerColumn * 8` samples, once transformed.
  var samples: UnsafeMutablePointer<UInt8>?
  /// The DC prediction of the scan being decoded.
  var dcPrediction = 0
  var dcTable = 0
  var acTable = 0

  init(id: Int, h: Int, v: Int, quantTable: Int, width: Int, height: Int, blocksPerLine: Int, blocksPerColumn: Int) {
    self.id = id
    self.h = h
    self.v = v
    self.quantTable = quantTable
    self.width = width
    self.height = height
    self.blocksPerLine = blocksPerLine
    self.blocksPerColumn = blocksPerColumn
  }

  /// Bytes of stored samples per row.
  var stride: Int { blocksPerLine * 8 }

  /// Allocates zeroed coefficients.
  func allocateCoefficients() {
    let count = blocksPerLine * blocksPerColumn * 64
    coefficients = UnsafeMutablePointer<Int16>.allocate(capacity: count)
    coefficients!.initialize(repeating: 0, count: count)
  }

  /// Runs the inverse DCT of every block into `samples` and frees the coefficients.
  func transform(quant: UnsafePointer<Int32>) {
    guard let coefficients else { return }
    let count = blocksPerLine * blocksPerColumn * 64
    let output = UnsafeMutablePointer<UInt8>.allocate(capacity: count)
    let work = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    defer { work.deallocate() }
    for by in 0..<blocksPerColumn {
      for bx in 0..<blocksPerLine {
        let block = coefficients + (by * blocksPerLine + bx) * 64
        let target = output + by * 8 * stride + bx * 8
        // A block with only its DC coefficient (smooth areas, most chroma) is one flat value: what
        // the inverse DCT's two shortcuts compute, without running them.
        let words = UnsafeRawPointer(block + 4)
        var rest: UInt64 = 0
        for w in 0..<15 { rest |= words.loadUnaligned(fromByteOffset: 8 * w, as: UInt64.self) }
        if rest == 0 && block[1] == 0 && block[2] == 0 && block[3] == 0 {
          let dc = (Int(block[0]) * Int(quant[0])) << JPEGInverseDCT.pass1Bits
          let shift = JPEGInverseDCT.pass1Bits + 3
          let value = UInt64(JPEGInverseDCT.clamp((dc + (1 << (shift - 1)) + (128 << shift)) >> shift))
          for r in 0..<8 { UnsafeMutableRawPointer(target + r * stride).storeBytes(of: value &* 0x0101_0101_0101_0101, as: UInt64.self) }
          continue
        }
        JPEGInverseDCT.transform(block, quant, target, stride: stride, work: work)
      }
    }
    coefficients.deallocate()
    self.coefficients = nil
    samples = output
  }

  deinit {
    coefficients?.deallocate()
    samples?.deallocate()
  }
}
