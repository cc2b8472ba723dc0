import Foundation
import RepriseKit

/// `reprise measure IMAGE`: dominant palette, perceptual hash and, against a baseline or reference
/// colours, SSIM, distances and lock verdicts.
enum MeasureCommand {
  static let command = Command(
    name: "measure",
    summary: "measure an image: dominant palette, pHash, and SSIM, distances and lock verdicts against a baseline",
    usage: ["measure IMAGE [--baseline FILE] [--palette HEX,...] [--json]"],
    notes: [
      "Palette: 6 colours (k-means in CIELAB on a 64x64 box-filtered grid, fixed seed) with shares, hex and CIELAB (D65).",
      "With --baseline: SSIM (64x64 luma, 8x8 windows), pHash distance (of 64), palette distance (weighted",
      "CIEDE2000) and the verdicts 'palette: kept|drifted (dE D > T)' and 'composition: kept|drifted (SSIM S < T)'.",
      "With --palette: the palette distance to those colours and the brand palette verdict. One fact a line; --json sorted.",
      "Exit 0 measured (or 'not measured: REASON' for a kind not decoded, e.g. lossy WebP), 2 unreadable or broken",
      "image or baseline, 64 usage.",
    ],
    options: [
      .value("baseline", "FILE", "Compare with this image (SSIM, pHash distance, palette distance, verdicts)."),
      .value("palette", "HEX,...", "Reference colours (#RRGGBB or RRGGBB, comma-separated) the palette is held to."),
    ] + thresholdOptions + [
      .flag("json", "Print the measures as JSON."),
    ],
    run: { args, context in try await run(args, context) })

  /// `--palette-threshold`, `--composition-threshold` (also on `variants` and `drain`).
  static let thresholdOptions: [OptionSpec] = [
    .value("palette-threshold", "DE", "Palette kept while the weighted CIEDE2000 is at most this (default 10)."),
    .value("composition-threshold", "S", "Composition kept while SSIM to the baseline is at least this (default 0.80)."),
  ]

  /// The thresholds given (defaults otherwise).
  static func thresholds(_ args: ParsedArguments) throws -> MeasureThresholds {
    var thresholds = MeasureThresholds.standard
    if let v = try args.double("palette-threshold", accepted: "0 to 100") {
      guard (0...100).contains(v) else { throw RepriseError.usage("--palette-threshold \(v) is out of range: accepted 0 to 100") }
      thresholds.paletteDistance = v
    }
    if let v = try args.double("composition-threshold", accepted: "0 to 1") {
      guard (0...1).contains(v) else { throw RepriseError.usage("--composition-threshold \(v) is out of range: accepted 0 to 1") }
      thresholds.compositionSSIM = v
    }
    return thresholds
  }

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    guard args.positionals.count == 1 else { throw RepriseError.usage("measure needs one image path") }
    let shown = args.positionals[0]
    var palette: [String]?
    if let text = args.value("palette") {
      let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      palette = try items.map { item in
        guard let hex = HexColour.normalise(item) else {
          throw RepriseError.usage("--palette '\(item)' is not a colour: accepted #RRGGBB or RRGGBB, comma-separated")
        }
        return hex
      }
    }
    let colours = palette
    let thresholds = try thresholds(args)
    let baselineShown = args.value("baseline")
    let path = context.absolute(shown)
    let baselinePath = baselineShown.map { context.absolute($0) }
    let report = try await BlockingWork.run { () throws(RepriseError) -> MeasureReport in
      try MeasureOperation.run(path: path, shown: shown, baselinePath: baselinePath, baselineShown: baselineShown, palette: colours, thresholds: thresholds)
    }
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(report.json))
    } else {
      for line in report.lines { context.console.line(line) }
    }
    return .ok
  }
}
