import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// `Platform+Files.swift` and `Platform.errorMessage`, on this system (the Linux branches).
@Suite struct PlatformFilesTests {
  @Test func errorMessageIsTheSystemText() {
    #expect(Platform.errorMessage(ENOENT) == "No such file or directory")
    #expect(FileSystem.Failure(errno: EEXIST).reason == "File exists")
  }

  @Test func modificationTimeReadsStat() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("old.txt", text: "x")
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: path)
    var st = stat()
    #expect(lstat(path, &st) == 0)
    #expect(Platform.modificationTime(st) == 1_000_000_000)
  }

  @Test func touchSetsTheModificationTimeToNow() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("claim.json", text: "{}")
    try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)], ofItemAtPath: path)
    #expect(Platform.touch(path))
    var st = stat()
    #expect(lstat(path, &st) == 0)
    #expect(abs(Double(Platform.modificationTime(st)) - Date().timeIntervalSince1970) < 60)
    #expect(!Platform.touch(folder.url("missing.json")))
  }

  @Test func flushToStorageFlushesAndReportsABadDescriptor() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let fd = open(folder.url("f"), O_WRONLY | O_CREAT, 0o644)
    defer { close(fd) }
    #expect(write(fd, "data", 4) == 4)
    try Platform.flushToStorage(fd)
    #expect(throws: FileSystem.Failure.self) { try Platform.flushToStorage(-1) }
    do { try Platform.flushToStorage(-1) } catch { #expect(error.code == EBADF) }
  }

  @Test func makeTemporaryFileCreatesANewCloseOnExecFile() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let (fd, path) = try Platform.makeTemporaryFile(folder.url(".out.png.tmp-1-XXXXXX"))
    defer { close(fd) }
    #expect(path.hasPrefix(folder.url(".out.png.tmp-1-")) && path.count == folder.url(".out.png.tmp-1-XXXXXX").count)
    #expect(FileSystem.entryKind(path) == .file)
    #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
    do {
      _ = try Platform.makeTemporaryFile(folder.url("missing/x-XXXXXX"))
      Issue.record("created a file in a missing folder")
    } catch {
      #expect(error.reason == "No such file or directory")
    }
  }

  @Test func isSameFileComparesDeviceAndInode() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let a = try folder.write("a", text: "1")
    let b = try folder.write("b", text: "1")
    #expect(link(a, folder.url("a2")) == 0)
    #expect(Platform.isSameFile(a, folder.url("a2")))
    #expect(!Platform.isSameFile(a, b))
    #expect(!Platform.isSameFile(a, folder.url("missing")))
  }

  @Test func caseSwappedFlipsTheFirstLetter() {
    #expect(Platform.caseSwapped("logo-manifest.json") == "Logo-manifest.json")
    #expect(Platform.caseSwapped("01-X.png") == "01-x.png")
    #expect(Platform.caseSwapped("0123-_.") == nil)
  }

  /// The test folders are on a case-sensitive Linux file system: two names, two files.
  @Test func linuxFoldersAreCaseSensitive() throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    #expect(!Platform.isCaseInsensitive(folder: folder.path), "empty folder: no evidence")
    try folder.write("Logo-manifest.json", text: "{}")
    #expect(!Platform.isCaseInsensitive(folder: folder.path))
    #expect(!Platform.isCaseInsensitive(folder: folder.url("missing")))
  }
}
