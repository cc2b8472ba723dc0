/// The inverse DCT of libjpeg's `jpeg_idct_islow` (jidctint.c: the Loeffler-Ligtenberg-Moschytz
/// algorithm, 13-bit fixed-point constants, two passes), so decoded samples match libjpeg's (and so
/// ImageMagick's) closely and are the same on every machine: integers only.
enum JPEGInverseDCT {
  /// Fixed-point precision of the constants and the extra bits kept between the passes; then
  /// libjpeg's constants, FIX(x) = x * 2^13 rounded.
  static let constBits = 13
  static let pass1Bits = 2
  static let f0_298631336 = 2446
  static let f0_390180644 = 3196
  static let f0_541196100 = 4433
  static let f0_765366865 = 6270
  static let f0_899976223 = 7373
  static let f1_175875602 = 9633
  static let f1_501321110 = 12299
  static let f1_847759065 = 15137
  static let f1_961570560 = 16069
  static let f2_053119869 = 16819
  static let f2_562915447 = 20995
  static let f3_072711026 = 25172

  /// Transforms one block: `coefficients` in natural order, dequantized by `quant` (natural order),
  /// written as 8x8 samples (level-shifted by 128, clamped) at `output` with `stride`; `work` holds 64 Ints.
  @inline(__always) static func transform(
    _ coefficients: UnsafePointer<Int16>, _ quant: UnsafePointer<Int32>, _ output: UnsafeMutablePointer<UInt8>, stride: Int, work: UnsafeMutablePointer<Int>
  ) {
    // Pass 1: columns, into work.
    for c in 0..<8 {
      let input = coefficients + c
      let q = quant + c
      if input[8] == 0 && input[16] == 0 && input[24] == 0 && input[32] == 0 && input[40] == 0 && input[48] == 0 && input[56] == 0 {
        let dc = (Int(input[0]) * Int(q[0])) << pass1Bits
        for r in 0..<8 { work[r * 8 + c] = dc }
        continue
      }
      var z2 = Int(input[16]) * Int(q[16])
      var z3 = Int(input[48]) * Int(q[48])
      var z1 = (z2 + z3) * f0_541196100
      var tmp2 = z1 + z3 * -f1_847759065
      var tmp3 = z1 + z2 * f0_765366865
      z2 = Int(input[0]) * Int(q[0])
      z3 = Int(input[32]) * Int(q[32])
      var tmp0 = (z2 + z3) << constBits
      var tmp1 = (z2 - z3) << constBits
      let tmp10 = tmp0 + tmp3
      let tmp13 = tmp0 - tmp3
      let tmp11 = tmp1 + tmp2
      let tmp12 = tmp1 - tmp2
      tmp0 = Int(input[56]) * Int(q[56])
      tmp1 = Int(input[40]) * Int(q[40])
      tmp2 = Int(input[24]) * Int(q[24])
      tmp3 = Int(input[8]) * Int(q[8])
      z1 = tmp0 + tmp3
      z2 = tmp1 + tmp2
      z3 = tmp0 + tmp2
      var z4 = tmp1 + tmp3
      let z5 = (z3 + z4) * f1_175875602
      tmp0 *= f0_298631336
      tmp1 *= f2_053119869
      tmp2 *= f3_072711026
      tmp3 *= f1_501321110
      z1 *= -f0_899976223
      z2 *= -f2_562915447
      z3 *= -f1_961570560
      z4 *= -f0_390180644
      z3 += z5
      z4 += z5
      tmp0 += z1 + z3
      tmp1 += z2 + z4
      tmp2 += z2 + z3
      tmp3 += z1 + z4
      let shift = constBits - pass1Bits
      let round = 1 << (shift - 1)
      work[c] = (tmp10 + tmp3 + round) >> shift
      work[56 + c] = (tmp10 - tmp3 + round) >> shift
      work[8 + c] = (tmp11 + tmp2 + round) >> shift
      work[48 + c] = (tmp11 - tmp2 + round) >> shift
      work[16 + c] = (tmp12 + tmp1 + round) >> shift
      work[40 + c] = (tmp12 - tmp1 + round) >> shift
      work[24 + c] = (tmp13 + tmp0 + round) >> shift
      work[32 + c] = (tmp13 - tmp0 + round) >> shift
    }
    // Pass 2: rows, into samples.
    let shift = constBits + pass1Bits + 3
    let round = (1 << (shift - 1)) + (128 << shift)
    for r in 0..<8 {
      let w = work + r * 8
      let out = output + r * stride
      if w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0 {
        let v = clamp((w[0] + (1 << (pass1Bits + 2)) + (128 << (pass1Bits + 3))) >> (pass1Bits + 3))
        for i in 0..<8 { out[i] = v }
        continue
      }
      var z2 = w[2]
      var z3 = w[6]
      var z1 = (z2 + z3) * f0_541196100
      var tmp2 = z1 + z3 * -f1_847759065
      var tmp3 = z1 + z2 * f0_765366865
      var tmp0 = (w[0] + w[4]) << constBits
      var tmp1 = (w[0] - w[4]) << constBits
      let tmp10 = tmp0 + tmp3
      let tmp13 = tmp0 - tmp3
      let tmp11 = tmp1 + tmp2
      let tmp12 = tmp1 - tmp2
      tmp0 = w[7]
      tmp1 = w[5]
      tmp2 = w[3]
      tmp3 = w[1]
      z1 = tmp0 + tmp3
      z2 = tmp1 + tmp2
      z3 = tmp0 + tmp2
      var z4 = tmp1 + tmp3
      let z5 = (z3 + z4) * f1_175875602
      tmp0 *= f0_298631336
      tmp1 *= f2_053119869
      tmp2 *= f3_072711026
      tmp3 *= f1_501321110
      z1 *= -f0_899976223
      z2 *= -f2_562915447
      z3 *= -f1_961570560
      z4 *= -f0_390180644
      z3 += z5
      z4 += z5
      tmp0 += z1 + z3
      tmp1 += z2 + z4
      tmp2 += z2 + z3
      tmp3 += z1 + z4
      out[0] = clamp((tmp10 + tmp3 + round) >> shift)
      out[7] = clamp((tmp10 - tmp3 + round) >> shift)
      out[1] = clamp((tmp11 + tmp2 + round) >> shift)
      out[6] = clamp((tmp11 - tmp2 + round) >> shift)
      out[2] = clamp((tmp12 + tmp1 + round) >> shift)
      out[5] = clamp((tmp12 - tmp1 + round) >> shift)
      out[3] = clamp((tmp13 + tmp0 + round) >> shift)
      out[4] = clamp((tmp13 - tmp0 + round) >> shift)
    }
  }

  /// `v` clamped to 0...255.
  @inline(__always) static func clamp(_ v: Int) -> UInt8 { UInt8(truncatingIfNeeded: v < 0 ? 0 : (v > 255 ? 255 : v)) }
}
