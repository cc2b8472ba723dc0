/// Escaping for text placed in HTML, and percent-encoding for relative paths placed in `src` and
/// `href` attributes. Every piece of user text in a gallery goes through one of these.
package enum HTMLEscaping {
  /// `text` safe for element content and for quoted attribute values: `& < > " '` become
  /// character references, and control characters HTML forbids become U+FFFD.
  package static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n": out.unicodeScalars.append(scalar)
      case "\r": out += "\n"
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A relative path with each segment percent-encoded (UTF-8 bytes outside `A-Z a-z 0-9 - . _ ~`),
  /// segments kept apart by `/`: safe as a URL reference, with no scheme a browser could fetch.
  package static func percentEncodedPath(_ path: String) -> String {
    let hex = Array("0123456789ABCDEF".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(path.utf8.count)
    for byte in path.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
        out.append(byte)
      default:
        out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
      }
    }
    // `:` is encoded, so no segment can read as a scheme (`javascript:`, `http:`).
    return String(decoding: out, as: UTF8.self)
  }
}
