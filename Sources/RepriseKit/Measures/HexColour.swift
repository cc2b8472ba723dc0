/// `#RRGGBB` colours: parsing what users give (`--palette`) and formatting what measures report.
public enum HexColour {
  /// `#RRGGBB` in upper case.
  public static func format(red: Int, green: Int, blue: Int) -> String {
    let digits = Array("0123456789ABCDEF")
    var s = "#"
    for v in [red, green, blue] {
      s.append(digits[(v >> 4) & 15])
      s.append(digits[v & 15])
    }
    return s
  }

  /// The normalised `#RRGGBB` form of `RRGGBB`, `#RRGGBB`, `RGB` or `#RGB` (any case); nil otherwise.
  public static func normalise(_ text: String) -> String? {
    var digits = Substring(text.trimmingCharacters(in: .whitespaces))
    if digits.hasPrefix("#") { digits = digits.dropFirst() }
    guard digits.count == 3 || digits.count == 6, digits.allSatisfy(\.isHexDigit) else { return nil }
    let full = digits.count == 3 ? digits.map { "\($0)\($0)" }.joined() : String(digits)
    return "#" + full.uppercased()
  }

  /// The colour of a normalised or raw hex colour; nil when it is not one.
  public static func lab(_ text: String) -> CIELab? {
    guard let hex = normalise(text), let value = Int(hex.dropFirst(), radix: 16) else { return nil }
    return CIELab(red: UInt8((value >> 16) & 255), green: UInt8((value >> 8) & 255), blue: UInt8(value & 255))
  }
}
