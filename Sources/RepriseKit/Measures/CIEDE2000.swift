import Foundation

/// The CIEDE2000 colour difference (CIE 142-2001, kL = kC = kH = 1), as written out by Sharma, Wu
/// and Dalal (2005), whose 34 test pairs `CIEDE2000Tests` checks to 4 decimals.
public enum CIEDE2000 {
  /// ΔE00 between two colours (symmetric, 0 for equal colours).
  public static func difference(_ x: CIELab, _ y: CIELab) -> Double {
    let pow7of25 = 6_103_515_625.0  // 25^7
    let c1 = (x.a * x.a + x.b * x.b).squareRoot()
    let c2 = (y.a * y.a + y.b * y.b).squareRoot()
    let cMean = (c1 + c2) / 2
    let cMean7 = pow(cMean, 7)
    let g = 0.5 * (1 - (cMean7 / (cMean7 + pow7of25)).squareRoot())
    let a1 = (1 + g) * x.a
    let a2 = (1 + g) * y.a
    let c1p = (a1 * a1 + x.b * x.b).squareRoot()
    let c2p = (a2 * a2 + y.b * y.b).squareRoot()
    func hue(_ b: Double, _ a: Double) -> Double {
      if a == 0 && b == 0 { return 0 }
      let h = atan2(b, a) * 180 / Double.pi
      return h < 0 ? h + 360 : h
    }
    let h1 = hue(x.b, a1)
    let h2 = hue(y.b, a2)
    let dL = y.l - x.l
    let dC = c2p - c1p
    var dh = 0.0
    if c1p * c2p != 0 {
      dh = h2 - h1
      if dh > 180 { dh -= 360 } else if dh < -180 { dh += 360 }
    }
    let dH = 2 * (c1p * c2p).squareRoot() * sin(dh * Double.pi / 360)
    let lMean = (x.l + y.l) / 2
    let cMeanP = (c1p + c2p) / 2
    var hMean = h1 + h2
    if c1p * c2p != 0 {
      if abs(h1 - h2) <= 180 {
        hMean = (h1 + h2) / 2
      } else if h1 + h2 < 360 {
        hMean = (h1 + h2 + 360) / 2
      } else {
        hMean = (h1 + h2 - 360) / 2
      }
    }
    func rad(_ deg: Double) -> Double { deg * Double.pi / 180 }
    let t = 1 - 0.17 * cos(rad(hMean - 30)) + 0.24 * cos(rad(2 * hMean)) + 0.32 * cos(rad(3 * hMean + 6)) - 0.20 * cos(rad(4 * hMean - 63))
    let dTheta = 30 * exp(-((hMean - 275) / 25) * ((hMean - 275) / 25))
    let cMeanP7 = pow(cMeanP, 7)
    let rc = 2 * (cMeanP7 / (cMeanP7 + pow7of25)).squareRoot()
    let l50 = (lMean - 50) * (lMean - 50)
    let sl = 1 + 0.015 * l50 / (20 + l50).squareRoot()
    let sc = 1 + 0.045 * cMeanP
    let sh = 1 + 0.015 * cMeanP * t
    let rt = -sin(rad(2 * dTheta)) * rc
    let lTerm = dL / sl
    let cTerm = dC / sc
    let hTerm = dH / sh
    return max(0, lTerm * lTerm + cTerm * cTerm + hTerm * hTerm + rt * cTerm * hTerm).squareRoot()
  }
}
