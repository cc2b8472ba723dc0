import Foundation

/// Reads `--sweep AXIS=V1,V2,...` (repeatable) and `--prompt-variant TEXT` (repeatable) into
/// typed axes, checking every value as its own flag would be checked.
package enum SweepArguments {
  /// Most cells a sweep may have (before `--count`).
  package static let maxCells = 1000

  /// The axes, in the order given (`--prompt-variant` last, as the `prompt` axis).
  /// - Throws: a usage error (exit 64) naming `--sweep` or `--prompt-variant` and what is accepted.
  package static func parse(_ sweeps: [String], promptVariants: [String]) throws(RepriseError) -> [SweepAxisValues] {
    var axes: [SweepAxisValues] = []
    for given in sweeps {
      guard let equals = given.firstIndex(of: "=") else {
        throw .usage("--sweep '\(given)' is not accepted: use AXIS=V1,V2,... with AXIS one of \(SweepAxis.sweepable)")
      }
      let name = String(given[..<equals])
      guard let axis = SweepAxis(rawValue: name), axis != .prompt else {
        throw .usage("--sweep '\(given)': '\(name)' is not an axis: use one of \(SweepAxis.sweepable) (wording: --prompt-variant TEXT)")
      }
      guard !axes.contains(where: { $0.axis == axis }) else { throw .usage("--sweep \(name) is given twice: list every value in one --sweep \(name)=V1,V2") }
      let texts = given[given.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var values: [SweepValue] = []
      for text in texts {
        let value = try check(text, axis: axis, given: given)
        guard !values.contains(value) else { throw .usage("--sweep '\(given)' lists '\(text)' twice: each value once") }
        values.append(value)
      }
      axes.append(SweepAxisValues(axis: axis, values: values))
    }
    if !promptVariants.isEmpty {
      var values: [SweepValue] = []
      for text in promptVariants {
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw .usage("--prompt-variant is empty: give the wording to try") }
        if text.count > VariantOptions.maxPromptCharacters {
          throw .usage("--prompt-variant is \(text.count) characters: at most \(VariantOptions.maxPromptCharacters) are accepted")
        }
        guard !values.contains(.text(text)) else { throw .usage("--prompt-variant '\(text)' is given twice: each wording once") }
        values.append(.text(text))
      }
      axes.append(SweepAxisValues(axis: .prompt, values: values))
    }
    let cells = axes.reduce(1) { $0 * $1.values.count }
    guard cells <= maxCells else { throw .usage("--sweep makes \(cells) cells: at most \(maxCells) are accepted") }
    return axes
  }

  /// One value, checked as the axis's own flag checks it.
  static func check(_ text: String, axis: SweepAxis, given: String) throws(RepriseError) -> SweepValue {
    let bad = { (accepted: String) -> RepriseError in .usage("--sweep '\(given)': '\(text)' is not accepted for \(axis.rawValue): \(accepted)") }
    switch axis {
    case .model:
      guard ModelCapabilities.isValidID(text) else { throw bad("use author/slug model ids, e.g. \(VariantOptions.defaultModel)") }
    case .aspectRatio:
      let ok = !text.isEmpty && text.unicodeScalars.allSatisfy { "0123456789.:auto".unicodeScalars.contains($0) }
      guard ok else { throw bad("use W:H ratios such as 1:1, 3:2, 16:9") }
    case .imageSize:
      guard ImageOptions.imageSizes.contains(text) || ImageOptions.sizeTiers.contains(text) else {
        throw bad("use low, medium or high (or a tier: 0.5K, 512, 1K, 2K, 4K)")
      }
    case .variationStrength:
      guard ImageOptions.strengths.contains(text) else { throw bad("use low, medium or high") }
    case .transport:
      guard TransportChoice(rawValue: text) != nil else { throw bad("use auto, chat or images") }
    case .seed:
      guard let n = Int64(text), (0..<SeedRule.modulus).contains(n) else { throw bad("use seeds 0 to \(SeedRule.modulus - 1)") }
      return .seed(n)
    case .prompt:
      break
    }
    return .text(text)
  }
}
