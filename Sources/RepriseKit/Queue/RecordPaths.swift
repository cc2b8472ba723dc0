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
    rewrite(record) { path in PathMath.absolute(path, base: folder) }
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
