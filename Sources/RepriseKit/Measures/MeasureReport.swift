/// What `reprise measure` found: the file, its measures (or why it was not measured), and the
/// baseline it was compared with.
public struct MeasureReport: Sendable, Equatable {
  /// The image as the user named it.
  public let file: String
  /// Its sha256.
  public let sha256: String
  /// Its size in bytes.
  public let bytes: Int
  /// The baseline as the user named it.
  public let baselineFile: String?
  /// The measures.
  public let measures: ImageMeasures

  /// A report as given.
  public init(file: String, sha256: String, bytes: Int, baselineFile: String?, measures: ImageMeasures) {
    self.file = file
    self.sha256 = sha256
    self.bytes = bytes
    self.baselineFile = baselineFile
    self.measures = measures
  }

  /// `{"file", "sha256", "bytes", "baseline_file", "measures"}`.
  public var json: JSONValue {
    .object([
      "file": .string(file), "sha256": .string(sha256), "bytes": .int(Int64(bytes)), "baseline_file": .optional(baselineFile), "measures": measures.json,
    ])
  }

  /// One fact a line (README "Measures" lists them).
  public var lines: [String] {
    let m = measures
    var lines: [String] = []
    if let reason = m.notMeasured {
      lines.append("file: \(file) (\(bytes) bytes, sha256 \(sha256))")
      lines.append("not measured: \(reason)")
      return lines
    }
    lines.append("file: \(file) (\(m.width ?? 0)x\(m.height ?? 0), \(bytes) bytes, sha256 \(sha256))")
    lines += MeasureReport.colourLines(m.palette, label: "colour")
    if m.palette.isEmpty { lines.append("colours: none (every pixel is transparent)") }
    lines.append("phash: \(m.hash ?? "-")")
    if let b = m.baseline {
      lines.append("baseline: \(baselineFile ?? "-") (sha256 \(b.sha256 ?? "-"))")
      if let reason = b.notMeasured {
        lines.append("baseline not measured: \(reason)")
      } else {
        lines += MeasureReport.colourLines(b.palette, label: "baseline colour")
        lines.append("baseline phash: \(b.hash ?? "-")")
        lines.append("ssim: \(b.ssim.map { MeasureRounding.text($0, 4) } ?? "-")")
        lines.append("phash distance: \(b.hashDistance.map { "\($0)/64" } ?? "-")")
        lines.append("palette distance to baseline: \(b.paletteDistance.map { "dE " + MeasureRounding.text($0, 4) } ?? "-")")
      }
    }
    if let r = m.reference {
      lines.append("reference palette: \(r.colours.joined(separator: ","))")
      lines.append("palette distance to reference: \(r.paletteDistance.map { "dE " + MeasureRounding.text($0, 4) } ?? "-")")
    }
    lines += m.verdictLines
    return lines
  }

  /// `colour 1: #1A2B3C 31.25% (L 12.34, a 5.6, b -7.8)`, one a line.
  static func colourLines(_ palette: [PaletteColour], label: String) -> [String] {
    palette.enumerated().map { n, c in
      let share = MeasureRounding.text(c.share * 100, 2)
      let lab = "L \(MeasureRounding.text(c.lab.l, 2)), a \(MeasureRounding.text(c.lab.a, 2)), b \(MeasureRounding.text(c.lab.b, 2))"
      return "\(label) \(n + 1): \(c.hex) \(share)% (\(lab))"
    }
  }
}
