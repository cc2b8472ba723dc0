/// One input that failed: a broken property, or an input slower than the budget.
public struct FuzzFailure: Sendable {
  /// The iteration that produced it (rerun with `REPRISE_FUZZ_START=<iteration> REPRISE_FUZZ_COUNT=1`).
  public let iteration: Int
  /// What went wrong.
  public let message: String
  /// The input, escaped and shortened for a log line.
  public let input: String

  /// A failure as given.
  public init(iteration: Int, message: String, input: String) {
    self.iteration = iteration
    self.message = message
    self.input = input
  }

  /// Up to `limit` bytes of `bytes` as printable ASCII, everything else as `\xNN`.
  public static func escaped(_ bytes: [UInt8], limit: Int = 300) -> String {
    var out = ""
    for byte in bytes.prefix(limit) {
      switch byte {
      case 0x5C: out += "\\\\"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
      default: out += "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
      }
    }
    return bytes.count > limit ? out + "... (\(bytes.count) bytes)" : out
  }
}
