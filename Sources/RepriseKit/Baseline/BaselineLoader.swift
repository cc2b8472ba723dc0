import Foundation

/// Validates a `--baseline-image` and reads it, refusing anything that would send the wrong file
/// or a file the user did not agree to upload. Every refusal is one line naming the flag (exit 2).
package struct BaselineLoader: Sendable {
  /// Extensions accepted for local files.
  package static let allowedExtensions = ["png", "jpg", "jpeg", "webp"]

  /// The folder a local baseline must be inside (`--workspace-root`), absolute.
  package let workspaceRoot: String
  /// `--max-baseline-mb` in bytes.
  package let maxBytes: Int
  /// `--confirm-external-upload`.
  package let confirmExternalUpload: Bool
  /// The folder relative paths are resolved against (the current directory).
  package let currentDirectory: String

  /// A loader with the given policy.
  package init(workspaceRoot: String, maxBytes: Int, confirmExternalUpload: Bool, currentDirectory: String) {
    self.workspaceRoot = workspaceRoot
    self.maxBytes = maxBytes
    self.confirmExternalUpload = confirmExternalUpload
    self.currentDirectory = currentDirectory
  }

  /// True when `given` is an http(s) URL (any letter case).
  package static func isURL(_ given: String) -> Bool {
    let lower = given.lowercased()
    return lower.hasPrefix("http://") || lower.hasPrefix("https://")
  }

  /// The scheme of `given` when it reads as a URL of any other kind (`scheme://...`, or `data:`,
  /// `file:`, `ftp:`, `mailto:` and the like), else nil (a local path).
  static func otherScheme(_ given: String) -> String? {
    guard let colon = given.firstIndex(of: ":") else { return nil }
    let scheme = given[..<colon]
    guard let first = scheme.first, first.isASCII, first.isLetter,
      scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) })
    else { return nil }
    let rest = given[given.index(after: colon)...]
    let known: Set<String> = ["data", "file", "ftp", "ftps", "sftp", "mailto", "blob", "javascript", "s3", "gs"]
    return rest.hasPrefix("//") || known.contains(scheme.lowercased()) ? scheme.lowercased() : nil
  }

  /// Checks an http(s) URL the way it will be stored and sent: no credentials, everything
  /// outside printable ASCII percent-encoded, well-formed escapes, a host.
  /// - Throws: a usage error (exit 64) naming the flag.
  static func validateURL(_ given: String, flag: String) throws(RepriseError) {
    if let bad = given.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
      let what = bad == " " ? "a space" : (bad.value < 0x20 || bad.value == 0x7F ? "a control character" : "the non-ASCII character '\(bad)'")
      throw .usage("\(flag) contains \(what): percent-encode it (e.g. a space as %20, é as %C3%A9)")
    }
    if let bad = given.first(where: { "\"<>\\^`{|}".contains($0) }) {
      throw .usage("\(flag) contains '\(bad)', which a URL must not hold as is: percent-encode it")
    }
    let scalars = Array(given.utf8)
    for (i, byte) in scalars.enumerated() where byte == UInt8(ascii: "%") {
      let hex = { (b: UInt8) in (48...57).contains(b) || (65...70).contains(b) || (97...102).contains(b) }
      guard i + 2 < scalars.count, hex(scalars[i + 1]), hex(scalars[i + 2]) else {
        throw .usage("\(flag) has a '%' not followed by two hex digits: percent-encode '%' itself as %25")
      }
    }
    guard let host = URL(string: given)?.host, !host.isEmpty else {
      throw .usage("\(flag) is not a valid http(s) URL")
    }
    let afterScheme = given[given.index(given.firstIndex(of: ":")!, offsetBy: 3)...]
    let authority = afterScheme.prefix { !"/?#".contains($0) }
    if let at = authority.lastIndex(of: "@") {
      // The credentials are not echoed back.
      let shown = given[..<afterScheme.startIndex] + "***" + authority[at...] + afterScheme[authority.endIndex...]
      throw .usage(
        "--baseline-image '\(shown)' contains credentials (user:password@): they would be stored in the manifest and sent on; use a URL without them (e.g. a "
          + "signed or public URL)"
      )
    }
  }

  /// Validates and reads `given`.
  /// - Parameters:
  ///   - given: the path or URL as typed.
  ///   - sourceKind: `--baseline-source-kind` (defaults to `explicit_path_or_url`).
  ///   - manifestFolder: where the manifest will live; local paths are recorded relative to it.
  package func load(_ given: String, sourceKind: String?, manifestFolder: String) throws(RepriseError) -> BaselineImage {
    let kind = sourceKind ?? "explicit_path_or_url"
    let flag = "--baseline-image '\(given)'"
    if BaselineLoader.isURL(given) {
      try BaselineLoader.validateURL(given, flag: flag)
      guard confirmExternalUpload else {
        throw .badInput("\(flag) is a URL that OpenRouter will fetch and pass to the model provider: re-run with --confirm-external-upload if that is intended")
      }
      let record = BaselineRecord(location: .url(given), sourceKind: kind, sha256: nil, bytes: nil, mediaType: nil, width: nil, height: nil)
      return BaselineImage(record: record, requestURL: given)
    }
    if let scheme = BaselineLoader.otherScheme(given) {
      throw .usage("\(flag) is a \(scheme): URL: accepted an http:// or https:// URL, or a local png/jpg/jpeg/webp file")
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
