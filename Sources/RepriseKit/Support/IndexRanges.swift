/// Writes a set of indices compactly for messages: `[1, 2, 3, 7]` gives `1-3, 7`.
package enum IndexRanges {
  /// The indices as sorted ranges, `none` when empty.
  package static func text(_ indices: [Int]) -> String {
    let sorted = Array(Set(indices)).sorted()
    guard var start = sorted.first else { return "none" }
    var parts: [String] = []
    var end = start
    for index in sorted.dropFirst() {
      if index == end + 1 {
        end = index
        continue
      }
      parts.append(start == end ? "\(start)" : "\(start)-\(end)")
      start = index
      end = index
    }
    parts.append(start == end ? "\(start)" : "\(start)-\(end)")
    return parts.joined(separator: ", ")
  }
}
