import Foundation

/// `--replay FILE`: recorded OpenRouter answers served verbatim, one per generation request in
/// order, the last one again once they run out. FILE is a recording
/// `{"interactions":[{"response":{"status","headers":{"Name":["value"]},"body":"exact bytes"}}]}`;
/// every header is sent as recorded except the ones this server writes itself (`Date`,
/// `Content-Length`, `Connection`, `Transfer-Encoding`: the body is sent whole with its length).
final class ReplayScript: @unchecked Sendable {
  /// Headers the server writes itself.
  private static let ownHeaders: Set<String> = ["date", "content-length", "connection", "transfer-encoding"]

  private let lock = NSLock()
  private let responses: [HTTPResponse]
  private var served = 0

  /// Reads the recording at `path`.
  /// - Throws: `MockConfiguration.UsageError` when it cannot be read or holds no response.
  init(path: String) throws {
    guard let data = FileManager.default.contents(atPath: path), let root = JSONValue.parse(Array(data)) else {
      throw MockConfiguration.UsageError(description: "--replay \(path): not a readable JSON file")
    }
    var responses: [HTTPResponse] = []
    for interaction in root["interactions"]?.arrayValue ?? [] {
      guard let response = interaction["response"], let status = response["status"]?.intValue, let body = response["body"]?.stringValue else {
        throw MockConfiguration.UsageError(description: "--replay \(path): an interaction has no response status and body")
      }
      var headers: [(String, String)] = []
      for (name, values) in response["headers"]?.objectMembers ?? [] where !Self.ownHeaders.contains(name.lowercased()) {
        for value in values.arrayValue ?? [values] {
          if let text = value.stringValue { headers.append((name, text)) }
        }
      }
      responses.append(HTTPResponse(status: status, headers: headers, body: Array(body.utf8)))
    }
    guard !responses.isEmpty else { throw MockConfiguration.UsageError(description: "--replay \(path): no interactions") }
    self.responses = responses
  }

  /// The next recorded response.
  func next() -> HTTPResponse {
    lock.lock()
    defer { lock.unlock() }
    let response = responses[min(served, responses.count - 1)]
    served += 1
    return response
  }
}
