import Foundation

/// Hands out generation ids and remembers each answered generation (for `GET /generation`) and the
/// image files served at `GET /api/v1/files/<name>` (for the `shape-remote-url` mode).
final class GenerationRegistry: @unchecked Sendable {
  private let lock = NSLock()
  private var counter = 0
  private var suffixes: SplitMix64
  private var records: [String: GenerationRecord] = [:]
  private var files: [String: [UInt8]] = [:]
  private var fileOrder: [String] = []
  private let maxFiles = 256

  init(randomSeed: UInt64) { suffixes = SplitMix64(seed: randomSeed ^ 0x6E6E_1D5) }

  /// A fresh id, `gen-<unix>-<counter>-<8 hex>`, unique within this process.
  func nextID() -> String {
    lock.lock()
    defer { lock.unlock() }
    counter += 1
    let suffix = String(format: "%08x", UInt32(truncatingIfNeeded: suffixes.next()))
    return "gen-\(Int(Date().timeIntervalSince1970))-\(counter)-\(suffix)"
  }

  func record(_ record: GenerationRecord) {
    lock.lock()
    defer { lock.unlock() }
    records[record.id] = record
  }

  func record(id: String) -> GenerationRecord? {
    lock.lock()
    defer { lock.unlock() }
    return records[id]
  }

  /// Keeps `bytes` to serve under `name`; the oldest files are dropped past 256.
  func storeFile(name: String, bytes: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    if files[name] == nil { fileOrder.append(name) }
    files[name] = bytes
    while fileOrder.count > maxFiles { files.removeValue(forKey: fileOrder.removeFirst()) }
  }

  func file(name: String) -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    return files[name]
  }
}
