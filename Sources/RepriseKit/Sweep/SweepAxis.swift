/// A setting a sweep (`variants --sweep AXIS=V1,V2,...`) varies. The raw value is the flag's
/// axis name and the key in `spec.sweep` and each job's `cell`.
public enum SweepAxis: String, Sendable, CaseIterable, Comparable {
  /// `--model`.
  case model
  /// `--aspect-ratio`.
  case aspectRatio = "aspect-ratio"
  /// `--image-size`.
  case imageSize = "image-size"
  /// `--variation-strength`.
  case variationStrength = "variation-strength"
  /// `--transport`.
  case transport
  /// Explicit seeds: a cell's job *i* gets `(seed + i - 1) mod 2^31`.
  case seed
  /// The prompt's wording (`--prompt-variant`, repeatable).
  case prompt

  /// Order of declaration, for sorting.
  public static func < (a: SweepAxis, b: SweepAxis) -> Bool {
    let all = SweepAxis.allCases
    return all.firstIndex(of: a)! < all.firstIndex(of: b)!
  }

  /// The axis names `--sweep` accepts, for messages.
  public static let sweepable = "model, aspect-ratio, image-size, variation-strength, transport, seed"
}
