/// The stdio transport: reads newline-delimited messages from stdin until it closes, answers on
/// stdout (nothing else is ever written there), and waits for the requests still running before
/// returning.
package enum MCPStdio {
  /// Serves `server` (whose output writes to stdout) until end of input.
  package static func serve(_ server: MCPServer, input: Int32 = 0) async {
    var buffer = MCPLineBuffer()
    while true {
      let chunk = await BlockingWork.run { Platform.readAvailable(input) }
      if chunk.isEmpty { break }
      for item in buffer.append(chunk) { server.receive(item) }
    }
    for item in buffer.finish() { server.receive(item) }
    await server.finish()
  }

  /// An output writing to stdout.
  package static func standardOutput(secrets: [String]) -> MCPOutput {
    MCPOutput(secrets: secrets) { bytes in Platform.writeAll(1, bytes) }
  }
}
