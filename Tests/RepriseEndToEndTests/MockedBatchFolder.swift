import Foundation
import RepriseKit
import RepriseTestSupport

/// A temporary folder with its own `openrouter-mock`, for the queue suites: runs `reprise` there
/// with the mock's environment (plus extra variables such as `REPRISE_FAILPOINT`).
struct MockedBatchFolder {
  let folder: TemporaryFolder
  let mock: MockServerProcess

  /// A new folder labelled `label` and a mock started with `mockArguments`.
  init(_ label: String, mockArguments: [String] = []) throws {
    folder = try TemporaryFolder(label)
    mock = try MockServerProcess(mockArguments, logPath: folder.url("mock.log"))
  }

  /// The default queue folder of `--out-dir gen`.
  var queue: String { folder.url("gen/imagegen-queue") }

  /// Runs `reprise` and waits.
  func reprise(_ arguments: [String], extra: [String: String] = [:]) throws -> ProcessRunner.Outcome {
    try ProcessRunner.reprise(arguments, in: folder.path, environment: mock.environment().merging(extra) { $1 })
  }

  /// Starts `reprise` without waiting.
  func start(_ arguments: [String], label: String) throws -> RunningProcess {
    try RunningProcess(arguments, in: folder.path, environment: mock.environment(), label: label)
  }

  /// The sorted names in a folder of the default queue.
  func listing(_ sub: String) -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: queue + "/" + sub)) ?? []).sorted() }

  /// Image requests the mock received (rate-limited attempts included).
  func imageRequests() -> Int { mock.loggedRequests().filter { ($0["path"] as? String)?.hasSuffix("/chat/completions") == true }.count }

  /// Stops the mock and removes the folder.
  func done() {
    mock.stop()
    folder.remove()
  }
}
