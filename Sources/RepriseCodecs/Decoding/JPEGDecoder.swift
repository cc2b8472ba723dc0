/// Decodes JPEG files (ITU T.81, JFIF): baseline and extended sequential and progressive (spectral
/// selection and successive approximation) Huffman-coded frames with 8-bit samples, restart
/// intervals, greyscale and three-component images with any sampling factors that divide the
/// largest evenly (4:4:4, 4:2:2, 4:2:0, 4:4:0, 4:1:1, ...). Three components are YCbCr unless an
/// Adobe APP14 marker says transform 0 or the component ids spell R, G, B (libjpeg's rules).
///
/// Samples come out as libjpeg computes them by default: the same integer inverse DCT
/// (`jpeg_idct_islow`), "fancy" (triangle-filter) chroma upsampling for 2x1, 1x2 and 2x2 ratios
/// (box for others), and libjpeg's fixed-point YCbCr conversion, so the result is within a level or
/// two of ImageMagick's and identical on every machine.
///
/// Refused with `.unsupported`: arithmetic coding, lossless and hierarchical frames, 12-bit
/// samples, 2- and 4-component (CMYK/YCCK) images, a height given later by DNL. Refused with
/// `.malformed`: bad markers, Huffman codes and tables, missing restart markers, entropy data that
/// ends early. `.tooLarge`: dimensions or coefficient memory over `DecodeLimits`, or more than
/// `maxScans` scans. EXIF orientation is ignored: pixels come out in stored order.
public enum JPEGDecoder {
  /// Most scans a file may have (real progressive files have about ten; each scan can cost a pass
  /// over every block, so a file of many tiny scans would otherwise be slow to refuse).
  public static let maxScans = 1_000

  /// The image as 8-bit RGBA (alpha 255).
  public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageDecodeError) -> DecodedImage {
    try bytes.withUnsafeBufferPointer { buffer throws(ImageDecodeError) in
      guard let base = buffer.baseAddress, buffer.count >= 4, base[0] == 0xFF, base[1] == 0xD8 else {
        throw .malformed(format: "jpeg", reason: "no SOI marker")
      }
      var parser = JPEGParser(data: base, count: buffer.count, limits: limits)
      return try parser.run()
    }
  }
}
