import Foundation

/// Rebuilds every request of a manifest from the manifest alone (no current defaults), after
/// checking the manifest was not edited and a local baseline did not change.
package enum RerunPlanner {
  /// Checks and rebuilds.
  /// - Parameters:
  ///   - document: the manifest as read.
  ///   - manifestPath: its path, to find a local baseline relative to it and for messages.
  ///   - only: restrict to these indices (nil: all jobs).
  /// - Throws: `RepriseError` (exit 2) for an edited manifest or a missing/changed baseline.
  ///   - allowBaselineChange: use a changed local baseline as it is now (its requests then differ).
  package static func rebuild(_ document: ManifestDocument, manifestPath: String, only: Set<Int>? = nil, allowBaselineChange: Bool = false) throws(RepriseError)
    -> [RequestCheck]
  {
    guard document.idMatches else {
      throw .badInput("manifest '\(manifestPath)' was edited: its manifest_id is \(document.storedID) but its contents hash to \(document.computedID)")
    }
    let manifest = document.manifest
    let baselineURL = try baselineRequestURL(manifest.spec.baseline, manifestPath: manifestPath, allowChange: allowBaselineChange)
    var checks: [RequestCheck] = []
    for job in manifest.jobs where only?.contains(job.index) ?? true {
      let target = manifest.requestTarget(of: job)
      let body = RequestBuilder.bytes(
        model: target.model, parameters: target.request, prompt: job.prompt, seed: job.seed, baselineURL: baselineURL)
      checks.append(RequestCheck(index: job.index, jobID: job.jobID, recordedSHA256: job.requestSHA256, rebuiltSHA256: SHA256.hash(body).hexString, body: body))
    }
    return checks
  }

  /// The URL the requests carry for the recorded baseline, re-reading a local file and checking
  /// its digest.
  package static func baselineRequestURL(_ record: BaselineRecord?, manifestPath: String, allowChange: Bool = false) throws(RepriseError) -> String? {
    guard let record else { return nil }
    switch record.location {
    case .url(let url):
      return url
    case .file(let relative, _):
      guard !relative.hasPrefix("/") else {
        throw .badInput("manifest '\(manifestPath)' records an absolute baseline path '\(relative)': reprise writes paths relative to the manifest's folder")
      }
      let folder = (manifestPath as NSString).deletingLastPathComponent
      let path = folder.isEmpty ? relative : folder + "/" + relative
      if FileSystem.entryKind(path) == .symlink {
        throw .badInput("baseline '\(path)' recorded in the manifest is now a symbolic link: restore the original file")
      }
      let bytes: [UInt8]
      do {
        bytes = try FileSystem.readFile(path, noFollow: true)
      } catch {
        throw .badInput("baseline '\(path)' recorded in the manifest is missing or unreadable (\(error.reason)): restore it to rerun")
      }
      let digest = SHA256.hash(bytes).hexString
      guard digest == record.sha256 || allowChange else {
        throw .badInput(
          "baseline '\(path)' changed since the manifest was written: sha256 was \(record.sha256 ?? "?"), now \(digest) (pass --allow-baseline-change to "
            + "rerun with it)"
        )
      }
      let mediaType = (digest == record.sha256 ? record.mediaType : nil) ?? ImageInfo.sniff(bytes)?.format.mediaType ?? "image/png"
      return RequestBuilder.dataURL(mediaType: mediaType, bytes: bytes)
    }
  }
}
