import Foundation

/// A worker's baselines, decoded once each and kept by sha256 (every job of a batch shares one).
/// The first read checks the file's digest; later jobs rely on the check every job makes when it
/// rebuilds its request (a changed local baseline fails the job before anything is sent).
package final class BaselineFeatureCache: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: Result<ImageFeatures, MeasureFailure>] = [:]

  /// An empty cache.
  package init() {}

  /// The features of the baseline at `path` whose sha256 should be `sha256`; a file that is gone,
  /// changed or does not decode gives the reason.
  package func features(path: String, sha256: String) -> BaselineFeatures {
    lock.lock()
    let cached = entries[sha256]
    lock.unlock()
    if let cached { return BaselineFeatures(sha256: sha256, result: cached) }
    let result: Result<ImageFeatures, MeasureFailure>
    if let bytes = try? FileSystem.readFile(path, noFollow: true) {
      if SHA256.hash(bytes, engine: Platform.sha256Engine).hexString == sha256 {
        result = ImageMeasurer.decode(bytes)
      } else {
        return BaselineFeatures(sha256: sha256, result: .failure(MeasureFailure(message: "baseline changed since the job was queued", unsupported: false)))
      }
    } else {
      return BaselineFeatures(sha256: sha256, result: .failure(MeasureFailure(message: "baseline is missing or unreadable", unsupported: false)))
    }
    lock.lock()
    entries[sha256] = result
    lock.unlock()
    return BaselineFeatures(sha256: sha256, result: result)
  }
}
