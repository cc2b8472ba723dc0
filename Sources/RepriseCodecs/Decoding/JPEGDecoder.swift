public enum JPEGDecoder {
  public static func decode(_ bytes: [UInt8], limits: DecodeLimits = .standard) throws(ImageDecodeError) -> DecodedImage {
    throw .unsupported(format: "jpeg", reason: "not yet")
  }
}
