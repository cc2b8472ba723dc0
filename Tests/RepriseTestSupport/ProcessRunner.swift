import Foundation

/// Runs the package's built executables (`reprise`, `openrouter-mock`) as real processes.
public enum ProcessRunner {
  /// What a finished process left behind.
  public struct Outcome: Sendable {
    /// Exit status (or 128 + signal).
    public let status: Int32
    /// Everything written to stdout.
    public let stdout: String
    /// Everything written to stderr.
    public let stderr: String
  }

  /// The folder holding the built products (`.build/debug` or wherever `swift test` put them).
  public static let productsFolder: String = {
    let candidates = [
      URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path,
      Bundle.main.bundleURL.path,
      Bundle.main.bundleURL.deletingLastPathComponent().path,
    ]
    for folder in candidates where FileManager.default.isExecutableFile(atPath: folder + "/reprise") { return folder }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    return packageRoot + "/.build/debug"
  }()

  /// The root of this package's source tree.
  public static let packageRoot: String = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

  /// Absolute path of a built executable.
  public static func executable(_ name: String) -> String { productsFolder + "/" + name }

  /// Runs `reprise` with `arguments` in `directory` and waits for it.
  /// - Parameters:
  ///   - environment: extra variables; `OPENROUTER_*` from the test process are not inherited.
  public static func reprise(_ arguments: [String], in directory: String, environment: [String: String] = [:], stdin: String? = nil) throws -> Outcome {
    try run(executable("reprise"), arguments, in: directory, environment: environment, stdin: stdin)
  }

  /// Runs any executable and waits, reading both pipes to the end before waiting.
  public static func run(_ path: String, _ arguments: [String], in directory: String, environment: [String: String] = [:], stdin: String? = nil) throws
    -> Outcome
  {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OPENROUTER_") }
    env["REPRISE_CACHE_DIR"] = "/nonexistent/reprise-test-cache"
    env["REPRISE_MODEL_DISCOVERY"] = "off"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    if let stdin {
      let inPipe = Pipe()
      process.standardInput = inPipe
      try process.run()
      inPipe.fileHandleForWriting.write(Data(stdin.utf8))
      try inPipe.fileHandleForWriting.close()
    } else {
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }
    let group = DispatchGroup()
    let collected = Collected()
    group.enter()
    DispatchQueue.global().async {
      collected.setOut(outPipe.fileHandleForReading.readDataToEndOfFile())
      group.leave()
    }
    collected.setErr(errPipe.fileHandleForReading.readDataToEndOfFile())
    group.wait()
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return Outcome(status: status, stdout: String(decoding: collected.out, as: UTF8.self), stderr: String(decoding: collected.err, as: UTF8.self))
  }

  private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var out = Data()
    private(set) var err = Data()
    func setOut(_ d: Data) { lock.lock(); out = d; lock.unlock() }
    func setErr(_ d: Data) { lock.lock(); err = d; lock.unlock() }
  }
}
