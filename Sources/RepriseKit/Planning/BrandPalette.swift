/// `--palette '#0A2540,#FF5A5F,#F6F9FC'`: brand colours as data. Recorded in the spec normalised
/// (`#RRGGBB`, upper case, in the order given) and composed into every prompt as an explicit
/// instruction. No model's discovery data has a colour parameter today, so it is sent in the
/// prompt only.
public enum BrandPalette {
  /// Most colours accepted.
  public static let maxColours = 16

  /// What the flag accepts, for messages.
  static let accepted = "a comma-separated list of 1 to \(maxColours) distinct hex colours, #RRGGBB or #RGB (e.g. '#0A2540,#FF5A5F,#F6F9FC')"

  /// The colours of `text`, normalised: each `#RRGGBB` or `#RGB` (the `#` optional, any case,
  /// spaces around commas ignored) becomes `#RRGGBB` upper case, order kept.
  /// - Throws: a usage error (exit 64) naming `flag` and the accepted form, for an empty list, an
  ///   item that is not a hex colour, more than `maxColours`, or a colour listed twice (after
  ///   normalising: `#f00` and `#FF0000` are one colour).
  public static func parse(_ text: String, flag: String = "--palette") throws(RepriseError) -> [String] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    var colours: [String] = []
    for item in items {
      guard let colour = normalise(item) else {
        throw .usage("\(flag) '\(text)' is not accepted: '\(item)' is not a hex colour; use \(accepted)")
      }
      if colours.contains(colour) { throw .usage("\(flag) '\(text)' lists \(colour) twice: use \(accepted)") }
      colours.append(colour)
    }
    guard colours.count <= maxColours else { throw .usage("\(flag) lists \(colours.count) colours: use \(accepted)") }
    return colours
  }

  /// `#RRGGBB` upper case, or nil when `item` is not `#RRGGBB`/`#RGB` (the `#` optional).
  static func normalise(_ item: String) -> String? {
    let digits = item.hasPrefix("#") ? String(item.dropFirst()) : item
    let hex = Set("0123456789abcdefABCDEF")
    guard digits.count == 6 || digits.count == 3, digits.allSatisfy({ hex.contains($0) }) else { return nil }
    let full = digits.count == 6 ? digits : String(digits.flatMap { [$0, $0] })
    return "#" + full.uppercased()
  }

  /// True when `colours` is already in the recorded form (what a manifest reader accepts).
  static func isNormalised(_ colours: [String]) -> Bool {
    !colours.isEmpty && colours.count <= maxColours && Set(colours).count == colours.count
      && colours.allSatisfy { $0.count == 7 && normalise($0) == $0 }
  }

  /// The constraint line every job's prompt gets.
  public static func constraintLine(_ colours: [String]) -> String {
    "Brand palette: use only these colours (hex, in order of importance): \(colours.joined(separator: ", ")); no other hues."
  }
}

import Foundation
