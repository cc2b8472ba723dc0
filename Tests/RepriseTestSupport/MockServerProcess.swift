import Foundation

/// A running `openrouter-mock` on a free loopback port, for one test. Stop it with `stop()`.
public final class MockServerProcess: @unchecked Sendable {
  /// The port it listens on.
  public let port: Int
  /// `http://127.0.0.1:<port>/api/v1`, for `OPENROUTER_BASE_URL`.
  public let baseURL: String
  /// The request log (`--log`), one JSON object per line.
  public let logPath: String
  private let process: Process

  /// Starts the mock with extra `arguments` (e.g. `["--mode", "refusal"]`), logging to `logPath`.
  public init(_ arguments: [String] = [], logPath: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRunner.executable("openrouter-mock"))
    process.arguments = ["--port", "0", "--log", logPath, "--exit-with-parent"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read the first line: "openrouter-mock listening on http://127.0.0.1:PORT/api/v1".
    var line = Data()
    let handle = pipe.fileHandleForReading
    let deadline = Date().addingTimeInterval(20)
    while !line.contains(0x0A), Date() < deadline {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard let range = text.range(of: "127.0.0.1:"), let port = Int(text[range.upperBound...].prefix(while: \.isNumber)) else {
      process.terminate()
      throw NSError(domain: "MockServerProcess", code: 1, userInfo: [NSLocalizedDescriptionKey: "openrouter-mock did not start: \(text)"])
    }
    self.process = process
    self.port = port
    self.baseURL = "http://127.0.0.1:\(port)/api/v1"
    self.logPath = logPath
  }

  /// The environment for `reprise` to talk to this mock with `key`.
  public func environment(key: String = "sk-or-test-key") -> [String: String] {
    ["OPENROUTER_BASE_URL": baseURL, "OPENROUTER_API_KEY": key]
  }

  /// The logged requests, in order.
  public func loggedRequests() -> [[String: Any]] {
    guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
  }

  /// How many client connections the server holds open right now (ESTABLISHED sockets on its
  /// port, from /proc/net/tcp and tcp6): 1 or more while a request is in flight.
  public func openConnections() -> Int {
    let port = String(format: "%04X", self.port)
    var count = 0
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
      // Read to the end: String(contentsOfFile:) stops after one page of a /proc file.
      guard let handle = FileHandle(forReadingAtPath: table) else { continue }
      let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
      try? handle.close()
      for line in text.split(separator: "\n").dropFirst() {
        let fields = line.split(separator: " ")
        // fields: sl, local_address (ADDR:PORT), rem_address, st (01 = ESTABLISHED), ...
        guard fields.count > 3, fields[1].hasSuffix(":" + port), fields[3] == "01" else { continue }
        count += 1
      }
    }
    return count
  }

  /// Stops the server and waits for it.
  public func stop() {
    if process.isRunning {
      process.terminate()
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}
