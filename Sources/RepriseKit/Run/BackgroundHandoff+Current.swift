import Foundation

extension BackgroundHandoff {
  /// A handoff that starts this very `reprise` executable as the worker.
  /// - Throws: `RepriseError` when the running executable cannot be found.
  package static func current(layout: QueueLayout, maxWorkers: Int, orphanTimeout: TimeInterval, environment: [String: String]) throws(RepriseError)
    -> BackgroundHandoff
  {
    guard let executable = DetachedProcess.currentExecutable() else { throw .badInput("cannot find the reprise executable to start a worker") }
    return BackgroundHandoff(layout: layout, maxWorkers: maxWorkers, orphanTimeout: orphanTimeout, executable: executable, environment: environment)
  }
}
