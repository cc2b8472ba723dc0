/// Paths inside queue records are stored relative to the folder of the record itself, so a batch
/// folder that is moved or copied keeps pointing at its own files. In memory (and in everything
/// printed) they are absolute. Records written by earlier versions hold absolute paths; those are
/// kept as they are.
enum RecordPaths {
  /// Members holding one path.
  static let pathMembers = ["out", "response_path", "job_file"]
  /// Members of each `images[]` entry holding one path.
  static let imagePathMembers = ["path", "sidecar"]

  /// `record` with every path made relative to `folder` (absolute, standardised).
  static func relativize(_ record: JSONValue, folder: String) -> JSONValue {
    rewrite(record) { path in path.hasPrefix("/") ? PathMath.relative(from: folder, to: PathMath.absolute(path, base: "/")) : path }
  }

  /// `record` with every relative path resolved against `folder`.
  static func resolve(_ record: JSONValue, folder: String) -> JSONValue {
    let plainFolder = isStandardised(folder)
    return rewrite(record) { path in resolvePath(path, folder: folder, plainFolder: plainFolder) }
  }

  /// One path of a record resolved as `resolve` resolves it; `plainFolder` is
  /// `isStandardised(folder)`, worked out once for the folder's records.
  static func resolvePath(_ path: String, folder: String, plainFolder: Bool) -> String {
    (plainFolder ? upAndDown(path, from: folder) : nil) ?? PathMath.absolute(path, base: folder)
  }

  /// The common form records hold, `../../name` (`..` segments, then plain names), resolved
  /// against a standardised absolute `folder` by trimming it, without splitting and joining
  /// both (status reads thousands); nil for any other form, which `PathMath.absolute` resolves.
  static func upAndDown(_ path: String, from folder: String) -> String? {
    if let answer = asciiUpAndDown(path, from: folder) { return answer }
    var rest = Substring(path)
    var base = Substring(folder)
    while rest.hasPrefix("../") {
      rest = rest.dropFirst(3)
      guard let slash = base.lastIndex(of: "/") else { return nil }
      base = base[..<slash]
    }
    guard !rest.isEmpty, isPlain(rest) else { return nil }
    return String(base) + "/" + rest
  }

  /// `upAndDown` on the UTF-8 bytes when both strings are ASCII (where a character is a byte,
  /// so the answer is the same); nil, to go the general way, when either is not.
  private static func asciiUpAndDown(_ path: String, from folder: String) -> String?? {
    var path = path
    var folder = folder
    return path.withUTF8 { p in
      folder.withUTF8 { f -> String?? in
        guard p.allSatisfy({ $0 < 0x80 }), f.allSatisfy({ $0 < 0x80 }) else { return .none }
        var start = 0
        var end = f.count
        while p.count - start >= 3, p[start] == UInt8(ascii: "."), p[start + 1] == UInt8(ascii: "."), p[start + 2] == UInt8(ascii: "/") {
          start += 3
          guard let slash = f[0..<end].lastIndex(of: UInt8(ascii: "/")) else { return .some(nil) }
          end = slash
        }
        let rest = UnsafeBufferPointer(rebasing: p[start...])
        guard !rest.isEmpty, isPlain(bytes: rest) else { return .some(nil) }
        return .some(
          String(unsafeUninitializedCapacity: end + 1 + rest.count) { out in
            _ = out.initialize(from: f[0..<end])
            out[end] = UInt8(ascii: "/")
            _ = UnsafeMutableBufferPointer(rebasing: out[(end + 1)...]).initialize(from: rest)
            return end + 1 + rest.count
          })
      }
    }
  }

  /// True for an absolute path with no empty, `.` or `..` segment and no trailing slash.
  static func isStandardised(_ folder: String) -> Bool {
    folder.count > 1 && folder.hasPrefix("/") && isPlain(Substring(folder).dropFirst())
  }

  /// True when every `/`-separated segment of `path` is a name: not empty, `.` or `..`.
  private static func isPlain(_ path: Substring) -> Bool { isPlain(bytes: path.utf8) }

  private static func isPlain(bytes: some Sequence<UInt8>) -> Bool {
    var segment = 0
    var dots = 0
    for byte in bytes {
      if byte == UInt8(ascii: "/") {
        if segment == 0 || segment == dots && dots <= 2 { return false }
        segment = 0
        dots = 0
      } else {
        segment += 1
        if byte == UInt8(ascii: ".") { dots += 1 }
      }
    }
    return segment > 0 && !(segment == dots && dots <= 2)
  }

  private static func rewrite(_ record: JSONValue, _ transform: (String) -> String) -> JSONValue {
    guard var members = record.objectValue else { return record }
    for key in pathMembers {
      if let path = members[key]?.stringValue { members[key] = .string(transform(path)) }
    }
    if let images = members["images"]?.arrayValue {
      members["images"] = .array(images.map { image in
        guard var entry = image.objectValue else { return image }
        for key in imagePathMembers {
          if let path = entry[key]?.stringValue { entry[key] = .string(transform(path)) }
        }
        return .object(entry)
      })
    }
    if let temporaries = members["temporaries"]?.arrayValue {
      members["temporaries"] = .array(temporaries.map { $0.stringValue.map { .string(transform($0)) } ?? $0 })
    }
    return .object(members)
  }
}
