import RepriseCodecs

extension ManifestSpec {
  /// Sets the seed rule: `--seed` as a fixed base, else a base derived from the spec itself (its
  /// canonical form with base 0), so the same spec always gets the same seeds. Every member that
  /// decides job content must be set before this is called.
  package mutating func deriveSeedRule(fixed seed: Int64?) {
    if let seed {
      seedRule = SeedRule(kind: "fixed", base: seed)
      return
    }
    seedRule = SeedRule(kind: "derived", base: 0)
    let digest = SHA256.hash(JSONWriter.canonical(content)).bytes
    let base = (Int64(digest[0]) << 24 | Int64(digest[1]) << 16 | Int64(digest[2]) << 8 | Int64(digest[3])) & 0x7FFF_FFFF
    seedRule = SeedRule(kind: "derived", base: base)
  }
}
