import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A `reprise` process started without waiting, for concurrency, kill and Ctrl-C tests. Output goes
/// to files in `folder` (pipes could fill up while nobody reads them).
public final class RunningProcess: @unchecked Sendable {
  private let process: Process
  private let outPath: String
  private let errPath: String

  /// Starts `reprise arguments` in `directory`.
  public init(_ arguments: [String], in directory: String, environment: [String: String], label: String) throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: ProcessRunner.executable("reprise"))
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OPENROUTER_") }
    env["REPRISE_CACHE_DIR"] = "/nonexistent/reprise-test-cache"
    env["REPRISE_MODEL_DISCOVERY"] = "off"
    for (k, v) in environment { env[k] = v }
    process.environment = env
    outPath = directory + "/.\(label).stdout"
    errPath = directory + "/.\(label).stderr"
    _ = FileManager.default.createFile(atPath: outPath, contents: nil)
    _ = FileManager.default.createFile(atPath: errPath, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
    process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  /// The process id.
  public var pid: Int32 { process.processIdentifier }

  /// Sends a signal.
  public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

  /// Waits for exit and returns the outcome (status is 128 + signal for a signal death).
  public func wait() -> ProcessRunner.Outcome {
    process.waitUntilExit()
    let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(atPath: outPath)
    try? FileManager.default.removeItem(atPath: errPath)
    return ProcessRunner.Outcome(status: status, stdout: out, stderr: err)
  }
}
