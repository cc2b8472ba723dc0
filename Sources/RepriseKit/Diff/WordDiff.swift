/// A word-level diff of two texts, rendered like `git diff --word-diff`: `[-old-]{+new+}`.
package enum WordDiff {
  /// Renders the change from `a` to `b`, keeping common words as they are.
  package static func render(_ a: String, _ b: String) -> String {
    let x = a.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    let y = b.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    // Longest common subsequence table; prompts are short enough for O(n*m).
    let n = x.count, m = y.count
    guard n * m <= 4_000_000 else { return "[-\(a)-]{+\(b)+}" }
    var table = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [String] = []
    var removed: [String] = []
    var added: [String] = []
    func flush() {
      if !removed.isEmpty { out.append("[-" + removed.joined(separator: " ") + "-]"); removed = [] }
      if !added.isEmpty { out.append("{+" + added.joined(separator: " ") + "+}"); added = [] }
    }
    var i = 0, j = 0
    while i < n || j < m {
      if i < n, j < m, x[i] == y[j] {
        flush()
        out.append(x[i])
        i += 1
        j += 1
      } else if j < m, i == n || table[i][j + 1] >= table[i + 1][j] {
        added.append(y[j])
        j += 1
      } else {
        removed.append(x[i])
        i += 1
      }
    }
    flush()
    return out.joined(separator: " ")
  }
}
