import Foundation
import Testing
@testable import RepriseKit

@Suite struct UTF8TextTests {
  @Test func decodesWellFormedText() {
    #expect(UTF8Text.decode(Array("crab “logo” 🦀 é".utf8)) == "crab “logo” 🦀 é")
    #expect(UTF8Text.decode([UInt8]()) == "")
  }

  @Test(arguments: [
    [0x80], [0xC0, 0xAF], [0xC1, 0xBF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF0, 0x80, 0x80, 0xAF],
    [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x80], [0x61, 0xC3], [0xC3, 0x28],
  ] as [[UInt8]])
  func refusesMalformedBytes(_ bytes: [UInt8]) {
    #expect(UTF8Text.decode(bytes) == nil)
  }

  /// The standard library's strict decoder (available on Linux) is the reference.
  @Test func agreesWithTheStandardLibraryOnRandomBytes() {
    var generator = SystemRandomNumberGenerator()
    let interesting: [UInt8] = [
      0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF,
    ]
    for _ in 0..<20_000 {
      let count = Int.random(in: 0...6, using: &generator)
      let bytes = (0..<count).map { _ in interesting.randomElement(using: &generator)! }
      #expect(UTF8Text.decode(bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
    }
  }
}
