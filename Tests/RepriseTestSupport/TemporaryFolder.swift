import Foundation

/// A fresh folder under the system temp folder, removed by `remove()`. Each test makes its own.
public struct TemporaryFolder: Sendable {
  /// Absolute path of the folder (symlinks resolved).
  public let path: String

  /// Creates a new, empty folder.
  public init(_ label: String = "reprise") throws {
    let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
    let candidate = base + "/" + label + "-" + UUID().uuidString.prefix(12).lowercased()
    try FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
    path = URL(fileURLWithPath: candidate).resolvingSymlinksInPath().path
  }

  /// `path/relative`.
  public func url(_ relative: String) -> String { path + "/" + relative }

  /// Writes bytes to `relative`, creating parent folders.
  @discardableResult
  public func write(_ relative: String, bytes: [UInt8]) throws -> String {
    let full = url(relative)
    try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Writes UTF-8 text to `relative`.
  @discardableResult
  public func write(_ relative: String, text: String) throws -> String { try write(relative, bytes: Array(text.utf8)) }

  /// The bytes at `relative`.
  public func read(_ relative: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: url(relative)))) }

  /// The text at `relative`.
  public func readText(_ relative: String) throws -> String { String(decoding: try read(relative), as: UTF8.self) }

  /// True when something exists at `relative`.
  public func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: url(relative)) }

  /// Every file below the folder with its bytes, for "nothing changed" assertions.
  public func snapshot() -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    guard let walker = FileManager.default.enumerator(atPath: path) else { return result }
    while let relative = walker.nextObject() as? String {
      let full = url(relative)
      var isDir: ObjCBool = false
      if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
        result[relative] = (try? Array(Data(contentsOf: URL(fileURLWithPath: full)))) ?? []
      } else if isDir.boolValue {
        result[relative + "/"] = []
      }
    }
    return result
  }

  /// Deletes the folder and everything in it.
  public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
