import Foundation

/// Reads every record in one queue folder (`results/`, `failed/`) at once, for `status`: the
/// folder is listed once and held open, each record is opened by name in it and read into a
/// buffer its thread reuses, and only the members asked for are built.
package enum RecordFolderReader {
  /// The largest record read (as `QueueStore.readRecord` reads them).
  static let limit = 16 * 1_048_576

  /// The job ids with a record in `folder`, sorted (those `QueueLayout.jobIDs(in:)` lists), and
  /// beside each what `transform` makes of its record as `QueueStore.readRecord(_:members:)`
  /// reads it (only `members` of it, all when nil; paths resolved against the folder), or nil
  /// for one that cannot be read or parsed. Records are read and transformed on every core.
  package static func read<Value: Sendable>(
    _ folder: String, members: Set<String>?, _ transform: @escaping @Sendable (JSONValue) -> Value?
  ) -> (ids: [String], values: [Value?]) {
    let keys = members.map(JSONParser.KeptMembers.init)
    return read(folder) { bytes, base in
      guard let value = try? keys.map({ try JSONParser().parse(buffer: bytes, keeping: $0) }) ?? JSONParser().parse(buffer: bytes) else { return nil }
      return transform(RecordPaths.resolve(value, folder: base))
    }
  }

  /// `read(_:members:_:)` without the object: `transform` is given the values of the members
  /// `kept` names (`JSONParser.parseMembers`; records that are not objects give nil), the
  /// folder to resolve their paths against, and whether that folder is standardised
  /// (`RecordPaths.resolvePath`).
  static func read<Value: Sendable>(
    _ folder: String, kept: JSONParser.KeptMembers, _ transform: @escaping @Sendable ([JSONValue?], String, Bool) -> Value?
  ) -> (ids: [String], values: [Value?]) {
    read(folder) { bytes, base in
      guard let slots = try? JSONParser().parseMembers(buffer: bytes, keeping: kept) else { return nil }
      return transform(slots, base, RecordPaths.isStandardised(base))
    }
  }

  /// Lists `folder` and gives each record's bytes and the folder its paths resolve against to
  /// `transform`, on every core.
  private static func read<Value: Sendable>(
    _ folder: String, _ transform: @escaping @Sendable (UnsafeBufferPointer<UInt8>, String) -> Value?
  ) -> (ids: [String], values: [Value?]) {
    guard let open = OpenFolder(folder) else { return ([], []) }
    var listed: [(id: String, entry: OpenFolder.Entry)] = []
    for entry in open.entries() {
      if let id = jobID(entry.name) { listed.append((id, entry)) }
    }
    listed.sort { $0.id < $1.id }
    let entries = listed.map(\.entry)
    // The folder paths are resolved against, as `readRecord` derives it from a record's path.
    let base = ((folder + "/record.json") as NSString).deletingLastPathComponent
    let values = ParallelSlots<Value?>.fill(
      count: entries.count, initial: nil, makeState: { ReadBuffer() }, release: { $0.release() },
      body: { n, buffer in
        guard let count = open.read(entries[n], limit: limit, into: &buffer.bytes) else { return nil }
        return transform(UnsafeBufferPointer(start: buffer.bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count), base)
      })
    return (listed.map(\.id), values)
  }

  /// The job id a record's file name gives, as `QueueLayout.jobIDs(in:)` takes names (`.json`,
  /// not hidden, not a `.lease.json`); on the bytes for an ASCII name, where a character is a byte.
  static func jobID(_ name: String) -> String? {
    var name = name
    let ascii = name.withUTF8 { bytes -> String?? in
      guard bytes.allSatisfy({ $0 < 0x80 }) else { return .none }
      let n = bytes.count
      guard n >= 5, bytes[(n - 5)...].elementsEqual(".json".utf8), bytes.first != UInt8(ascii: "."),
        !(n >= 11 && bytes[(n - 11)...].elementsEqual(".lease.json".utf8))
      else { return .some(nil) }
      return .some(String(decoding: bytes[..<(n - 5)], as: UTF8.self))
    }
    if let ascii { return ascii }
    guard name.hasSuffix(".json"), !name.hasPrefix("."), !name.hasSuffix(".lease.json") else { return nil }
    return String(name.dropLast(5))
  }

  /// A thread's read buffer, kept from one record to the next.
  private struct ReadBuffer: @unchecked Sendable {
    var bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 14, alignment: 16)
    func release() { bytes.deallocate() }
  }
}
