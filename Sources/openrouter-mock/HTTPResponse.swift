import Foundation

/// A response the server writes back, and how to deliver it.
struct HTTPResponse: Sendable {
  /// How the bytes go out: normally, or broken on purpose.
  enum Delivery: Sendable, Equatable {
    /// Headers and the whole body.
    case complete
    /// Headers with the full Content-Length, half the body, then the socket closes.
    case closeMidBody
    /// Headers and half the body, then nothing until the client leaves or `seconds` pass.
    case stall(seconds: Double)
  }

  var status: Int
  var headers: [(String, String)]
  var body: [UInt8]
  var delivery: Delivery = .complete

  init(status: Int, headers: [(String, String)] = [], body: [UInt8], delivery: Delivery = .complete) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delivery = delivery
  }

  /// A JSON response.
  static func json(_ status: Int, _ value: JSONValue, headers: [(String, String)] = []) -> HTTPResponse {
    HTTPResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.serialized())
  }

  /// The status line and header block, ending with the blank line.
  func head(keepAlive: Bool) -> [UInt8] {
    var text = "HTTP/1.1 \(status) \(HTTPResponse.reasonPhrase(status))\r\n"
    text += "Date: \(HTTPResponse.httpDate())\r\n"
    for (name, value) in headers { text += "\(name): \(value)\r\n" }
    text += "Content-Length: \(body.count)\r\n"
    text += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n\r\n"
    return Array(text.utf8)
  }

  static func reasonPhrase(_ status: Int) -> String {
    switch status {
    case 100: return "Continue"
    case 200: return "OK"
    case 400: return "Bad Request"
    case 401: return "Unauthorized"
    case 402: return "Payment Required"
    case 403: return "Forbidden"
    case 404: return "Not Found"
    case 405: return "Method Not Allowed"
    case 408: return "Request Timeout"
    case 413: return "Payload Too Large"
    case 422: return "Unprocessable Entity"
    case 429: return "Too Many Requests"
    case 431: return "Request Header Fields Too Large"
    case 500: return "Internal Server Error"
    case 501: return "Not Implemented"
    case 502: return "Bad Gateway"
    case 503: return "Service Unavailable"
    case 504: return "Gateway Timeout"
    case 524: return "A Timeout Occurred"
    case 529: return "Site Overloaded"
    default: return status < 500 ? "Client Error" : "Server Error"
    }
  }

  private static func httpDate() -> String {
    var now = time(nil)
    var parts = tm()
    gmtime_r(&now, &parts)
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    func two(_ n: Int32) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
      + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) GMT"
  }
}
