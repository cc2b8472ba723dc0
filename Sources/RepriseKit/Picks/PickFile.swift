import Foundation

/// A `<prefix>-picks.json` beside a manifest: the variants a designer chose, each tied to its job
/// by `job_id` and `request_sha256`. The manifest itself (and so its id) never changes.
///
/// `manifest_id` records the manifest the file was last written against; since a batch merged
/// into the manifest changes that id, the file is checked pick by pick: every pick must still
/// name a job of the manifest (same index, `job_id` and `request_sha256`), else the file belongs
/// to a manifest that was replaced and is refused.
package struct PickFile: Sendable, Equatable {
  /// The schema this reprise writes.
  package static let schema = "reprise.picks/1"

  /// The `manifest_id` of the manifest when the file was last written.
  package let manifestID: String
  /// The picks, sorted by index, one per index.
  package let picks: [PickRecord]

  /// A file as given; picks are sorted by index.
  package init(manifestID: String, picks: [PickRecord]) {
    self.manifestID = manifestID
    self.picks = picks.sorted { $0.index < $1.index }
  }

  /// The picks file of the manifest at `manifestPath`: `<prefix>-manifest.json` gives
  /// `<prefix>-picks.json` in the same folder (another name gives `<spec prefix>-picks.json`).
  package static func path(forManifest manifestPath: String, prefix: String) -> String {
    let folder = (manifestPath as NSString).deletingLastPathComponent
    let name = (manifestPath as NSString).lastPathComponent
    let stem = name.hasSuffix("-manifest.json") && name.count > 14 ? String(name.dropLast(14)) : prefix
    return (folder as NSString).appendingPathComponent(stem + "-picks.json")
  }

  /// The picked indices.
  package var indices: [Int] { picks.map(\.index) }

  /// The pick at `index`, if any.
  package func pick(at index: Int) -> PickRecord? { picks.first { $0.index == index } }

  /// The file form.
  package var json: JSONValue {
    .object(["schema": .string(PickFile.schema), "manifest_id": .string(manifestID), "picks": .array(picks.map(\.json))])
  }

  /// The file text: pretty, sorted, trailing newline.
  package var fileText: String { JSONWriter.pretty(json) }

  /// Decodes picks-file bytes; `name` names the file in messages.
  /// - Throws: `RepriseError` (exit 2) when the bytes are not a reprise picks file.
  package static func decode(_ bytes: [UInt8], name: String) throws(RepriseError) -> PickFile {
    let raw: JSONValue
    do { raw = try JSONParser().parse(bytes) } catch { throw .badInput("picks file '\(name)' is not valid JSON: not a reprise picks file, refusing to use it") }
    guard raw["schema"]?.stringValue == schema else {
      throw .badInput("picks file '\(name)' has no \"schema\": \"\(schema)\": not a reprise picks file, refusing to use it")
    }
    do throws(JSONFieldError) {
      let r = try JSONObjectReader(raw, path: "")
      let picks = try r.objects("picks").map { (p) throws(JSONFieldError) in try PickRecord(reading: p) }
      if let repeated = Dictionary(grouping: picks, by: \.index).first(where: { $0.value.count > 1 })?.key {
        throw JSONFieldError(path: "picks", expected: "one pick per index", found: "index \(repeated) twice")
      }
      return PickFile(manifestID: try r.string("manifest_id"), picks: picks)
    } catch {
      throw .badInput("picks file '\(name)': \(error.description)")
    }
  }

  /// Reads the picks file at `path` and checks it against `manifest`; nil when there is none.
  /// - Throws: `RepriseError` (exit 2) when it is unreadable, not a picks file, or names a job the
  ///   manifest does not have.
  package static func load(path: String, name: String, manifest: Manifest, manifestName: String) throws(RepriseError) -> PickFile? {
    switch FileSystem.entryKind(path) {
    case .missing: return nil
    case .file: break
    default: throw .badInput("picks file '\(name)' is not a regular file")
    }
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(path, limit: 64 * 1_048_576, noFollow: true) } catch {
      throw .badInput("picks file '\(name)' cannot be read: \(error.reason)")
    }
    let file = try decode(bytes, name: name)
    try file.check(against: manifest, name: name, manifestName: manifestName)
    return file
  }

  /// The picks file beside the manifest at `manifestPath` (absolute; `manifestName` as the user
  /// gave it), checked against `manifest`; nil when there is none.
  /// For readers that only show picks (`status`, `gallery`, `diff`): a picks file that does not
  /// fit the manifest is reported through `warn` and treated as no picks, so it never stops a
  /// report. (`pick` itself refuses it.)
  package static func loadForShowing(forManifest manifest: Manifest, manifestPath: String, manifestName: String, warn: (String) -> Void) -> PickFile? {
    do { return try load(forManifest: manifest, manifestPath: manifestPath, manifestName: manifestName) } catch {
      warn("warning: \(error.message); shown without picks")
      return nil
    }
  }

  package static func load(forManifest manifest: Manifest, manifestPath: String, manifestName: String) throws(RepriseError) -> PickFile? {
    let path = path(forManifest: manifestPath, prefix: manifest.spec.prefix)
    return try load(path: path, name: shownName(path, manifestName: manifestName), manifest: manifest, manifestName: manifestName)
  }

  /// How to name the picks file at `path` in messages: beside the manifest as the user named it.
  package static func shownName(_ path: String, manifestName: String) -> String {
    ((manifestName as NSString).deletingLastPathComponent as NSString).appendingPathComponent((path as NSString).lastPathComponent)
  }

  /// Refuses the file when a pick names no job of `manifest` (a manifest replaced under it).
  package func check(against manifest: Manifest, name: String, manifestName: String) throws(RepriseError) {
    let jobs = Dictionary(manifest.jobs.map { ($0.index, $0) }, uniquingKeysWith: { a, _ in a })
    for pick in picks where !(jobs[pick.index].map(pick.names) ?? false) {
      let what = jobs[pick.index] == nil ? "index \(pick.index) is not in it" : "job \(pick.index) is now \(jobs[pick.index]!.jobID), not \(pick.jobID)"
      throw .badInput(
        "picks file '\(name)' does not belong to manifest '\(manifestName)' (recorded for \(manifestID), the manifest is \(manifest.manifestID)): "
          + "\(what); move the picks file away to pick again")
    }
  }
}
