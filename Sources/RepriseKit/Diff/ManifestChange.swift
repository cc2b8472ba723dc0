/// One difference between two manifests, addressed by a path such as `spec.prompt` or
/// `jobs[index=3].seed`.
public struct ManifestChange: Sendable, Equatable {
  /// `add`, `remove` or `replace` (RFC 6902 names).
  public enum Operation: String, Sendable {
    case add, remove, replace
  }

  /// Where the change is.
  public let path: String
  /// What happened.
  public let op: Operation
  /// The value in the first manifest (nil for `add`).
  public let old: JSONValue?
  /// The value in the second manifest (nil for `remove`).
  public let new: JSONValue?

  /// The `--json` form: `{path, op, old, new}`.
  public var json: JSONValue {
    .object(["path": .string(path), "op": .string(op.rawValue), "old": old ?? .null, "new": new ?? .null])
  }
}
