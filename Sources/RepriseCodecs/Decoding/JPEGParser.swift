/// Walks a JPEG file's markers (tables, frame, scans) and builds the image; `JPEGDecoder` is the
/// entry point and documents what is decoded and refused.
struct JPEGParser {
  let data: UnsafePointer<UInt8>
  let count: Int
  let limits: DecodeLimits
  var position = 2
  /// Natural order, four tables.
  var quant = [[Int32]](repeating: [], count: 4)
  var dcTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
  var acTables = [JPEGHuffmanTable?](repeating: nil, count: 4)
  var restartInterval = 0
  var components: [JPEGComponent] = []
  var width = 0
  var height = 0
  var progressive = false
  var mcusX = 0
  var mcusY = 0
  var hMax = 1
  var vMax = 1
  var scans = 0
  var sawJFIF = false
  var adobeTransform: Int?

  init(data: UnsafePointer<UInt8>, count: Int, limits: DecodeLimits) {
    self.data = data
    self.count = count
    self.limits = limits
  }

  /// A `.malformed` error of this format.
  func malformed(_ reason: String) -> ImageDecodeError { .malformed(format: "jpeg", reason: reason) }

  /// The big-endian 16-bit value at `at`.
  func word(_ at: Int) -> Int { Int(data[at]) << 8 | Int(data[at + 1]) }

  /// Reads every marker to EOI (or the end), then transforms and converts the components.
  mutating func run() throws(ImageDecodeError) -> DecodedImage {
    markers: while true {
      // Find the next marker, skipping fill bytes (and, leniently, stray bytes between segments).
      while position < count, data[position] != 0xFF { position += 1 }
      while position < count, data[position] == 0xFF { position += 1 }
      guard position < count else { break }
      let marker = Int(data[position])
      position += 1
      switch marker {
      case 0xD9: break markers
      case 0x00, 0x01, 0xD0...0xD8: continue  // stuffed byte, TEM, stray RSTn or SOI: no segment
      default: break
      }
      guard position + 2 <= count else { throw malformed("file ends inside a marker segment") }
      let length = word(position)
      guard length >= 2, position + length <= count else { throw malformed("marker segment 0x\(String(marker, radix: 16, uppercase: true)) runs past the end") }
      let segment = (position + 2)..<(position + length)
      position += length
      switch marker {
      case 0xC0, 0xC1, 0xC2: try readFrame(segment, progressive: marker == 0xC2)
      case 0xC3: throw .unsupported(format: "jpeg", reason: "lossless JPEG")
      case 0xC5, 0xC6, 0xC7: throw .unsupported(format: "jpeg", reason: "hierarchical JPEG")
      case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF: throw .unsupported(format: "jpeg", reason: "arithmetic coding")
      case 0xC4: try readHuffmanTables(segment)
      case 0xDB: try readQuantTables(segment)
      case 0xDD:
        guard segment.count >= 2 else { throw malformed("DRI segment too short") }
        restartInterval = word(segment.lowerBound)
      case 0xDA:
        try readScan(segment)
      case 0xE0:
        if segment.count >= 5, (0..<5).map({ data[segment.lowerBound + $0] }) == [0x4A, 0x46, 0x49, 0x46, 0] { sawJFIF = true }
      case 0xEE:
        if segment.count >= 12, (0..<5).map({ data[segment.lowerBound + $0] }) == [0x41, 0x64, 0x6F, 0x62, 0x65] {
          adobeTransform = Int(data[segment.lowerBound + 11])
        }
      default: break
      }
    }
    guard !components.isEmpty else { throw malformed("no frame header (SOF)") }
    guard scans > 0 else { throw malformed("no image data (SOS)") }
    for component in components {
      let table = quant[component.quantTable]
      guard table.count == 64 else { throw malformed("quantisation table \(component.quantTable) is not defined") }
      table.withUnsafeBufferPointer { component.transform(quant: $0.baseAddress!) }
    }
    let rgb: Bool
    if components.count == 3 {
      if sawJFIF {
        rgb = false
      } else if let adobeTransform {
        rgb = adobeTransform == 0
      } else {
        rgb = components.map(\.id) == [0x52, 0x47, 0x42]
      }
    } else {
      rgb = false
    }
    let rgba = JPEGColorConverter.convert(components, width: width, height: height, hMax: hMax, vMax: vMax, rgb: rgb)
    return DecodedImage(width: width, height: height, rgba: rgba)
  }

  /// SOF0/1/2: precision, size, components, sampling factors; allocates the coefficients.
  mutating func readFrame(_ segment: Range<Int>, progressive: Bool) throws(ImageDecodeError) {
    if !components.isEmpty { throw malformed("second frame header (SOF)") }
    guard segment.count >= 6 else { throw malformed("SOF segment too short") }
    let s = segment.lowerBound
    let precision = Int(data[s])
    if precision != 8 { throw .unsupported(format: "jpeg", reason: "\(precision)-bit samples") }
    height = word(s + 1)
    width = word(s + 3)
    let n = Int(data[s + 5])
    if height == 0 { throw .unsupported(format: "jpeg", reason: "height defined later by a DNL marker") }
    if width == 0 { throw malformed("image width 0") }
    if n == 4 { throw .unsupported(format: "jpeg", reason: "CMYK / 4-component images") }
    if n != 1 && n != 3 { throw .unsupported(format: "jpeg", reason: "\(n)-component images") }
    guard segment.count >= 6 + 3 * n else { throw malformed("SOF segment too short for \(n) components") }
    try limits.check(format: "jpeg", width: width, height: height)
    self.progressive = progressive
    var factors: [(Int, Int, Int, Int)] = []
    for i in 0..<n {
      let p = s + 6 + 3 * i
      let h = Int(data[p + 1]) >> 4
      let v = Int(data[p + 1]) & 15
      let tq = Int(data[p + 2])
      if !(1...4).contains(h) || !(1...4).contains(v) { throw malformed("sampling factors \(h)x\(v)") }
      if tq > 3 { throw malformed("quantisation table \(tq)") }
      factors.append((Int(data[p]), n == 1 ? 1 : h, n == 1 ? 1 : v, tq))
    }
    hMax = factors.map(\.1).max()!
    vMax = factors.map(\.2).max()!
    for f in factors where hMax % f.1 != 0 || vMax % f.2 != 0 {
      throw .unsupported(format: "jpeg", reason: "sampling factors \(f.1)x\(f.2) against \(hMax)x\(vMax) (not a whole ratio)")
    }
    mcusX = (width + 8 * hMax - 1) / (8 * hMax)
    mcusY = (height + 8 * vMax - 1) / (8 * vMax)
    let blocks = factors.reduce(0) { $0 + mcusX * $1.1 * mcusY * $1.2 }
    // Coefficients (2 bytes each) and, after the inverse DCT, samples (1 byte each).
    try limits.check(format: "jpeg", bytes: blocks * 64 * 3, what: "the \(width)x\(height) image's coefficients")
    for (id, h, v, tq) in factors {
      let component = JPEGComponent(
        id: id, h: h, v: v, quantTable: tq, width: (width * h + hMax - 1) / hMax, height: (height * v + vMax - 1) / vMax,
        blocksPerLine: mcusX * h, blocksPerColumn: mcusY * v)
      component.allocateCoefficients()
      components.append(component)
    }
  }

  /// DQT: 8- or 16-bit tables, stored in natural order.
  mutating func readQuantTables(_ segment: Range<Int>) throws(ImageDecodeError) {
    var p = segment.lowerBound
    while p < segment.upperBound {
      let precision = Int(data[p]) >> 4
      let id = Int(data[p]) & 15
      p += 1
      if precision > 1 || id > 3 { throw malformed("DQT table \(id) with precision \(precision)") }
      let size = precision == 0 ? 64 : 128
      guard p + size <= segment.upperBound else { throw malformed("DQT segment too short") }
      var table = [Int32](repeating: 0, count: 64)
      for k in 0..<64 {
        table[JPEGScanDecoder.zigzag[k]] = precision == 0 ? Int32(data[p + k]) : Int32(word(p + 2 * k))
      }
      quant[id] = table
      p += size
    }
  }

  /// DHT: DC and AC tables.
  mutating func readHuffmanTables(_ segment: Range<Int>) throws(ImageDecodeError) {
    var p = segment.lowerBound
    while p < segment.upperBound {
      let tableClass = Int(data[p]) >> 4
      let id = Int(data[p]) & 15
      guard tableClass <= 1, id <= 3, p + 17 <= segment.upperBound else { throw malformed("DHT table class \(tableClass) id \(id)") }
      let counts = (0..<16).map { Int(data[p + 1 + $0]) }
      let total = counts.reduce(0, +)
      p += 17
      guard total <= 256, p + total <= segment.upperBound else { throw malformed("DHT segment too short") }
      let symbols = (0..<total).map { data[p + $0] }
      p += total
      let table = try JPEGHuffmanTable(counts: counts, symbols: symbols)
      if tableClass == 0 { dcTables[id] = table } else { acTables[id] = table }
    }
  }

  /// SOS: the scan's components, tables and spectral / approximation fields, then its data.
  mutating func readScan(_ segment: Range<Int>) throws(ImageDecodeError) {
    guard !components.isEmpty else { throw malformed("scan before the frame header") }
    scans += 1
    if scans > JPEGDecoder.maxScans { throw .tooLarge(format: "jpeg", reason: "more than \(JPEGDecoder.maxScans) scans") }
    let s = segment.lowerBound
    guard segment.count >= 1 else { throw malformed("SOS segment too short") }
    let n = Int(data[s])
    guard (1...4).contains(n), segment.count >= 4 + 2 * n else { throw malformed("SOS with \(n) components") }
    var scanComponents: [JPEGComponent] = []
    for i in 0..<n {
      let id = Int(data[s + 1 + 2 * i])
      guard let component = components.first(where: { $0.id == id }) else { throw malformed("scan names component \(id), not in the frame") }
      component.dcTable = Int(data[s + 2 + 2 * i]) >> 4
      component.acTable = Int(data[s + 2 + 2 * i]) & 15
      if component.dcTable > 3 || component.acTable > 3 { throw malformed("Huffman table number over 3") }
      scanComponents.append(component)
    }
    let p = s + 1 + 2 * n
    let start = Int(data[p])
    let end = Int(data[p + 1])
    let high = Int(data[p + 2]) >> 4
    let low = Int(data[p + 2]) & 15
    if progressive {
      if start == 0 && end != 0 { throw malformed("progressive DC scan with spectral end \(end)") }
      if start > end || end > 63 { throw malformed("spectral selection \(start)...\(end)") }
      if start > 0 && n != 1 { throw malformed("progressive AC scan with \(n) components") }
      if low > 13 || (high != 0 && high != low + 1) { throw malformed("successive approximation \(high)/\(low)") }
    }
    let kind: Kind
    if !progressive {
      kind = .sequential
    } else if start == 0 {
      kind = high == 0 ? .dcFirst : .dcRefine
    } else {
      kind = high == 0 ? .acFirst : .acRefine
    }
    for component in scanComponents {
      let needsDC = kind == .sequential || kind == .dcFirst
      let needsAC = kind == .sequential || kind == .acFirst || kind == .acRefine
      if needsDC, dcTables[component.dcTable] == nil { throw malformed("scan uses undefined DC Huffman table \(component.dcTable)") }
      if needsAC, acTables[component.acTable] == nil { throw malformed("scan uses undefined AC Huffman table \(component.acTable)") }
      component.dcPrediction = 0
    }
    position = try decodeScan(scanComponents, kind: kind, start: start, end: end, low: low)
  }

  /// What a scan codes.
  enum Kind { case sequential, dcFirst, dcRefine, acFirst, acRefine }

  /// Decodes the entropy-coded data at `position`; returns where it ended.
  func decodeScan(_ scanComponents: [JPEGComponent], kind: Kind, start: Int, end: Int, low: Int) throws(ImageDecodeError) -> Int {
    let empty = JPEGHuffmanTable.placeholder
    let dc = scanComponents.map { JPEGHuffmanLookup(dcTables[$0.dcTable] ?? empty) }
    let ac = scanComponents.map { JPEGHuffmanLookup(acTables[$0.acTable] ?? empty) }
    defer {
      dc.forEach { $0.release() }
      ac.forEach { $0.release() }
    }
    var decoder = JPEGScanDecoder(data: data, count: count, position: position)
    try JPEGScanDecoder.zigzag.withUnsafeBufferPointer { zz throws(ImageDecodeError) in
      let zigzag = zz.baseAddress!
      @inline(__always) func block(_ i: Int, _ b: UnsafeMutablePointer<Int16>) throws(ImageDecodeError) {
        switch kind {
        case .sequential: try decoder.decodeSequential(b, scanComponents[i], dc: dc[i], ac: ac[i], zigzag: zigzag)
        case .dcFirst: try decoder.decodeDC(b, scanComponents[i], dc: dc[i], refine: false, low: low)
        case .dcRefine: try decoder.decodeDC(b, scanComponents[i], dc: dc[i], refine: true, low: low)
        case .acFirst: try decoder.decodeACFirst(b, ac: ac[i], start: start, end: end, low: low, zigzag: zigzag)
        case .acRefine: try decoder.decodeACRefine(b, ac: ac[i], start: start, end: end, low: low, zigzag: zigzag)
        }
      }
      var mcu = 0
      if scanComponents.count == 1 {
        // Non-interleaved: one block per MCU, over the component's own blocks.
        let c = scanComponents[0]
        let across = (c.width + 7) / 8
        let down = (c.height + 7) / 8
        let base = c.coefficients!
        for by in 0..<down {
          for bx in 0..<across {
            if restartInterval > 0, mcu > 0, mcu % restartInterval == 0 {
              try decoder.restart(after: mcu)
              c.dcPrediction = 0
            }
            try block(0, base + (by * c.blocksPerLine + bx) * 64)
            try decoder.checkOverrun()
            mcu += 1
          }
        }
      } else {
        for my in 0..<mcusY {
          for mx in 0..<mcusX {
            if restartInterval > 0, mcu > 0, mcu % restartInterval == 0 {
              try decoder.restart(after: mcu)
              for c in scanComponents { c.dcPrediction = 0 }
            }
            for (i, c) in scanComponents.enumerated() {
              let base = c.coefficients!
              for y in 0..<c.v {
                for x in 0..<c.h {
                  try block(i, base + ((my * c.v + y) * c.blocksPerLine + mx * c.h + x) * 64)
                }
              }
            }
            try decoder.checkOverrun()
            mcu += 1
          }
        }
      }
    }
    // The data ends at the next marker; the caller's marker search steps over anything before it.
    return decoder.hitMarker ? decoder.position : min(decoder.position, count)
  }
}
