import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// Both SHA-256 implementations: reprise's own code and the system library's (when this machine
/// has one), on the FIPS 180-4 examples and against `sha256sum` on pseudo-random data.
@Suite struct SHA256Tests {
  /// The implementations to check: "swift" always, "system" when `Platform.sha256Engine` loaded.
  static let engines: [String] = ["swift"] + (Platform.sha256Engine == nil ? [] : ["system"])

  static func engine(_ name: String) -> SHA256.Engine? { name == "system" ? Platform.sha256Engine : nil }

  /// Deterministic bytes (xorshift32), so a failure replays.
  static func pseudoRandom(_ count: Int, seed: UInt32) -> [UInt8] {
    var state = seed | 1
    return (0..<count).map { _ in
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      return UInt8(truncatingIfNeeded: state)
    }
  }

  /// Lengths around every padding boundary, and some large enough to run many blocks per call.
  static let lengths = [0, 1, 3, 55, 56, 57, 63, 64, 65, 111, 119, 120, 127, 128, 129, 191, 192, 1000, 4095, 4096, 65_543, 1_048_589, 3_000_001]

  @Test(arguments: engines, [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
  ])
  func fipsExamples(engine: String, example: (input: String, expected: String)) {
    #expect(SHA256.hash(Array(example.input.utf8), engine: Self.engine(engine)).hexString == example.expected)
  }

  @Test(arguments: engines)
  func millionAs(engine: String) {
    let expected = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
    #expect(SHA256.hash([UInt8](repeating: 0x61, count: 1_000_000), engine: Self.engine(engine)).hexString == expected)
    // The same million, fed one byte, then 7, 13, 64, 1000... at a time.
    var hasher = SHA256(engine: Self.engine(engine))
    let a = [UInt8](repeating: 0x61, count: 4096)
    var fed = 0
    var step = 1
    while fed < 1_000_000 {
      let n = min(step, 1_000_000 - fed, a.count)
      hasher.update(a[0..<n])
      fed += n
      step = step * 3 + 4
      if step > 4096 { step = 1 }
    }
    #expect(hasher.finalize().hexString == expected)
  }

  @Test(arguments: engines)
  func oddChunksEqualOneShot(engine: String) {
    let data = Self.pseudoRandom(200_003, seed: 99)
    let whole = SHA256.hash(data, engine: Self.engine(engine))
    for chunk in [1, 7, 37, 63, 64, 65, 127, 4099, 65_537] {
      var hasher = SHA256(engine: Self.engine(engine))
      var i = 0
      while i < data.count {
        hasher.update(data[i..<min(i + chunk, data.count)])
        i += chunk
      }
      #expect(hasher.finalize() == whole, "chunks of \(chunk)")
    }
    #expect(whole == SHA256.hash(data, engine: nil), "the two implementations agree")
  }

  @Test func copiesOfAHasherAreIndependent() {
    for engine in Self.engines {
      var first = SHA256(engine: Self.engine(engine))
      first.update(Array("ab".utf8))
      var second = first
      first.update(Array("c".utf8))
      second.update(Array("d".utf8))
      #expect(first.finalize() == SHA256.hash(Array("abc".utf8)), "\(engine)")
      #expect(second.finalize() == SHA256.hash(Array("abd".utf8)), "\(engine)")
    }
  }

  @Test func matchesSha256sumOnRandomData() throws {
    let tool = "/usr/bin/sha256sum"
    guard FileManager.default.isExecutableFile(atPath: tool) else { return }
    let folder = try TemporaryFolder("sha256")
    defer { folder.remove() }
    var names: [String] = []
    for (n, length) in Self.lengths.enumerated() {
      names.append("data-\(length)")
      try folder.write(names[n], bytes: Self.pseudoRandom(length, seed: UInt32(n + 1)))
    }
    let run = try ProcessRunner.run(tool, names, in: folder.path)
    #expect(run.status == 0, "\(run.stderr)")
    let expected = Dictionary(uniqueKeysWithValues: run.stdout.split(separator: "\n").map { line in
      let fields = line.split(separator: " ", omittingEmptySubsequences: true)
      return (String(fields[1]), String(fields[0]))
    })
    for engine in Self.engines {
      for (n, length) in Self.lengths.enumerated() {
        let data = Self.pseudoRandom(length, seed: UInt32(n + 1))
        #expect(SHA256.hash(data, engine: Self.engine(engine)).hexString == expected[names[n]], "\(engine), \(length) bytes")
      }
    }
  }
}
