import Foundation
import Testing

@testable import RepriseKit

/// The fast paths added for issue 12 give exactly what the slow paths they replace give.
@Suite struct FastPathTests {
  @Test func keySortAgreesWithUTF16OrderOnEveryKindOfKey() {
    let keys = ["", "a", "ab", "b", "B", "_", "z", "é", "e\u{301}", "\u{FFFF}", "\u{E000}", "😀", "a😀", "a\u{FFFF}", "ä", "aé", "a_", "~", "\u{7F}"]
    for a in keys {
      for b in keys {
        #expect(JSONWriter.utf16Precedes(a, b) == a.utf16.lexicographicallyPrecedes(b.utf16), "\(a) < \(b)")
      }
    }
    // The surrogate case UTF-8 byte order gets wrong: U+1F600 (D83D DE00) sorts before U+FFFF in UTF-16.
    #expect(JSONWriter.sortedKeys(["\u{FFFF}": .null, "😀": .null, "a": .null]) == ["a", "😀", "\u{FFFF}"])
  }

  @Test func keepingTopLevelMembersParsesThemAsTheFullParseDoes() throws {
    let text = #"""
      {"status": "succeeded", "images": [{"path": "a\"}]", "n": [1, {"x": "]"}]}], "skip": "q\\\"{", "out": "../x.png",
       "error": {"message": "a \"b\" {c}", "code": "e"}, "cost": 0.0387, "deep": {"a": [[["}"]]]}, "job_id": "j\u00e9", "n": -1.5e3}
      """#
    let full = try JSONParser().parse(text)
    let keys: Set<String> = ["status", "out", "error", "cost", "job_id", "missing"]
    let fast = try Array(text.utf8).withUnsafeBufferPointer { try JSONParser().parse(buffer: $0, keepingTopLevel: keys) }
    let expected = full.objectValue!.filter { keys.contains($0.key) }
    #expect(fast == .object(expected))
    #expect(fast["error"]?["message"] == .string(#"a "b" {c}"#))
  }

  @Test(arguments: [#"{"a": "x", "b": [1, 2"#, #"{"a": 1, "b": "unterminated}"#, #"{"a": 1, "b": {"c": [}"#])
  func keepingTopLevelMembersStillRejectsATruncatedDocument(_ text: String) {
    #expect(throws: JSONParser.Failure.self) {
      try Array(text.utf8).withUnsafeBufferPointer { try JSONParser().parse(buffer: $0, keepingTopLevel: ["a"]) }
    }
  }

  @Test func timestampsKeepTheirFormat() {
    #expect(Timestamp.format(Date(timeIntervalSince1970: 1_795_000_000.0078)) == "2026-11-18T11:06:40.007Z")
    #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
    let now = Date()
    #expect(abs(Timestamp.parse(Timestamp.format(now))! - now.timeIntervalSince1970) < 0.002)
  }

  @Test func byteSearchFindsOnlyWhatIsThere() {
    let hay = Array(#"{"jobs": ["on_complete"], "on_complete": {}}"#.utf8)
    hay.withUnsafeBufferPointer { buffer in
      #expect(ByteSearch.contains(buffer, Array(#""on_complete""#.utf8)))
      #expect(!ByteSearch.contains(buffer, Array(#""on_complete_x""#.utf8)))
      #expect(!ByteSearch.contains(UnsafeBufferPointer(rebasing: buffer[0..<3]), Array("jobs".utf8)))
    }
  }

  @Test func aReusedSpoolStartsEmpty() throws {
    let spools = ResponseSpools(capacity: 1)
    let folder = FileManager.default.temporaryDirectory.path
    let fd = try spools.take(folder: folder)
    let bytes = Array("a response body".utf8)
    #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
    spools.give(fd)
    let again = try spools.take(folder: folder)
    #expect(again == fd)
    var info = stat()
    #expect(fstat(again, &info) == 0)
    #expect(info.st_size == 0)
    #expect(lseek(again, 0, SEEK_CUR) == 0)
    let other = try spools.take(folder: folder)
    #expect(other != fd)
    spools.give(again)
    spools.give(other)  // over capacity: closed
    #expect(fcntl(other, F_GETFD) == -1)
    close(again)
  }

  @Test func blockingWorkGoesToTheLeastLoadedLane() {
    let load = LaneLoad(lanes: 3)
    #expect(load.take() == 0)
    #expect(load.take() == 1)
    load.done(0)
    #expect(load.take() == 0)
    #expect(load.take() == 2)
    #expect(load.take() == 0)
  }

  @Test func blockingWorkRunsCallsAtOnceWhileOthersBlock() async {
    // More simultaneous blocked calls than cores: each waits for all of them to have started.
    let started = StartCounter()
    let count = 8
    await withTaskGroup(of: Bool.self) { group in
      for _ in 0..<count {
        group.addTask { await BlockingWork.run { started.arriveAndWait(for: count, timeout: 10) } }
      }
      for await allArrived in group { #expect(allArrived) }
    }
  }
}

/// Counts callers and lets them wait until a number have arrived.
final class StartCounter: @unchecked Sendable {
  private let condition = NSCondition()
  private var arrived = 0

  func arriveAndWait(for count: Int, timeout: TimeInterval) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    arrived += 1
    condition.broadcast()
    let deadline = Date().addingTimeInterval(timeout)
    while arrived < count {
      if !condition.wait(until: deadline) { return false }
    }
    return true
  }
}
