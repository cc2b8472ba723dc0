import Foundation
import RepriseKit
import RepriseTestSupport

/// The promises every queue test checks after crashes and races: every job done once and
/// recorded as succeeded, outputs valid and matching their records, nothing left in pending/ or
/// processing/, no temporary anywhere, and how often the provider was called per job.
struct QueueInvariants {
  /// What was found.
  struct Report: CustomStringConvertible {
    var violations: [String] = []
    /// Requests the mock answered with an image (status 200) per job, by request body hash; rate
    /// limited attempts are not counted.
    var sendsPerJob: [String: Int] = [:]
    var jobs: Int { sendsPerJob.count }
    var duplicateSends: Int { sendsPerJob.values.reduce(0) { $0 + max(0, $1 - 1) } }
    var description: String { violations.isEmpty ? "no violations" : violations.joined(separator: "\n") }
  }

  /// Checks `jobs` of the queue at `queue` (absolute), whose outputs live under `batchFolder`.
  static func check(jobs: [String], queue: String, batchFolder: String, mock: MockServerProcess) -> Report {
    var report = Report()
    let results = queue + "/results"
    let bodies = mock.loggedRequests().filter {
      ($0["path"] as? String)?.hasSuffix("/chat/completions") == true || ($0["path"] as? String)?.hasSuffix("/images") == true
    }
      .filter { ($0["status"] as? Int) == 200 }
      .compactMap { $0["body_sha256"] as? String }
    for job in jobs {
      guard let bytes = try? Array(Data(contentsOf: URL(fileURLWithPath: results + "/\(job).json"))), let record = try? JSONParser().parse(bytes) else {
        report.violations.append("\(job): no result record")
        continue
      }
      if record["status"] != .string("succeeded") { report.violations.append("\(job): status \(record["status"] ?? .null)") }
      if FileManager.default.fileExists(atPath: queue + "/failed/\(job).json") { report.violations.append("\(job): also has a failure record") }
      let request = record["request_sha256"]?.stringValue ?? ""
      report.sendsPerJob[job] = bodies.filter { $0 == request }.count
      if report.sendsPerJob[job] == 0 { report.violations.append("\(job): succeeded but the provider never received its request") }
      for image in record["images"]?.arrayValue ?? [] {
        guard let path = image["path"]?.stringValue else { continue }
        if path.hasPrefix("/") { report.violations.append("\(job): absolute path in its record: \(path)") }
        let absolute = PathMath.absolute(path, base: results)
        guard let data = FileManager.default.contents(atPath: absolute) else {
          report.violations.append("\(job): output \(absolute) missing")
          continue
        }
        if SHA256.hash(Array(data)).hexString != image["sha256"]?.stringValue {
          report.violations.append("\(job): output \(absolute) does not match its sha256")
        }
        if ImageInfo.sniff(Array(data)) == nil { report.violations.append("\(job): output \(absolute) is not an image") }
      }
    }
    for folder in ["pending", "processing"] {
      let left = ((try? FileManager.default.contentsOfDirectory(atPath: queue + "/" + folder)) ?? []).sorted()
      if !left.isEmpty { report.violations.append("\(folder)/ not empty: \(left)") }
    }
    let temporaries = temporariesUnder(batchFolder) + (queue.hasPrefix(batchFolder) ? [] : temporariesUnder(queue))
    if !temporaries.isEmpty { report.violations.append("temporaries left: \(temporaries)") }
    return report
  }

  /// Every reprise temporary (`.<name>...tmp-...`) below `folder`.
  static func temporariesUnder(_ folder: String) -> [String] {
    guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = walker.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      if name.hasPrefix("."), name.contains(".tmp-") { found.append(relative) }
    }
    return found.sorted()
  }

  /// Polls `condition` every 50 ms until it holds or `timeout` passes; true when it held.
  static func waitFor(timeout: TimeInterval = 60, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if condition() { return true }
      usleep(50_000)
    }
    return condition()
  }
}
