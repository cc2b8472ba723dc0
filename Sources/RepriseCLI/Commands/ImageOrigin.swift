import Foundation
import RepriseKit

/// Finds the manifest and job an image came from, for `rerun --from-image`.
enum ImageOrigin {
  /// The manifest path (as shown to the user) and the job index.
  static func locate(image: String, manifest: String?, context: CommandContext) throws -> (String, Int) {
    let absolute = context.absolute(image)
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(absolute, limit: 512 * 1_048_576) } catch {
      throw RepriseError.badInput("--from-image '\(image)' cannot be read: \(error.reason)")
    }
    let found = ImageInspector.inspect(bytes, path: absolute)
    guard let record = found.reprise, let manifestID = record["manifest_id"]?.stringValue, let index = record["index"]?.intValue else {
      throw RepriseError.badInput(
        "--from-image '\(image)' carries no reprise record with a manifest id and index (made by 'reprise generate', or metadata stripped?)")
    }
    if let manifest {
      let document = try ManifestDocument.load(path: context.absolute(manifest), name: manifest)
      guard document.storedID == manifestID else {
        throw RepriseError.badInput("--manifest '\(manifest)' is \(document.storedID), but the image came from \(manifestID)")
      }
      return (manifest, Int(index))
    }
    var folder = (absolute as NSString).deletingLastPathComponent
    for _ in 0..<8 {
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix("-manifest.json") }.sorted()
      for name in names {
        let path = folder + "/" + name
        if let document = try? ManifestDocument.load(path: path), document.storedID == manifestID { return (path, Int(index)) }
      }
      let parent = (folder as NSString).deletingLastPathComponent
      if parent == folder || parent.isEmpty { break }
      folder = parent
    }
    throw RepriseError.badInput("no manifest with id \(manifestID) in the folder of '\(image)' or its parents: pass --manifest FILE")
  }
}
