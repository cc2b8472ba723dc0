// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "reprise",
  products: [
    .executable(name: "reprise", targets: ["reprise"]),
    .executable(name: "openrouter-mock", targets: ["openrouter-mock"]),
    .library(name: "RepriseKit", targets: ["RepriseKit"]),
  ],
  targets: [
    // All logic: planning, manifests, hashing, OpenRouter requests. No argv, no printing.
    // Dependency-free byte codecs shared by reprise and the mock: SHA-256, CRC-32, PNG.
    .target(name: "RepriseCodecs"),
    .target(name: "RepriseKit", dependencies: ["RepriseCodecs"]),
    // The command-line layer: argument parsing, help texts, command dispatch, output.
    .target(name: "RepriseCLI", dependencies: ["RepriseKit"]),
    .executableTarget(name: "reprise", dependencies: ["RepriseCLI"]),
    // A local OpenRouter-compatible server for tests, benchmarks and offline demos.
    .executableTarget(name: "openrouter-mock", dependencies: ["RepriseCodecs"]),
    // Helpers shared by the test targets: temporary folders, running the built binaries.
    .target(name: "RepriseTestSupport", path: "Tests/RepriseTestSupport"),
    .testTarget(name: "RepriseKitTests", dependencies: ["RepriseKit", "RepriseCLI", "RepriseTestSupport"], exclude: ["Fixtures", "Golden"]),
    .testTarget(
      name: "RepriseEndToEndTests",
      dependencies: ["RepriseKit", "RepriseTestSupport", "reprise", "openrouter-mock"]
    ),
  ]
)
