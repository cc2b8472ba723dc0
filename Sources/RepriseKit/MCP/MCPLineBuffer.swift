/// The stdio transport's framing: newline-delimited messages. Bytes go in as they arrive; whole
/// lines come out without their `\n` (or `\r\n`). Blank lines are skipped. A line longer than
/// `maxLineBytes` is dropped up to its end and reported as oversized, so one runaway message
/// never exhausts memory and the stream stays in step.
package struct MCPLineBuffer: Sendable {
  /// What `append` found.
  package enum Item: Sendable, Equatable {
    /// One message's bytes.
    case line([UInt8])
    /// A line over the limit was discarded.
    case oversized
  }

  /// The longest line accepted, in bytes.
  package let maxLineBytes: Int
  private var pending: [UInt8] = []
  private var discarding = false

  /// A buffer accepting lines up to `maxLineBytes` (default 64 MiB).
  package init(maxLineBytes: Int = 64 * 1_048_576) { self.maxLineBytes = maxLineBytes }

  /// Adds `bytes`; returns the lines they completed, in order.
  package mutating func append<C: Collection>(_ bytes: C) -> [Item] where C.Element == UInt8 {
    var items: [Item] = []
    for byte in bytes {
      if byte == 0x0A {
        if discarding {
          discarding = false
        } else {
          if pending.last == 0x0D { pending.removeLast() }
          if !pending.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { items.append(.line(pending)) }
        }
        pending.removeAll(keepingCapacity: true)
        continue
      }
      if discarding { continue }
      pending.append(byte)
      if pending.count > maxLineBytes {
        pending.removeAll()
        discarding = true
        items.append(.oversized)
      }
    }
    return items
  }

  /// What is left at end of input: a last line without a newline, or nothing.
  package mutating func finish() -> [Item] {
    defer { pending.removeAll(); discarding = false }
    if discarding || pending.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return [] }
    return [.line(pending)]
  }

  /// One outgoing message: canonical JSON (which never contains a raw newline) and `\n`.
  package static func frame(_ message: JSONValue) -> [UInt8] {
    JSONWriter.canonical(message) + [0x0A]
  }
}
