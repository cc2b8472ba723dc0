import Foundation

/// Everything the command line and an optional `--scenario` file set. Flags override the scenario.
struct MockConfiguration: Sendable {
  var port: Int = 0
  var logPath: String?
  var requiredKey: String?
  var latencyMs: Int = 0
  var jitterMs: Int = 0
  var randomSeed: UInt64 = 0
  var failRate: Double = 0
  var failFirst: Int = 0
  var failStatus: Int = 429
  var retryAfterSeconds: Int = 1
  var mode: MockMode = .ok
  var aliasImagesGenerations = false
  var largeBytes: Int = 24 * 1024 * 1024
  var stallSeconds: Double = 600
  /// `--replay FILE`: serve the recorded responses of FILE to generation requests (`ReplayScript`).
  var replayPath: String?
  /// `--key-limit-remaining USD`: `GET /key` reports this credit limit left (default: no limit).
  var keyLimitRemaining: Double?

  /// Why the arguments could not be used; printed to stderr with exit status 2.
  struct UsageError: Error, CustomStringConvertible {
    let description: String
  }

  /// Flags that take no value.
  private static let switches: Set<String> = ["alias-images-generations", "help"]
  /// Flags that take a value.
  private static let valued: Set<String> = [
    "port", "log", "require-key", "latency-ms", "jitter-ms", "random-seed", "fail-rate", "fail-first", "fail-status",
    "retry-after", "mode", "scenario", "large-bytes", "stall-sec", "replay", "key-limit-remaining",
  ]

  static let usage = """
    usage: openrouter-mock [--port N] [--log FILE] [--require-key KEY] [--latency-ms N] [--jitter-ms N]
                           [--random-seed N] [--fail-rate F] [--fail-first K] [--fail-status S] [--retry-after SEC]
                           [--mode MODE] [--scenario FILE] [--alias-images-generations] [--large-bytes N] [--stall-sec N]
                           [--replay FILE] [--key-limit-remaining USD] [--exit-with-parent]

    A local OpenRouter-compatible server on 127.0.0.1 (prefix /api/v1). Prints one line
    "openrouter-mock listening on http://127.0.0.1:PORT/api/v1" and runs until SIGTERM/SIGINT.
    A prompt containing [mock:MODE] uses that mode for that request. --replay FILE answers each
    POST to /chat/completions or /images with the next recorded response of FILE (status, headers,
    body verbatim; the last one repeats).

    modes: \(MockMode.names.joined(separator: ", "))
    """

  /// Parses `arguments` (without the program name). Returns nil configuration when `--help` was asked.
  static func parse(_ arguments: [String]) throws -> MockConfiguration? {
    var flags: [(String, String)] = []
    var index = 0
    while index < arguments.count {
      let argument = arguments[index]
      guard argument.hasPrefix("--") else { throw UsageError(description: "unexpected argument '\(argument)'") }
      var name = String(argument.dropFirst(2))
      var value: String?
      if let equals = name.firstIndex(of: "=") {
        value = String(name[name.index(after: equals)...])
        name = String(name[..<equals])
      }
      if switches.contains(name) {
        flags.append((name, value ?? "true"))
      } else if valued.contains(name) {
        if value == nil {
          index += 1
          guard index < arguments.count else { throw UsageError(description: "--\(name) needs a value") }
          value = arguments[index]
        }
        flags.append((name, value!))
      } else {
        throw UsageError(description: "unknown option --\(name)")
      }
      index += 1
    }
    if flags.contains(where: { $0.0 == "help" }) { return nil }

    var settings: [(String, String)] = []
    if let scenarioPath = flags.last(where: { $0.0 == "scenario" })?.1 {
      settings = try loadScenario(path: scenarioPath)
    }
    settings.append(contentsOf: flags.filter { $0.0 != "scenario" })

    var configuration = MockConfiguration()
    for (name, value) in settings { try configuration.apply(name: name, value: value) }
    if configuration.failRate > 0 || configuration.failFirst > 0, MockMode(name: String(configuration.failStatus)) == nil {
      throw UsageError(description: "--fail-status must be an HTTP status 400-599")
    }
    return configuration
  }

  private static func loadScenario(path: String) throws -> [(String, String)] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw UsageError(description: "cannot read scenario file \(path)")
    }
    guard let members = JSONValue.parse(Array(data))?.objectMembers else {
      throw UsageError(description: "scenario file \(path) is not a JSON object")
    }
    var settings: [(String, String)] = []
    for (key, value) in members {
      guard valued.contains(key) || key == "alias-images-generations", key != "scenario" else {
        throw UsageError(description: "scenario file \(path): unknown key '\(key)'")
      }
      if value.isNull { continue }
      guard let text = value.flagString else {
        throw UsageError(description: "scenario file \(path): '\(key)' must be a string, number or boolean")
      }
      settings.append((key, text))
    }
    return settings
  }

  private mutating func apply(name: String, value: String) throws {
    func integer(_ range: ClosedRange<Int> = 0...Int.max) throws -> Int {
      guard let number = Int(value), range.contains(number) else {
        throw UsageError(description: "--\(name) expects an integer in \(range.lowerBound)...\(range.upperBound), got '\(value)'")
      }
      return number
    }
    switch name {
    case "port": port = try integer(0...65535)
    case "log": logPath = value
    case "require-key": requiredKey = value.isEmpty ? nil : value
    case "latency-ms": latencyMs = try integer()
    case "jitter-ms": jitterMs = try integer()
    case "random-seed":
      guard let seed = UInt64(value) ?? Int64(value).map({ UInt64(bitPattern: $0) }) else {
        throw UsageError(description: "--random-seed expects an integer, got '\(value)'")
      }
      randomSeed = seed
    case "fail-rate":
      guard let rate = Double(value), (0...1).contains(rate) else {
        throw UsageError(description: "--fail-rate expects a fraction between 0 and 1, got '\(value)'")
      }
      failRate = rate
    case "fail-first": failFirst = try integer()
    case "fail-status": failStatus = try integer(400...599)
    case "retry-after": retryAfterSeconds = try integer()
    case "key-limit-remaining":
      guard let usd = Double(value), usd >= 0 else { throw UsageError(description: "--key-limit-remaining expects USD 0 or more, got '\(value)'") }
      keyLimitRemaining = usd
    case "mode":
      guard let parsed = MockMode(name: value) else {
        throw UsageError(description: "unknown mode '\(value)'; modes: \(MockMode.names.joined(separator: ", "))")
      }
      mode = parsed
    case "alias-images-generations":
      switch value.lowercased() {
      case "true", "1", "yes": aliasImagesGenerations = true
      case "false", "0", "no": aliasImagesGenerations = false
      default: throw UsageError(description: "--alias-images-generations takes true or false, got '\(value)'")
      }
    case "replay": replayPath = value
    case "large-bytes": largeBytes = try integer(1...(1 << 31))
    case "stall-sec":
      guard let seconds = Double(value), seconds >= 0 else {
        throw UsageError(description: "--stall-sec expects seconds, got '\(value)'")
      }
      stallSeconds = seconds
    default: throw UsageError(description: "unknown option --\(name)")
    }
  }
}
