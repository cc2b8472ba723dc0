/// A word-level diff rendered as HTML: removed words in `<del>`, added words in `<ins>`, common
/// words as they are (all escaped). Whitespace is kept, so `white-space: pre-wrap` shows line breaks.
package enum GalleryWordDiff {
  /// One run of the diff.
  package enum Segment: Sendable, Equatable {
    /// Words in both texts.
    case same(String)
    /// Words only in the old text.
    case removed(String)
    /// Words only in the new text.
    case added(String)
  }

  /// The runs turning `a` into `b`. Texts too long for the quadratic table give one removal and one addition.
  package static func segments(_ a: String, _ b: String) -> [Segment] {
    if a == b { return a.isEmpty ? [] : [.same(a)] }
    let x = words(a), y = words(b)
    let n = x.count, m = y.count
    guard n * m <= 4_000_000 else { return [.removed(a), .added(b)] }
    var table = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        table[i][j] = x[i] == y[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
      }
    }
    var out: [Segment] = []
    func push(_ segment: Segment) {
      switch (out.last, segment) {
      case (.same(let p)?, .same(let s)): out[out.count - 1] = .same(p + s)
      case (.removed(let p)?, .removed(let s)): out[out.count - 1] = .removed(p + s)
      case (.added(let p)?, .added(let s)): out[out.count - 1] = .added(p + s)
      default: out.append(segment)
      }
    }
    var i = 0, j = 0
    while i < n || j < m {
      if i < n, j < m, x[i] == y[j] {
        push(.same(x[i])); i += 1; j += 1
      } else if i < n, j == m || table[i + 1][j] >= table[i][j + 1] {
        push(.removed(x[i])); i += 1
      } else {
        push(.added(y[j])); j += 1
      }
    }
    return joiningChanges(out)
  }

  /// Merges changes separated only by whitespace into one removal and one addition, so
  /// `vector,` -> `vector with outlines,` reads as one change rather than several.
  static func joiningChanges(_ segments: [Segment]) -> [Segment] {
    func isChange(_ segment: Segment) -> Bool { if case .same = segment { return false }; return true }
    var result: [Segment] = []
    var i = 0
    while i < segments.count {
      guard isChange(segments[i]) else { result.append(segments[i]); i += 1; continue }
      var removed = "", added = ""
      var j = i
      scan: while j < segments.count {
        switch segments[j] {
        case .removed(let s): removed += s
        case .added(let s): added += s
        case .same(let s) where j + 1 < segments.count && isChange(segments[j + 1]) && s.allSatisfy({ $0 == " " || $0 == "\t" }):
          removed += s
          added += s
        case .same: break scan
        }
        j += 1
      }
      // Whitespace both sides end with is common text, not a change.
      var tail = ""
      while !removed.isEmpty, !added.isEmpty, let r = removed.last, r == added.last, r == " " || r == "\t" {
        tail.insert(r, at: tail.startIndex)
        removed.removeLast()
        added.removeLast()
      }
      if !removed.isEmpty { result.append(.removed(removed)) }
      if !added.isEmpty { result.append(.added(added)) }
      if !tail.isEmpty {
        if j < segments.count, case .same(let next) = segments[j] {
          result.append(.same(tail + next))
          j += 1
        } else {
          result.append(.same(tail))
        }
      }
      i = j
    }
    return result
  }

  /// The diff as escaped HTML.
  package static func html(_ a: String, _ b: String) -> String {
    segments(a, b).map { segment in
      switch segment {
      case .same(let s): return HTMLEscaping.escape(s)
      case .removed(let s): return "<del>" + HTMLEscaping.escape(s) + "</del>"
      case .added(let s): return "<ins>" + HTMLEscaping.escape(s) + "</ins>"
      }
    }.joined()
  }

  /// Runs of non-space and runs of space, in order (joining them gives the text back).
  static func words(_ text: String) -> [String] {
    var words: [String] = []
    var current = ""
    var inSpace = false
    for ch in text {
      let space = ch == " " || ch == "\n" || ch == "\t"
      if space != inSpace, !current.isEmpty {
        words.append(current)
        current = ""
      }
      inSpace = space
      current.append(ch)
    }
    if !current.isEmpty { words.append(current) }
    return words
  }
}
