import Foundation

/// UTC timestamps for queue records (never for anything hashed).
public enum Timestamp {
  /// Now as ISO 8601 with milliseconds, e.g. `2026-11-22T03:04:05.678Z`.
  public static func now() -> String { format(Date()) }

  /// `date` as ISO 8601 with milliseconds.
  public static func format(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&t, &parts)
    let ms = Int((date.timeIntervalSince1970 - Double(t)) * 1000)
    return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), max(0, min(999, ms)))
  }
}
