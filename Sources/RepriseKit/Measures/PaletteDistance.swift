/// Weighted CIEDE2000 distances between palettes.
public enum PaletteDistance {
  /// How far a palette is from reference colours: each colour's share times its CIEDE2000 to the
  /// nearest reference colour, summed and divided by the shares' sum. nil when either is empty.
  public static func toReference(_ palette: [PaletteColour], _ reference: [CIELab]) -> Double? {
    guard !palette.isEmpty, !reference.isEmpty else { return nil }
    var sum = 0.0
    var weight = 0.0
    for colour in palette {
      var nearest = Double.infinity
      for r in reference { nearest = min(nearest, CIEDE2000.difference(colour.lab, r)) }
      sum += colour.share * nearest
      weight += colour.share
    }
    return weight > 0 ? sum / weight : nil
  }

  /// How far two palettes are apart: the mean of both directions of `toReference` (so a colour
  /// lost from either side counts), each weighted by its own shares. nil when either is empty.
  public static func between(_ a: [PaletteColour], _ b: [PaletteColour]) -> Double? {
    guard let ab = toReference(a, b.map(\.lab)), let ba = toReference(b, a.map(\.lab)) else { return nil }
    return (ab + ba) / 2
  }
}
