/// How each job's seed is derived: `(base + index - 1) mod 2^31`, with `base` from `--seed`
/// (`fixed`) or from the spec's hash (`derived`). Never random.
public struct SeedRule: Sendable, Equatable {
  /// Seeds stay in 0 ..< 2^31 so every provider accepts them.
  public static let modulus: Int64 = 2_147_483_648
  /// The formula, recorded verbatim in manifests so a reader can check seeds by hand.
  public static let formula = "(base + index - 1) mod 2147483648"

  /// `fixed` (from `--seed`) or `derived` (from the spec hash).
  public let kind: String
  /// The base seed.
  public let base: Int64

  /// A rule as given.
  public init(kind: String, base: Int64) {
    self.kind = kind
    self.base = base
  }

  /// The seed of absolute job `index`.
  public func seed(forIndex index: Int) -> Int64 {
    let raw = (base + Int64(index) - 1) % SeedRule.modulus
    return raw < 0 ? raw + SeedRule.modulus : raw
  }

  /// The manifest form.
  public var json: JSONValue { .object(["kind": .string(kind), "base": .int(base), "formula": .string(SeedRule.formula)]) }

  /// Reads the manifest form.
  public init(reading r: JSONObjectReader) throws(JSONFieldError) {
    kind = try r.string("kind")
    base = try r.int("base")
    guard kind == "fixed" || kind == "derived" else {
      throw JSONFieldError(path: r.path + ".kind", expected: "\"fixed\" or \"derived\"", found: "\"\(kind)\"")
    }
  }
}
