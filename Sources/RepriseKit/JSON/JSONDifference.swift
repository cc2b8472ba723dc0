/// Finds differences between two JSON values, walking objects in sorted key order.
package enum JSONDifference {
  /// The first difference as `path: old -> new`, or nil when equal.
  package static func first(_ a: JSONValue, _ b: JSONValue, path: String) -> String? {
    if a == b { return nil }
    if case .object(let x) = a, case .object(let y) = b {
      let keys = Set(x.keys).union(y.keys).sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
      for key in keys {
        if let found = first(x[key] ?? .null, y[key] ?? .null, path: path + "." + key) { return found }
      }
      return nil
    }
    if case .array(let x) = a, case .array(let y) = b, x.count == y.count {
      for i in 0..<x.count {
        if let found = first(x[i], y[i], path: "\(path)[\(i)]") { return found }
      }
      return nil
    }
    return "\(path) differs (\(summary(a)) -> \(summary(b)))"
  }

  /// A short rendering of a value for messages (long strings are cut).
  package static func summary(_ v: JSONValue) -> String {
    let text = JSONWriter.canonicalString(v)
    return text.count > 60 ? String(text.prefix(57)) + "..." : text
  }
}
