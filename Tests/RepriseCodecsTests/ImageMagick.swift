import Foundation
import RepriseTestSupport

/// ImageMagick's `convert`, the independent oracle the decoder tests compare with: it writes the
/// test images and says what their pixels are. `/usr/bin/convert` is preferred (the real
/// ImageMagick; `/usr/local/bin/convert` may be a wrapper that rewrites `ppm:-` arguments), else
/// `convert` or `magick` on PATH. Tests that need it are skipped, with this reason, when absent.
struct ImageMagick: Sendable {
  /// The executable.
  let path: String

  /// The ImageMagick on this machine, if any.
  static let found: ImageMagick? = {
    let manager = FileManager.default
    if manager.isExecutableFile(atPath: "/usr/bin/convert") { return ImageMagick(path: "/usr/bin/convert") }
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
    for name in ["convert", "magick"] {
      for folder in folders where manager.isExecutableFile(atPath: folder + "/" + name) { return ImageMagick(path: folder + "/" + name) }
    }
    return nil
  }()

  /// ImageMagick was built with WebP (libwebp) support.
  static let writesWebP: Bool = {
    guard let found, let outcome = try? ProcessRunner.run(found.path, ["-list", "format"], in: "/") else { return false }
    return outcome.stdout.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("WEBP") && $0.contains("rw") }
  }()

  /// Why the oracle tests are skipped.
  static let absentReason = "ImageMagick (convert) not found: /usr/bin/convert or convert/magick on PATH; install imagemagick"

  /// Runs `convert arguments` in `folder`; throws with ImageMagick's message when it fails.
  func run(_ arguments: [String], in folder: String) throws {
    let outcome = try ProcessRunner.run(path, arguments, in: folder)
    if outcome.status != 0 { throw OracleFailure("convert \(arguments.joined(separator: " ")): \(outcome.stderr)") }
  }

  /// The 8-bit RGBA pixels ImageMagick reads from `file`.
  func rgba8(_ file: String, in folder: String) throws -> [UInt8] {
    try run([file, "-depth", "8", "RGBA:" + file + ".rgba"], in: folder)
    return Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file + ".rgba")))
  }

  /// The 16-bit RGBA samples ImageMagick reads from `file`.
  func rgba16(_ file: String, in folder: String) throws -> [UInt16] {
    try run([file, "-depth", "16", "-endian", "MSB", "RGBA:" + file + ".rgba16"], in: folder)
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file + ".rgba16")))
    return (0..<(bytes.count / 2)).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
  }
}

/// ImageMagick failed or answered something unexpected.
struct OracleFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
