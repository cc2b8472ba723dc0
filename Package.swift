// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "reprise",
  // macOS 13 is the floor we state (URLSession.data(for:) needs 12). Nothing used needs a newer one:
  // String(validating:as:) (macOS 15) is replaced by UTF8Text. Built for, not checked, on macOS.
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "reprise", targets: ["reprise"]),
    .executable(name: "openrouter-mock", targets: ["openrouter-mock"]),
    .library(name: "RepriseKit", targets: ["RepriseKit"]),
  ],
  targets: [
    // Dependency-free byte codecs shared by reprise and the mock: SHA-256, CRC-32, PNG.
    .target(name: "RepriseCodecs"),
    // All logic: planning, manifests, hashing, OpenRouter requests. No argv, no printing.
    // Every operating-system call is in Sources/RepriseKit/Platform (Linux and Darwin side by side).
    .target(name: "RepriseKit", dependencies: ["RepriseCodecs"]),
    // The command-line layer: argument parsing, help texts, command dispatch, output.
    .target(name: "RepriseCLI", dependencies: ["RepriseKit"]),
    .executableTarget(name: "reprise", dependencies: ["RepriseCLI"]),
    // A local OpenRouter-compatible server for tests, benchmarks and offline demos.
    .executableTarget(name: "openrouter-mock", dependencies: ["RepriseCodecs"]),
    // Helpers shared by the test targets: temporary folders, running the built binaries.
    .target(name: "RepriseTestSupport", path: "Tests/RepriseTestSupport"),
    .testTarget(name: "RepriseKitTests", dependencies: ["RepriseKit", "RepriseCLI", "RepriseTestSupport"], exclude: ["Fixtures", "Golden"]),
    // The image decoders against ImageMagick, fixtures and fuzzing.
    .testTarget(name: "RepriseCodecsTests", dependencies: ["RepriseCodecs", "RepriseTestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "RepriseEndToEndTests",
      dependencies: ["RepriseKit", "RepriseTestSupport", "reprise", "openrouter-mock"]
    ),
  ]
)
