import Foundation

/// A manifest as read from disk: the decoded manifest plus what is needed to tell whether the
/// file was edited since reprise wrote it.
public struct ManifestDocument: Sendable {
  /// The decoded manifest.
  public let manifest: Manifest
  /// The parsed file, unknown members included.
  public let raw: JSONValue
  /// The `manifest_id` stored in the file.
  public let storedID: String
  /// The id recomputed over the file's members (all but `manifest_id`, unknown ones included).
  public let computedID: String

  /// True when the stored id matches the file's contents.
  public var idMatches: Bool { storedID == computedID }

  /// Decodes manifest bytes. `name` is used in messages (the path as the user gave it).
  /// - Throws: `RepriseError` (exit 2) naming the file and what is wrong, including a broken
  ///   cross-member rule (`ManifestIntegrity`) that a recomputed `manifest_id` would not reveal.
  public static func decode(_ bytes: [UInt8], name: String) throws(RepriseError) -> ManifestDocument {
    let raw: JSONValue
    do {
      raw = try JSONParser().parse(bytes)
    } catch let failure as JSONParser.Failure {
      throw .badInput("manifest '\(name)' is not valid JSON: \(failure.description)")
    } catch {
      throw .badInput("manifest '\(name)' is not valid JSON")
    }
    guard case .object(var members) = raw else {
      throw .badInput("manifest '\(name)' must be a JSON object, found \(raw.kindName)")
    }
    guard let schema = members["schema"]?.stringValue else {
      throw .badInput("manifest '\(name)' has no \"schema\": not a reprise manifest (expected \(Manifest.schema))")
    }
    try checkSchema(schema, name: name)
    guard let storedID = members["manifest_id"]?.stringValue else {
      throw .badInput("manifest '\(name)' has no \"manifest_id\"")
    }
    members["manifest_id"] = nil
    let computedID = Manifest.id(ofBody: .object(members))
    let manifest: Manifest
    do {
      let r = try JSONObjectReader(raw, path: "")
      let spec = try ManifestSpec(reading: try r.object("spec"))
      let batches = try r.objects("batches").map { (b) throws(JSONFieldError) in try ManifestBatch(reading: b) }
      let jobs = try r.objects("jobs").map { (j) throws(JSONFieldError) in try ManifestJob(reading: j, sweepAxes: spec.sweep?.axisNames) }
      manifest = Manifest(spec: spec, batches: batches, jobs: jobs)
    } catch {
      throw .badInput("manifest '\(name)': \(error.description)")
    }
    if let problem = ManifestIntegrity.firstProblem(in: manifest) {
      throw .badInput("manifest '\(name)' is inconsistent: \(problem)")
    }
    return ManifestDocument(manifest: manifest, raw: raw, storedID: storedID, computedID: computedID)
  }

  /// Reads and decodes a manifest file.
  /// - Parameters:
  ///   - path: where to read it.
  ///   - name: how to name it in messages (the path as the user gave it); defaults to `path`.
  public static func load(path: String, name: String? = nil) throws(RepriseError) -> ManifestDocument {
    let shown = name ?? path
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path, limit: 256 * 1_048_576)
    } catch {
      throw .badInput("manifest '\(shown)' cannot be read: \(error.reason)")
    }
    return try decode(bytes, name: shown)
  }

  /// Accepts `reprise.manifest/1` and additive minor revisions (`reprise.manifest/1.x`).
  static func checkSchema(_ schema: String, name: String) throws(RepriseError) {
    let prefix = "reprise.manifest/"
    guard schema.hasPrefix(prefix) else {
      throw .badInput("manifest '\(name)' has schema \"\(schema)\": not a reprise manifest (expected \(Manifest.schema))")
    }
    let version = schema.dropFirst(prefix.count)
    let parts = version.split(separator: ".", omittingEmptySubsequences: false)
    let isNumber: (Substring) -> Bool = { !$0.isEmpty && $0.count <= 9 && $0.allSatisfy { $0.isASCII && $0.isNumber } && ($0 == "0" || !$0.hasPrefix("0")) }
    guard (1...2).contains(parts.count), parts.allSatisfy(isNumber), let major = Int(parts[0]) else {
      throw .badInput("manifest '\(name)' has an unreadable schema version \"\(schema)\" (expected \(Manifest.schema))")
    }
    if major != Manifest.schemaMajor {
      throw .badInput("manifest '\(name)' uses schema \"\(schema)\", which this reprise cannot read (it reads \(Manifest.schema))")
    }
  }
}
