import Foundation

/// Accepts connections and serves each on its own thread, with keep-alive, until the process ends.
struct HTTPServer: Sendable {
  let listener: SocketListener
  let router: MockRouter

  func run() -> Never {
    while true {
      let client = listener.accept()
      let router = self.router
      let thread = Thread { HTTPServer.serve(fd: client, router: router) }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  private static func serve(fd: Int32, router: MockRouter) {
    let connection = HTTPConnection(fd: fd)
    while true {
      let request: HTTPRequest
      do {
        guard let next = try connection.readRequest() else { return }
        request = next
      } catch HTTPConnection.ReadError.malformed(let reason) {
        let response = HTTPResponse.json(400, ["error": ["code": 400, "message": .string("Malformed HTTP request: \(reason)")]])
        connection.send(response.head(keepAlive: false) + response.body)
        return
      } catch HTTPConnection.ReadError.tooLarge(let status) {
        let response = HTTPResponse.json(status, ["error": ["code": .int(status), "message": "Request payload too large"]])
        connection.send(response.head(keepAlive: false) + response.body)
        return
      } catch {
        return
      }

      let response = router.respond(to: request)
      switch response.delivery {
      case .complete:
        let keepAlive = request.wantsKeepAlive
        guard connection.send(response.head(keepAlive: keepAlive), more: !response.body.isEmpty),
          connection.send(response.body)
        else { return }
        if !keepAlive {
          connection.shutdownWrites()
          return
        }
      case .closeMidBody:
        connection.send(response.head(keepAlive: false), more: true)
        connection.send(response.body[0..<(response.body.count / 2)])
        connection.shutdownWrites()
        return
      case .stall(let seconds):
        connection.send(response.head(keepAlive: false), more: true)
        connection.send(response.body[0..<(response.body.count / 2)])
        connection.waitForPeerToLeave(seconds: seconds)
        return
      }
    }
  }
}
