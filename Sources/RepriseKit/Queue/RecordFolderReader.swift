import Foundation

/// Reads every record in one queue folder (`results/`, `failed/`) at once, for `status`: the
/// folder is listed once and held open, each record is opened by name in it and read into a
/// buffer its thread reuses, and only the members asked for are built.
package enum RecordFolderReader {
  /// The largest record read (as `QueueStore.readRecord` reads them).
  static let limit = 16 * 1_048_576

  /// The job ids with a record in `folder`, sorted (those `QueueLayout.jobIDs(in:)` lists), and
  /// beside each its record as `QueueStore.readRecord(_:members:)` reads it: only `members` of
  /// it (all, when nil), paths resolved against the folder; nil for one that cannot be read or
  /// parsed. Records are read on every core.
  package static func read(_ folder: String, members: Set<String>?) -> (ids: [String], records: [JSONValue?]) {
    guard let open = OpenFolder(folder) else { return ([], []) }
    var listed: [(id: String, entry: OpenFolder.Entry)] = []
    for entry in open.entries() where entry.name.hasSuffix(".json") && !entry.name.hasPrefix(".") && !entry.name.hasSuffix(".lease.json") {
      listed.append((String(entry.name.dropLast(5)), entry))
    }
    listed.sort { $0.id < $1.id }
    let entries = listed.map(\.entry)
    // The folder paths are resolved against, as `readRecord` derives it from a record's path.
    let base = ((folder + "/record.json") as NSString).deletingLastPathComponent
    let keys = members.map(JSONParser.KeptMembers.init)
    let slots = RecordSlots(count: listed.count)
    let chunks = min(listed.count, max(1, ProcessInfo.processInfo.activeProcessorCount) * 4)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
      defer { buffer.deallocate() }
      var n = chunk
      while n < entries.count {
        if let count = open.read(entries[n], limit: limit, into: &buffer) {
          let bytes = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
          let value = try? keys.map { try JSONParser().parse(buffer: bytes, keeping: $0) } ?? JSONParser().parse(buffer: bytes)
          slots.set(n, value.map { RecordPaths.resolve($0, folder: base) })
        }
        n += chunks
      }
    }
    return (listed.map(\.id), slots.values)
  }
}
