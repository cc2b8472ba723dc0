import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// `--prefix Logo` and `--prefix logo` share one manifest on a case-insensitive volume (APFS and
/// HFS+ by default): the second is refused there, and allowed on case-sensitive ones (Linux).
@Suite struct CaseCollisionTests {
  @Test func refusedOnACaseInsensitiveVolume() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("out/Logo-manifest.json", text: "{}")
    do {
      try CaseCollision.check("logo-manifest.json", in: folder.url("out"), shownFolder: "out", flag: "--prefix", isCaseInsensitive: { _ in true })
      Issue.record("not refused")
    } catch {
      #expect(error.exitCode == .badInput)
      #expect(
        error.message
          == "'out/logo-manifest.json' and the existing 'out/Logo-manifest.json' are one file on this case-insensitive volume: use the same letter case in "
            + "--prefix, or another --prefix"
      )
    }
  }

  @Test func allowedWhenTheVolumeIsCaseSensitiveOrTheNameIsTheSame() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("out/Logo-manifest.json", text: "{}")
    try CaseCollision.check("logo-manifest.json", in: folder.url("out"), shownFolder: "out", flag: "--prefix", isCaseInsensitive: { _ in false })
    try CaseCollision.check("Logo-manifest.json", in: folder.url("out"), shownFolder: "out", flag: "--prefix", isCaseInsensitive: { _ in true })
    try CaseCollision.check("crab-manifest.json", in: folder.url("out"), shownFolder: "out", flag: "--prefix", isCaseInsensitive: { _ in true })
    try CaseCollision.check("logo-manifest.json", in: folder.url("missing"), shownFolder: "missing", flag: "--prefix", isCaseInsensitive: { _ in true })
    // The real check on this (case-sensitive) file system.
    try CaseCollision.check("logo-manifest.json", in: folder.url("out"), shownFolder: "out", flag: "--prefix")
  }

  /// On Linux nothing changes: both prefixes get their own manifest.
  @Test func variantsKeepsBothPrefixesOnACaseSensitiveVolume() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for prefix in ["Logo", "logo"] {
      let run = await runCLI(["variants", "--prompt", "A crab logo", "--count", "1", "--out-dir", "out", "--prefix", prefix, "--plan-only"], in: folder.path)
      #expect(run.code == 0, "\(run.err)")
    }
    #expect(folder.exists("out/Logo-manifest.json") && folder.exists("out/logo-manifest.json"))
  }
}
