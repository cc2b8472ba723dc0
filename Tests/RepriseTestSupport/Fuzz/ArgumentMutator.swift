/// Deterministic mutation of argument lists: whole tokens are inserted, dropped, duplicated,
/// swapped, joined as `--name=value`, split, negated as `--no-name` or byte-mutated, and lists
/// are spliced together, so the mutated lists stay close enough to real command lines to get
/// past the first option.
public struct ArgumentMutator: Sendable {
  /// Realistic argument lists (command name first).
  public let corpus: [[String]]
  /// Tokens to insert: command names, option names, values, file names.
  public let tokens: [String]
  private let bytes: Mutator

  /// A mutator over `corpus` and `tokens` (both non-empty).
  public init(corpus: [[String]], tokens: [String]) {
    self.corpus = corpus.isEmpty ? [[]] : corpus
    self.tokens = tokens.isEmpty ? [""] : tokens
    bytes = Mutator(corpus: self.tokens.map { Array($0.utf8) }, dictionary: FuzzDictionary.json + self.tokens.map { Array($0.utf8) }, maxLength: 4096)
  }

  /// A corpus list with 1 to 4 (sometimes up to 16) mutations.
  public func next(_ rng: inout SplitMix64) -> [String] {
    var list = rng.pick(corpus)
    let rounds = rng.chance(85) ? rng.inRange(1...4) : rng.inRange(5...16)
    for _ in 0..<rounds { mutate(&list, &rng) }
    return list
  }

  /// Applies one random mutation to `list` in place.
  public func mutate(_ list: inout [String], _ rng: inout SplitMix64) {
    if list.isEmpty {
      list = rng.chance(50) ? [rng.pick(tokens)] : rng.pick(corpus)
      return
    }
    switch rng.below(12) {
    case 0, 1:  // insert a known token
      list.insert(rng.pick(tokens), at: rng.below(list.count + 1))
    case 2:  // drop a token
      list.remove(at: rng.below(list.count))
    case 3:  // duplicate a token (repeated options, values given twice)
      let i = rng.below(list.count)
      list.insert(list[i], at: rng.below(list.count + 1))
    case 4:  // swap two tokens (a value before its option)
      list.swapAt(rng.below(list.count), rng.below(list.count))
    case 5:  // replace a token
      list[rng.below(list.count)] = rng.pick(tokens)
    case 6, 7:  // byte-mutate one token
      let i = rng.below(list.count)
      var utf8 = Array(list[i].utf8)
      for _ in 0..<rng.small(limit: 4) { bytes.mutate(&utf8, &rng) }
      list[i] = String(decoding: utf8, as: UTF8.self)
    case 8:  // join a token with the next as --name=value, or split one at '='
      let i = rng.below(list.count)
      if let equals = list[i].firstIndex(of: "="), rng.chance(50) {
        let token = list[i]
        list[i] = String(token[..<equals])
        list.insert(String(token[token.index(after: equals)...]), at: i + 1)
      } else if i + 1 < list.count {
        list[i] += "=" + list.remove(at: i + 1)
      }
    case 9:  // negate a toggle, or un-negate one
      let i = rng.below(list.count)
      if list[i].hasPrefix("--no-") {
        list[i] = "--" + list[i].dropFirst(5)
      } else if list[i].hasPrefix("--") {
        list[i] = "--no-" + list[i].dropFirst(2)
      }
    case 10:  // splice with another list
      let other = rng.pick(corpus)
      list = Array(list.prefix(rng.below(list.count + 1))) + Array(other.dropFirst(rng.below(other.count + 1)))
    default:  // truncate, or end options with "--"
      if rng.chance(50) {
        list.removeSubrange(rng.below(list.count)...)
      } else {
        list.insert("--", at: rng.below(list.count + 1))
      }
    }
  }
}
