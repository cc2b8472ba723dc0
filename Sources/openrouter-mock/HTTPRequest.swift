import Foundation

/// One parsed HTTP/1.x request.
struct HTTPRequest: Sendable {
  let method: String
  /// The path without the query, as sent (not percent-decoded).
  let path: String
  /// The raw query string without `?` ("" when absent).
  let query: String
  let version: String
  /// Header fields in arrival order, names lower-cased.
  let headers: [(name: String, value: String)]
  let body: [UInt8]

  /// The first value of header `name` (case-insensitive).
  func header(_ name: String) -> String? {
    let lower = name.lowercased()
    return headers.first(where: { $0.name == lower })?.value
  }

  /// Decoded query parameters; the first occurrence of a name wins.
  var queryParameters: [String: String] {
    var result: [String: String] = [:]
    for pair in query.split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let name = HTTPRequest.decode(parts[0])
      if result[name] == nil { result[name] = parts.count > 1 ? HTTPRequest.decode(parts[1]) : "" }
    }
    return result
  }

  /// Whether the connection stays open after this exchange.
  var wantsKeepAlive: Bool {
    let connection = header("connection")?.lowercased() ?? ""
    if version == "HTTP/1.0" { return connection.contains("keep-alive") }
    return !connection.contains("close")
  }

  private static func decode(_ text: Substring) -> String {
    let plusAsSpace = text.replacingOccurrences(of: "+", with: " ")
    return plusAsSpace.removingPercentEncoding ?? plusAsSpace
  }
}
