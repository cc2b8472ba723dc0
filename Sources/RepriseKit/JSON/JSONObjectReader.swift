/// Reads typed members from a JSON object, with errors that name the field's path.
///
/// Used to decode manifests and job files, which are untrusted input.
public struct JSONObjectReader: Sendable {
  /// The object being read.
  public let members: [String: JSONValue]
  /// Where this object sits, e.g. `spec.baseline`; used in messages.
  public let path: String

  /// Wraps `value`, which must be an object.
  public init(_ value: JSONValue, path: String) throws(JSONFieldError) {
    guard case .object(let members) = value else { throw JSONFieldError(path: path, expected: "an object", found: value.kindName) }
    self.members = members
    self.path = path
  }

  private func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The raw member, or a `missing` error.
  public func value(_ key: String) throws(JSONFieldError) -> JSONValue {
    guard let v = members[key] else { throw JSONFieldError(path: childPath(key), expected: "a value", found: "nothing") }
    return v
  }

  /// A required string.
  public func string(_ key: String) throws(JSONFieldError) -> String {
    let v = try value(key)
    guard let s = v.stringValue else { throw JSONFieldError(path: childPath(key), expected: "a string", found: v.kindName) }
    return s
  }

  /// A string or null.
  public func optionalString(_ key: String) throws(JSONFieldError) -> String? {
    guard let v = members[key], !v.isNull else { return nil }
    guard let s = v.stringValue else { throw JSONFieldError(path: childPath(key), expected: "a string or null", found: v.kindName) }
    return s
  }

  /// A required integer.
  public func int(_ key: String) throws(JSONFieldError) -> Int64 {
    let v = try value(key)
    guard case .int(let i) = v else { throw JSONFieldError(path: childPath(key), expected: "an integer", found: v.kindName) }
    return i
  }

  /// An integer or null.
  public func optionalInt(_ key: String) throws(JSONFieldError) -> Int64? {
    guard let v = members[key], !v.isNull else { return nil }
    guard case .int(let i) = v else { throw JSONFieldError(path: childPath(key), expected: "an integer or null", found: v.kindName) }
    return i
  }

  /// A required boolean.
  public func bool(_ key: String) throws(JSONFieldError) -> Bool {
    let v = try value(key)
    guard let b = v.boolValue else { throw JSONFieldError(path: childPath(key), expected: "true or false", found: v.kindName) }
    return b
  }

  /// A required array of strings.
  public func strings(_ key: String) throws(JSONFieldError) -> [String] {
    let v = try value(key)
    guard let items = v.arrayValue else { throw JSONFieldError(path: childPath(key), expected: "an array of strings", found: v.kindName) }
    var out: [String] = []
    for (n, item) in items.enumerated() {
      guard let s = item.stringValue else { throw JSONFieldError(path: childPath(key) + "[\(n)]", expected: "a string", found: item.kindName) }
      out.append(s)
    }
    return out
  }

  /// A required nested object.
  public func object(_ key: String) throws(JSONFieldError) -> JSONObjectReader {
    try JSONObjectReader(try value(key), path: childPath(key))
  }

  /// A nested object or nil when null/absent.
  public func optionalObject(_ key: String) throws(JSONFieldError) -> JSONObjectReader? {
    guard let v = members[key], !v.isNull else { return nil }
    return try JSONObjectReader(v, path: childPath(key))
  }

  /// A required array of objects.
  public func objects(_ key: String) throws(JSONFieldError) -> [JSONObjectReader] {
    let v = try value(key)
    guard let items = v.arrayValue else { throw JSONFieldError(path: childPath(key), expected: "an array", found: v.kindName) }
    var out: [JSONObjectReader] = []
    for (n, item) in items.enumerated() { out.append(try JSONObjectReader(item, path: childPath(key) + "[\(n)]")) }
    return out
  }
}

/// A field of a JSON document that is missing or of the wrong type.
public struct JSONFieldError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Dotted path of the field, e.g. `jobs[2].seed`.
  public let path: String
  /// What was expected there.
  public let expected: String
  /// What was found.
  public let found: String
  public var description: String { "field '\(path)' must be \(expected), found \(found)" }
}
