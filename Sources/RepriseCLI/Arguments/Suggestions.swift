/// "Did you mean" for mistyped options and commands.
enum Suggestions {
  /// The candidate closest to `word` by edit distance, if it is close enough to be a typo.
  static func nearest(to word: String, in candidates: [String]) -> String? {
    let length = word.count
    let limit = max(2, length / 3)
    // The distance is at least the difference in length, so candidates further off than the limit
    // are skipped unscored: a huge mistyped word (fuzzing found 100 KB ones taking seconds) costs
    // nothing, and the result is the same.
    let scored = candidates.filter { abs($0.count - length) <= limit }.map { ($0, distance(word, $0)) }
    if let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }), best.1 <= limit { return best.0 }
    if let prefixed = candidates.filter({ $0.hasPrefix(word) && word.count >= 3 }).sorted().first { return prefixed }
    return nil
  }

  /// Damerau-Levenshtein distance (adjacent transpositions count 1).
  static func distance(_ a: String, _ b: String) -> Int {
    let x = Array(a), y = Array(b)
    if x.isEmpty { return y.count }
    if y.isEmpty { return x.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: y.count + 1), count: x.count + 1)
    for i in 0...x.count { d[i][0] = i }
    for j in 0...y.count { d[0][j] = j }
    for i in 1...x.count {
      for j in 1...y.count {
        let cost = x[i - 1] == y[j - 1] ? 0 : 1
        d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
        if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
      }
    }
    return d[x.count][y.count]
  }
}
