import Foundation

/// A `<prefix>-manifest.json`: the spec, the batches and the planned jobs, identified by
/// `manifest_id` = `sha256:` + SHA-256 of the RFC 8785 canonical JSON of every other member.
///
/// The id and the file text are computed once per value and kept (a change to any member drops
/// them), so asking every job of a batch for its manifest's id costs one hash, not one each.
public struct Manifest: Sendable, Equatable {
  /// The schema this reprise writes.
  public static let schema = "reprise.manifest/1"
  /// The major version this reprise reads.
  public static let schemaMajor = 1

  /// What decides job content.
  public var spec: ManifestSpec { didSet { derived = Derived() } }
  /// Invocations that planned jobs, in the order they ran.
  public var batches: [ManifestBatch] { didSet { derived = Derived() } }
  /// Jobs sorted by index.
  public var jobs: [ManifestJob] { didSet { derived = Derived() } }

  /// The id and file text, computed on first use and shared by copies of this value.
  private var derived = Derived()

  public static func == (a: Manifest, b: Manifest) -> Bool {
    a.spec == b.spec && a.batches == b.batches && a.jobs == b.jobs
  }

  /// A manifest as given; jobs are sorted by index.
  public init(spec: ManifestSpec, batches: [ManifestBatch], jobs: [ManifestJob]) {
    self.spec = spec
    self.batches = batches
    self.jobs = jobs.sorted { $0.index < $1.index }
  }

  /// The request id `batch` was planned under: its own record, or for a batch written before
  /// batches recorded one, the spec's legacy `request_id`.
  public func requestID(of batch: ManifestBatch) -> String? {
    batch.recordsRequestID ? batch.requestID : (spec.legacyRequestID ?? nil)
  }

  /// The request id of the first batch that planned job `index` (the batch whose job is
  /// recorded), or nil when none names one.
  public func requestID(forIndex index: Int) -> String? {
    if spec.sweep != nil { return sweepRequestID(forIndex: index) }
    guard let batch = batches.first(where: { $0.indices?.contains(index) ?? false }) else { return spec.legacyRequestID ?? nil }
    return requestID(of: batch)
  }

  /// True when `batch` repeats a recorded invocation (same indices asked for, same request id),
  /// so recording it again would change nothing.
  public func records(_ batch: ManifestBatch) -> Bool {
    batches.contains {
      $0.startIndex == batch.startIndex && $0.count == batch.count && $0.maxJobs == batch.maxJobs && requestID(of: $0) == batch.requestID
    }
  }

  /// The digits of the widest index in the jobs' `out` names (`image-0007.png`: 4), or nil when
  /// there are no jobs: the width a new batch pads to when its indices fit.
  public var indexWidth: Int? {
    let prefix = spec.prefix.count + 1, suffix = spec.ext.count + 1
    return jobs.map { max(0, $0.out.count - prefix - suffix) }.max()
  }

  /// Every member except `manifest_id`: what the id hashes.
  public var body: JSONValue {
    .object([
      "schema": .string(Manifest.schema),
      "spec": spec.json,
      "batches": .array(batches.map(\.json)),
      "jobs": .array(jobs.map(\.json)),
    ])
  }

  /// `sha256:<hex>` of the canonical body (computed once per value).
  public var manifestID: String { derived.value(\.id) { Manifest.id(ofBody: body) } }

  /// The id of a manifest body (the document without `manifest_id`).
  public static func id(ofBody body: JSONValue) -> String {
    SHA256.hash(JSONWriter.canonical(body)).prefixed
  }

  /// The whole document, with `manifest_id`.
  public var json: JSONValue {
    guard case .object(var members) = body else { return body }
    members["manifest_id"] = .string(manifestID)
    return .object(members)
  }

  /// The file text: pretty, sorted, trailing newline (computed once per value).
  public var fileText: String { derived.value(\.fileText) { JSONWriter.pretty(json) } }

  /// Values derived from the members, filled in on first use. A class, so a value computed
  /// through one copy serves every copy; the lock makes that safe across threads.
  private final class Derived: @unchecked Sendable {
    private let lock = NSLock()
    fileprivate var id: String?
    fileprivate var fileText: String?

    func value(_ field: ReferenceWritableKeyPath<Derived, String?>, compute: () -> String) -> String {
      lock.lock()
      if let known = self[keyPath: field] {
        lock.unlock()
        return known
      }
      lock.unlock()
      let computed = compute()
      lock.lock()
      self[keyPath: field] = computed
      lock.unlock()
      return computed
    }
  }
}
