import Foundation

/// A colour in CIELAB (D65 white, the sRGB matrix of IEC 61966-2-1), converted from and to 8-bit sRGB.
public struct CIELab: Sendable, Equatable {
  /// Lightness, 0 (black) to 100 (white).
  public var l: Double
  /// Green (negative) to red (positive).
  public var a: Double
  /// Blue (negative) to yellow (positive).
  public var b: Double

  /// A colour as given.
  public init(l: Double, a: Double, b: Double) {
    self.l = l
    self.a = a
    self.b = b
  }

  /// The linear value of each 8-bit sRGB sample (the IEC 61966-2-1 transfer function), by table.
  static let linear: [Double] = (0..<256).map { i in
    let c = Double(i) / 255
    return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
  }

  /// The colour of 8-bit sRGB samples.
  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.init(linearRed: CIELab.linear[Int(red)], green: CIELab.linear[Int(green)], blue: CIELab.linear[Int(blue)])
  }

  /// The colour of (possibly fractional) gamma-encoded sRGB values in 0...255.
  init(srgb red: Double, _ green: Double, _ blue: Double) {
    func lin(_ v: Double) -> Double {
      let c = min(max(v, 0), 255) / 255
      return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    self.init(linearRed: lin(red), green: lin(green), blue: lin(blue))
  }

  /// The colour of linear sRGB values in 0...1.
  init(linearRed r: Double, green g: Double, blue b: Double) {
    let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    let y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
    func f(_ t: Double) -> Double { t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116 }
    let fx = f(x)
    let fy = f(y)
    let fz = f(z)
    self.init(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
  }

  /// The nearest 8-bit sRGB colour (out-of-gamut values clamped), as `#RRGGBB`.
  public var hex: String {
    let fy = (l + 16) / 116
    let fx = fy + a / 500
    let fz = fy - b / 200
    func finv(_ t: Double) -> Double { t > 6.0 / 29.0 ? t * t * t : (116 * t - 16) * 27.0 / 24389.0 }
    let x = finv(fx) * 0.95047
    let y = finv(fy)
    let z = finv(fz) * 1.08883
    let r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z
    let g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z
    let bl = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z
    func encode(_ c: Double) -> Int {
      let v = c <= 0.0031308 ? 12.92 * c : 1.055 * pow(max(c, 0), 1 / 2.4) - 0.055
      return Int((min(max(v, 0), 1) * 255).rounded())
    }
    return HexColour.format(red: encode(r), green: encode(g), blue: encode(bl))
  }

  /// The same colour with each component rounded to `places` decimals (what records hold).
  func rounded(_ places: Int) -> CIELab {
    CIELab(l: MeasureRounding.round(l, places), a: MeasureRounding.round(a, places), b: MeasureRounding.round(b, places))
  }
}
