import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// `Platform.placeWithoutReplacing`: each strategy on its own, the fallbacks, and that an existing
/// file is never replaced.
@Suite struct PlacementTests {
  typealias Strategy = Platform.NoReplaceStrategy

  /// The strategies after `strategy`, to make it the last one tried.
  static func later(than strategy: Strategy) -> Set<Strategy> { Set(Strategy.allCases.filter { $0 > strategy }) }

  @Test(arguments: Strategy.allCases)
  func eachStrategyPlacesTheFileAndRemovesTheSource(_ strategy: Strategy) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let source = try folder.write(".out.png.tmp-1-abcdef", text: "new image")
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: source)
    let used = try Platform.placeWithoutReplacing(source, at: folder.url("out.png"), from: strategy, unsupported: Self.later(than: strategy))
    #expect(used == strategy)
    #expect(try folder.readText("out.png") == "new image")
    #expect(!folder.exists(".out.png.tmp-1-abcdef"))
    let mode = try FileManager.default.attributesOfItem(atPath: folder.url("out.png"))[.posixPermissions] as? Int
    #expect(mode == 0o640)
  }

  @Test(arguments: Strategy.allCases)
  func eachStrategyRefusesAnExistingFileWithEEXIST(_ strategy: Strategy) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let source = try folder.write(".out.png.tmp-1-abcdef", text: "new image")
    try folder.write("out.png", text: "the user's file")
    do {
      try Platform.placeWithoutReplacing(source, at: folder.url("out.png"), from: strategy)
      Issue.record("placed over an existing file")
    } catch {
      #expect(error.code == EEXIST)
      #expect(error.reason == "File exists")
    }
    #expect(try folder.readText("out.png") == "the user's file")
    #expect(try folder.readText(".out.png.tmp-1-abcdef") == "new image", "the source is kept for the caller to discard")
  }

  /// The real chain on this file system, no strategy skipped.
  @Test func theDefaultChainNeverReplaces() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let first = try folder.write(".a.tmp", text: "first")
    try Platform.placeWithoutReplacing(first, at: folder.url("out.png"))
    let second = try folder.write(".b.tmp", text: "second")
    #expect(throws: FileSystem.Failure.self) { try Platform.placeWithoutReplacing(second, at: folder.url("out.png")) }
    #expect(try folder.readText("out.png") == "first")
    // And through the temporaries every writer uses.
    let temporary = try FileSystem.writeTemporary(parts: [Array("third".utf8)[...]], beside: folder.url("out.png"), tag: "image")
    #expect(throws: FileSystem.Failure.self) { try temporary.place(at: folder.url("out.png"), replacing: false) }
    temporary.discard()
    #expect(try folder.readText("out.png") == "first")
  }

  @Test func unsupportedStrategiesFallBackInOrder() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let a = try folder.write(".a.tmp", text: "a")
    #expect(try Platform.placeWithoutReplacing(a, at: folder.url("a.png"), unsupported: [.atomicRename]) == .link)
    let b = try folder.write(".b.tmp", text: "b")
    #expect(try Platform.placeWithoutReplacing(b, at: folder.url("b.png"), unsupported: [.atomicRename, .link]) == .exclusiveCopy)
    #expect(try folder.readText("b.png") == "b")
    let c = try folder.write(".c.tmp", text: "c")
    do {
      try Platform.placeWithoutReplacing(c, at: folder.url("c.png"), unsupported: Set(Strategy.allCases))
      Issue.record("placed with every strategy unsupported")
    } catch {
      #expect(error.code == ENOTSUP)
    }
    #expect(!folder.exists("c.png"))
  }

  /// A real failure (here a missing folder) is reported as itself, not retried another way.
  @Test(arguments: Strategy.allCases)
  func aRealFailureNamesItsCause(_ strategy: Strategy) throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let source = try folder.write(".a.tmp", text: "a")
    do {
      try Platform.placeWithoutReplacing(source, at: folder.url("missing/a.png"), from: strategy)
      Issue.record("placed into a missing folder")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
    #expect(folder.exists(".a.tmp"))
  }

  @Test func whatCountsAsUnsupported() {
    #expect(Platform.isUnsupported(EINVAL, by: .atomicRename) && Platform.isUnsupported(ENOSYS, by: .atomicRename))
    #expect(Platform.isUnsupported(EPERM, by: .link) && Platform.isUnsupported(EOPNOTSUPP, by: .link))
    for strategy in Strategy.allCases {
      #expect(!Platform.isUnsupported(EEXIST, by: strategy))
      #expect(!Platform.isUnsupported(ENOSPC, by: strategy))
      #expect(!Platform.isUnsupported(EACCES, by: strategy))
    }
  }

  /// glibc 2.28 and later has renameat2; the test machines have a newer one.
  @Test func renameat2IsFoundAtRunTime() {
    #if !canImport(Darwin)
      #expect(LinuxRenameat2.function != nil)
    #endif
  }
}
