import Foundation

/// The image an iteration starts from, found through its record and checked against it: the
/// parent manifest, the job, the job's succeeded result in `<manifest folder>/imagegen-queue`,
/// and an image whose sha256 is the one that result recorded (a changed image is refused).
package struct IterationSource: Sendable {
  /// The parent manifest (absolute path).
  package let manifestPath: String
  /// The parent manifest as shown to the user (relative to the current folder when inside it).
  package let manifestName: String
  /// The parent manifest.
  package let manifest: Manifest
  /// Its stored `manifest_id`.
  package let manifestID: String
  /// The parent job.
  package let job: ManifestJob
  /// The image that becomes the baseline (absolute path).
  package let imagePath: String
  /// The image as shown to the user.
  package let imageName: String
  /// Its hex sha256 (the recorded output's).
  package let sha256: String

  /// What the new spec records as `parent`.
  package var parent: IterationParent { IterationParent(manifestID: manifestID, jobID: job.jobID, index: job.index, sha256: sha256) }

  /// How many folders above the image are searched for its manifest.
  static let searchDepth = 8

  /// From an image reprise made: its embedded record (or sidecar) names the manifest id, job
  /// and index; the manifest is `manifest` when given, else the first `*-manifest.json` in the
  /// image's folder or its parents (up to 8 levels) that has that job (one whose `manifest_id` is
  /// still the record's first: a batch merged later changes the id, not the job).
  /// - Throws: `RepriseError` (exit 2) for an unreadable image, one without a record, no manifest
  ///   with the job, no succeeded result for it, or an image that is not the recorded output.
  package static func fromImage(_ image: String, manifest: String?, currentDirectory: String) throws(RepriseError) -> IterationSource {
    let absolute = PathMath.absolute(image, base: currentDirectory)
    guard FileSystem.entryKind(absolute) == .file else { throw .badInput("image '\(image)' is not a file") }
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(absolute, limit: 512 * 1_048_576) } catch {
      throw .badInput("image '\(image)' cannot be read: \(error.reason)")
    }
    let found = ImageInspector.inspect(bytes, path: absolute)
    guard let record = found.reprise, let recordedID = record["manifest_id"]?.stringValue, let index = record["index"]?.intValue.map({ Int($0) }),
      let jobID = record["job_id"]?.stringValue
    else {
      throw .badInput("image '\(image)' carries no reprise record with a manifest id, job and index (made by 'reprise generate', or metadata stripped?)")
    }
    let located: (path: String, name: String, document: ManifestDocument)
    if let manifest {
      let path = PathMath.absolute(manifest, base: currentDirectory)
      let document = try loadUnedited(path: path, name: manifest)
      guard document.manifest.jobs.contains(where: { $0.index == index && $0.jobID == jobID }) else {
        throw .badInput("--manifest '\(manifest)' has no job \(jobID) at index \(index), which made '\(image)'")
      }
      located = (path, manifest, document)
    } else {
      guard let hit = search(from: (absolute as NSString).deletingLastPathComponent, manifestID: recordedID, jobID: jobID, index: index) else {
        throw .badInput("no manifest with job \(jobID) (from \(recordedID)) in the folder of '\(image)' or its parents: pass --manifest FILE")
      }
      let name = shown(hit.path, currentDirectory: currentDirectory)
      located = (hit.path, name, try loadUnedited(path: hit.path, name: name))
    }
    let job = located.document.manifest.jobs.first { $0.index == index && $0.jobID == jobID }!
    let output = try succeededOutput(of: job, manifestPath: located.path, manifestName: located.name)
    let sha = found.sha256
    guard sha == output.sha256 || sha == output.providerSHA256 else {
      throw changed("image '\(image)'", job: job, sha: sha, recorded: output.sha256)
    }
    return IterationSource(
      manifestPath: located.path, manifestName: located.name, manifest: located.document.manifest, manifestID: located.document.storedID, job: job,
      imagePath: absolute, imageName: image, sha256: sha)
  }

  /// From a manifest and a job index: the job's recorded output is the image.
  /// - Throws: `RepriseError` (exit 2) for an unreadable or edited manifest, an index it does not
  ///   have, no succeeded result, or an output that is missing or no longer the recorded bytes.
  package static func fromManifest(_ manifest: String, index: Int, currentDirectory: String) throws(RepriseError) -> IterationSource {
    let path = PathMath.absolute(manifest, base: currentDirectory)
    let document = try loadUnedited(path: path, name: manifest)
    guard let job = document.manifest.jobs.first(where: { $0.index == index }) else {
      let indices = IndexRanges.text(document.manifest.jobs.map(\.index).sorted())
      throw .badInput("manifest '\(manifest)' has no job at index \(index) (it has \(indices.isEmpty ? "none" : indices))")
    }
    let output = try succeededOutput(of: job, manifestPath: path, manifestName: manifest)
    let folder = (path as NSString).deletingLastPathComponent
    let imagePath = PathMath.absolute(output.path, base: folder)
    let imageName = (((manifest as NSString).deletingLastPathComponent) as NSString).appendingPathComponent(PathMath.relative(from: folder, to: imagePath))
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(imagePath, limit: 512 * 1_048_576) } catch {
      throw .badInput("output '\(imageName)' of \(job.jobID) cannot be read: \(error.reason)")
    }
    let sha = SHA256.hash(bytes).hexString
    guard sha == output.sha256 else {
      throw changed("output '\(imageName)'", job: job, sha: sha, recorded: output.sha256)
    }
    return IterationSource(
      manifestPath: path, manifestName: manifest, manifest: document.manifest, manifestID: document.storedID, job: job, imagePath: imagePath,
      imageName: imageName, sha256: sha)
  }

  /// The one line for an image that is not the output its job recorded.
  private static func changed(_ what: String, job: ManifestJob, sha: String, recorded: String) -> RepriseError {
    .badInput("\(what) changed since \(job.jobID) wrote it (sha256 \(sha.prefix(12)) vs recorded \(recorded.prefix(12))): iterate from an unchanged output")
  }

  /// A manifest that reprise wrote as it is (an edited one is refused: its spec cannot be trusted).
  private static func loadUnedited(path: String, name: String) throws(RepriseError) -> ManifestDocument {
    let document = try ManifestDocument.load(path: path, name: name)
    guard document.idMatches else {
      throw .badInput("manifest '\(name)' was edited (its manifest_id no longer matches its contents): refusing to iterate from it")
    }
    return document
  }

  /// The job's succeeded output, from `<manifest folder>/imagegen-queue/results`.
  private static func succeededOutput(of job: ManifestJob, manifestPath: String, manifestName: String) throws(RepriseError) -> SavedImage {
    let folder = (manifestPath as NSString).deletingLastPathComponent
    let queue = (folder as NSString).appendingPathComponent("imagegen-queue")
    let shownQueue = ((manifestName as NSString).deletingLastPathComponent as NSString).appendingPathComponent("imagegen-queue")
    guard let record = QueueStore(layout: QueueLayout(root: queue)).result(of: job.jobID), record.status == .succeeded, let output = record.output else {
      throw .badInput("job \(job.jobID) of '\(manifestName)' has no succeeded result in '\(shownQueue)': only a recorded output can be iterated from")
    }
    return output
  }

  /// The first manifest (folder by folder upwards, names sorted) holding the job; one whose stored
  /// id is still `manifestID` wins within a folder.
  private static func search(from start: String, manifestID: String, jobID: String, index: Int) -> (path: String, id: String)? {
    var folder = start
    for _ in 0..<searchDepth {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix("-manifest.json") }.sorted()
      var hits: [(path: String, id: String)] = []
      for name in names {
        let path = (folder as NSString).appendingPathComponent(name)
        guard FileSystem.entryKind(path) == .file, let document = try? ManifestDocument.load(path: path) else { continue }
        if document.manifest.jobs.contains(where: { $0.index == index && $0.jobID == jobID }) { hits.append((path, document.storedID)) }
      }
      if let hit = hits.first(where: { $0.id == manifestID }) ?? hits.first { return hit }
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder || parent.isEmpty { break }
      folder = parent
    }
    return nil
  }

  /// `path` relative to the current folder when inside it, else absolute.
  static func shown(_ path: String, currentDirectory: String) -> String {
    let base = PathMath.absolute(".", base: currentDirectory)
    return PathMath.isInside(path, folder: base) && path != base ? PathMath.relative(from: base, to: path) : path
  }
}
