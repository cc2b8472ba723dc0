import Foundation

/// UTC timestamps for queue records (never for anything hashed).
package enum Timestamp {
  /// Now as ISO 8601 with milliseconds, e.g. `2026-11-22T03:04:05.678Z`.
  package static func now() -> String { format(Date()) }

  /// `date` as ISO 8601 with milliseconds.
  package static func format(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&t, &parts)
    let ms = Int((date.timeIntervalSince1970 - Double(t)) * 1000)
    // Digits written by hand: `String(format:)` went through Foundation's formatter (1 % of a drain).
    var out: [UInt8] = []
    out.reserveCapacity(24)
    func digits(_ value: Int, _ width: Int, then separator: UInt8) {
      var divisor = 1
      for _ in 1..<width { divisor *= 10 }
      var rest = max(0, value)
      if rest >= divisor * 10 { rest %= divisor * 10 }
      while divisor > 0 {
        out.append(UInt8(ascii: "0") + UInt8(rest / divisor))
        rest %= divisor
        divisor /= 10
      }
      out.append(separator)
    }
    digits(Int(parts.tm_year) + 1900, 4, then: UInt8(ascii: "-"))
    digits(Int(parts.tm_mon) + 1, 2, then: UInt8(ascii: "-"))
    digits(Int(parts.tm_mday), 2, then: UInt8(ascii: "T"))
    digits(Int(parts.tm_hour), 2, then: UInt8(ascii: ":"))
    digits(Int(parts.tm_min), 2, then: UInt8(ascii: ":"))
    digits(Int(parts.tm_sec), 2, then: UInt8(ascii: "."))
    digits(max(0, min(999, ms)), 3, then: UInt8(ascii: "Z"))
    return String(decoding: out, as: UTF8.self)
  }

  /// Seconds since 1970 of a timestamp written by `format`, or nil when it is not one.
  package static func parse(_ text: String) -> Double? {
    let u = Array(text.utf8)
    guard u.count == 24, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58, u[19] == 46, u[23] == 90 else { return nil }
    func number(_ range: Range<Int>) -> Int? { Int(String(decoding: u[range], as: UTF8.self)) }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
      let minute = number(14..<16), let second = number(17..<19), let ms = number(20..<23)
    else { return nil }
    var parts = tm()
    parts.tm_year = Int32(year - 1900)
    parts.tm_mon = Int32(month - 1)
    parts.tm_mday = Int32(day)
    parts.tm_hour = Int32(hour)
    parts.tm_min = Int32(minute)
    parts.tm_sec = Int32(second)
    return Double(timegm(&parts)) + Double(ms) / 1000
  }
}
