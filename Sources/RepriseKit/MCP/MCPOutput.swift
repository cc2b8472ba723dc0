import Foundation

/// Where the server's messages go (stdout in `reprise mcp`): one framed message per write,
/// writes serialised so concurrent tool calls never interleave bytes, and every secret the server
/// knows (the API key) replaced before anything leaves, as a last line of defence.
package final class MCPOutput: @unchecked Sendable {
  private let lock = NSLock()
  private let sink: @Sendable ([UInt8]) -> Void
  private let secrets: [String]

  /// An output writing to `sink`, redacting `secrets` (empty and short strings are ignored).
  package init(secrets: [String], sink: @escaping @Sendable ([UInt8]) -> Void) {
    self.sink = sink
    self.secrets = secrets.filter { $0.count >= 8 }
  }

  /// Sends one message.
  package func send(_ message: JSONValue) {
    var bytes = MCPLineBuffer.frame(message)
    if !secrets.isEmpty {
      var text = String(decoding: bytes, as: UTF8.self)
      var changed = false
      for secret in secrets where text.contains(secret) {
        text = text.replacingOccurrences(of: secret, with: "[redacted]")
        changed = true
      }
      if changed { bytes = Array(text.utf8) }
    }
    lock.lock()
    defer { lock.unlock() }
    sink(bytes)
  }

  /// `text` with every secret replaced (for log lines on stderr).
  package func redact(_ text: String) -> String {
    secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
  }
}
