import Foundation

/// The queue folder: `pending/`, `processing/`, `results/`, `failed/`, `responses/`, `handoff/`,
/// `workers/`. One JSON file per job, named by job id, in the folder of its state.
package struct QueueLayout: Sendable {
  /// The queue folder (absolute).
  package let root: String

  /// A layout rooted at `root` (absolute).
  package init(root: String) { self.root = root }

  /// `<root>/pending`.
  package var pending: String { root + "/pending" }
  /// `<root>/processing`.
  package var processing: String { root + "/processing" }
  /// `<root>/results`.
  package var results: String { root + "/results" }
  /// `<root>/failed`.
  package var failed: String { root + "/failed" }
  /// `<root>/responses`.
  package var responses: String { root + "/responses" }
  /// `<root>/handoff`.
  package var handoff: String { root + "/handoff" }
  /// `<root>/workers`.
  package var workers: String { root + "/workers" }

  /// Every state folder.
  package var folders: [String] { [pending, processing, results, failed, responses, handoff, workers] }

  /// Creates the folders that are missing.
  package func create() throws(RepriseError) {
    if FileSystem.entryKind(root) == .file { throw .badInput("--queue-dir '\(root)' is a file, not a folder") }
    for folder in folders {
      do { try FileSystem.makeDirectories(folder) } catch {
        throw .badInput("cannot create queue folder '\(folder)': \(error.reason)")
      }
    }
  }

  /// `<folder>/<jobID>.json`.
  package func file(_ folder: String, _ jobID: String) -> String { folder + "/" + jobID + ".json" }

  /// Job ids with a `.json` file in `folder`, sorted.
  package func jobIDs(in folder: String) -> [String] {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
    return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") && !$0.hasSuffix(".lease.json") }.map { String($0.dropLast(5)) }.sorted()
  }
}
