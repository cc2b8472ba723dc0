/// The shared, thread-safe parts every endpoint uses.
struct MockServices: Sendable {
  let configuration: MockConfiguration
  /// The port the server is bound to (remote-url images point back here).
  let port: Int
  let registry: GenerationRegistry
  let failures: FailureInjector
  let synthesizer: ImageSynthesizer
  let logger: RequestLogger?
  /// The recorded responses of `--replay`, when given.
  let replay: ReplayScript?

  var baseURL: String { "http://127.0.0.1:\(port)/api/v1" }
}
