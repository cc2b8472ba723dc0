import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

#if canImport(Glibc)
  import Glibc
#endif

/// `Platform.lock`: flock(2) semantics reprise relies on for worker liveness and temporaries.
@Suite struct PlatformLocksTests {
  @Test func anExclusiveLockIsSeenHeldByEveryOtherOpenAndFreedByClosing() throws {
    let folder = try TemporaryFolder("reprise-locks")
    defer { folder.remove() }
    let path = try folder.write("w.lock", text: "")
    let holder = open(path, O_RDWR)
    let prober = open(path, O_RDONLY)
    defer { close(prober) }
    #expect(Platform.lock(holder, .exclusiveNow))
    #expect(!Platform.lock(prober, .sharedNow))
    #expect(Platform.lockWasHeld)
    #expect(!Platform.lock(prober, .exclusiveNow))
    // A descriptor duplicated from the holder shares its lock: closing the original keeps it held.
    let inherited = dup(holder)
    close(holder)
    #expect(!Platform.lock(prober, .sharedNow), "the duplicate still holds the lock")
    close(inherited)
    #expect(Platform.lock(prober, .sharedNow), "the kernel dropped the lock with the last descriptor")
    Platform.unlock(prober)
    #expect(Platform.lock(prober, .exclusive))
  }
}
