import Foundation

/// Validates a `--baseline-image` and reads it, refusing anything that would send the wrong file
/// or a file the user did not agree to upload. Every refusal is one line naming the flag (exit 2).
public struct BaselineLoader: Sendable {
  /// Extensions accepted for local files.
  public static let allowedExtensions = ["png", "jpg", "jpeg", "webp"]

  /// The folder a local baseline must be inside (`--workspace-root`), absolute.
  public let workspaceRoot: String
  /// `--max-baseline-mb` in bytes.
  public let maxBytes: Int
  /// `--confirm-external-upload`.
  public let confirmExternalUpload: Bool
  /// The folder relative paths are resolved against (the current directory).
  public let currentDirectory: String

  /// A loader with the given policy.
  public init(workspaceRoot: String, maxBytes: Int, confirmExternalUpload: Bool, currentDirectory: String) {
    self.workspaceRoot = workspaceRoot
    self.maxBytes = maxBytes
    self.confirmExternalUpload = confirmExternalUpload
    self.currentDirectory = currentDirectory
  }

  /// True when `given` is an http(s) URL (any letter case).
  public static func isURL(_ given: String) -> Bool {
    let lower = given.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
  }

  /// Validates and reads `given`.
  /// - Parameters:
  ///   - given: the path or URL as typed.
  ///   - sourceKind: `--baseline-source-kind` (defaults to `explicit_path_or_url`).
  ///   - manifestFolder: where the manifest will live; local paths are recorded relative to it.
  public func load(_ given: String, sourceKind: String?, manifestFolder: String) throws(RepriseError) -> BaselineImage {
    let kind = sourceKind ?? "explicit_path_or_url"
    let flag = "--baseline-image '\(given)'"
    if BaselineLoader.isURL(given) {
      guard let url = URL(string: given), let host = url.host, !host.isEmpty else {
        throw .usage("\(flag) is not a valid http(s) URL")
      }
      guard confirmExternalUpload else {
        throw .badInput("\(flag) is a URL that OpenRouter will fetch and pass to the model provider: re-run with --confirm-external-upload if that is intended")
      }
      let record = BaselineRecord(location: .url(given), sourceKind: kind, sha256: nil, bytes: nil, mediaType: nil, width: nil, height: nil)
      return BaselineImage(record: record, requestURL: given)
    }
    guard confirmExternalUpload else {
      throw .badInput("\(flag) is a local file that would be uploaded to OpenRouter: re-run with --confirm-external-upload if that is intended")
    }
    guard !given.isEmpty else { throw .usage("--baseline-image needs a path or an http(s) URL") }
    let absolute = PathMath.absolute(given, base: currentDirectory)
    switch FileSystem.entryKind(absolute) {
    case .missing: throw .badInput("\(flag) not found")
    case .symlink: throw .badInput("\(flag) is a symbolic link: pass the file itself, so the file uploaded is the one you named")
    case .directory: throw .badInput("\(flag) is a folder: pass an image file (png, jpg, jpeg, webp)")
    case .other: throw .badInput("\(flag) is not a regular file: pass an image file (png, jpg, jpeg, webp)")
    case .file: break
    }
    guard let real = FileSystem.realPath(absolute), let realRoot = FileSystem.realPath(workspaceRoot) else {
      throw .badInput("\(flag) cannot be resolved, or --workspace-root '\(workspaceRoot)' does not exist")
    }
    guard PathMath.isInside(real, folder: realRoot) else {
      throw .badInput("\(flag) is outside the workspace root '\(workspaceRoot)': move it inside, or pass --workspace-root")
    }
    let ext = (given as NSString).pathExtension.lowercased()
    guard BaselineLoader.allowedExtensions.contains(ext) else {
      throw .badInput("\(flag) has extension '\(ext.isEmpty ? "(none)" : "." + ext)': accepted png, jpg, jpeg, webp")
    }
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(absolute, limit: maxBytes, noFollow: true)
    } catch {
      if error.reason.contains("limit") {
        throw .badInput("\(flag) is larger than --max-baseline-mb \(Double(maxBytes) / 1_048_576) (\(maxBytes) bytes)")
      }
      throw .badInput("\(flag) cannot be read: \(error.reason)")
    }
    guard let info = ImageInfo.sniff(bytes) else {
      throw .badInput("\(flag) is not a PNG, JPEG or WebP image (its first bytes match no image format)")
    }
    let expected = ImageFormat(fileExtension: ext)
    guard info.format == expected else {
      throw .badInput("\(flag) has extension .\(ext) but its bytes are \(info.format.rawValue.uppercased()): rename it or convert it")
    }
    // The header is read in full: a truncated or garbled file would be uploaded and fail every job.
    let header: ImageInfo
    do { header = try ImageHeaderValidator.validate(bytes, format: info.format) } catch {
      throw .badInput("\(flag) \(error.reason)")
    }
    let manifestFolderAbsolute = PathMath.absolute(manifestFolder, base: currentDirectory)
    let relativeToManifest = PathMath.relative(from: manifestFolderAbsolute, to: absolute)
    let record = BaselineRecord(
      location: .file(path: relativeToManifest, legacyPathAsGiven: nil), sourceKind: kind,
      sha256: SHA256.hash(bytes).hexString, bytes: bytes.count, mediaType: info.format.mediaType,
      width: header.width, height: header.height)
    return BaselineImage(record: record, requestURL: RequestBuilder.dataURL(mediaType: info.format.mediaType, bytes: bytes))
  }
}
