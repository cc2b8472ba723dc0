import Foundation

/// The `openrouter-mock` entry point: parse flags, bind, announce the URL, serve until a signal.
enum MockServerCommand {
  static func run(arguments: [String]) -> Never {
    // A parent may hand us a blocked signal mask (test runners spawning us do): unblock everything,
    // or SIGTERM would stay pending forever and the parent would wait on us forever.
    MockPlatform.exitQuietlyOnTermination()

    // --exit-with-parent: stop when the process that started us goes away (tests, scripts), so a
    // crashed test run never leaves servers behind.
    var arguments = arguments
    if let flag = arguments.firstIndex(of: "--exit-with-parent") {
      arguments.remove(at: flag)
      let parent = getppid()
      Thread.detachNewThread {
        while getppid() == parent { usleep(200_000) }
        _exit(0)
      }
    }
    let configuration: MockConfiguration
    do {
      guard let parsed = try MockConfiguration.parse(arguments) else {
        writeLine(MockConfiguration.usage, to: FileHandle.standardOutput)
        exit(0)
      }
      configuration = parsed
    } catch {
      writeLine("openrouter-mock: \(error)\n\n\(MockConfiguration.usage)", to: FileHandle.standardError)
      exit(2)
    }

    do {
      let listener = try SocketListener(port: configuration.port)
      let logger = try configuration.logPath.map { try RequestLogger(path: $0) }
      let services = MockServices(
        configuration: configuration, port: listener.port, registry: GenerationRegistry(randomSeed: configuration.randomSeed),
        failures: FailureInjector(configuration: configuration), synthesizer: ImageSynthesizer(), logger: logger,
        replay: try configuration.replayPath.map { try ReplayScript(path: $0) })
      writeLine("openrouter-mock listening on \(services.baseURL)", to: FileHandle.standardOutput)
      HTTPServer(listener: listener, router: MockRouter(services: services)).run()
    } catch {
      writeLine("openrouter-mock: \(error)", to: FileHandle.standardError)
      exit(1)
    }
  }

  /// One unbuffered write, so a parent reading our stdout sees the line at once.
  private static func writeLine(_ text: String, to handle: FileHandle) {
    handle.write(Data((text + "\n").utf8))
  }
}
