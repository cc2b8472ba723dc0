import Foundation

/// Writes a response's images: the last one at the job's output path, earlier ones (previews)
/// beside it as `<stem>-preview-<k>.<ext>`. Bytes are sniffed, so JPEG bytes never land in a
/// `.png`; every file is written atomically and nothing existing is overwritten unless allowed.
/// Images stream from where they were decoded to their temporary, hashed as they are written.
package enum ImageOutputWriter {
  /// The path with its extension replaced to match `format` when it does not already.
  package static func correctedPath(_ path: String, for format: ImageFormat) -> (String, Bool) {
    let ext = (path as NSString).pathExtension
    if ImageFormat(fileExtension: ext) == format { return (path, false) }
    let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    return (stem + "." + format.fileExtension, true)
  }

  /// Plans the files for a response's images: previews first as `<stem>-preview-<k>.<ext>`, the
  /// output last at `out`; extensions follow the bytes. Used by `generate` and by queue workers.
  /// Reads nothing: sniffing, the PNG layout and the provider's sha256 were taken as the bytes arrived.
  /// - Throws: `JobError` `invalid_image` (bytes that are no image) or `no_image`.
  package static func plan(_ images: [ImageBytes], out: String, provenance: JSONValue?, embed: Bool) throws(JobError) -> [PlannedImage] {
    guard !images.isEmpty else { throw JobError(status: 200, code: "no_image", message: "model returned no image") }
    var planned: [PlannedImage] = []
    let ext = (out as NSString).pathExtension
    let stem = ext.isEmpty ? out : String(out.dropLast(ext.count + 1))
    for (n, image) in images.enumerated() {
      guard let info = ImageInfo.sniff(image.head) else {
        throw JobError(status: 200, code: "invalid_image", message: "response image \(n + 1) is not a PNG, JPEG, WebP or GIF (\(image.count) bytes)")
      }
      let wanted = n == images.count - 1 ? out : "\(stem)-preview-\(n + 1).\(ext.isEmpty ? info.format.fileExtension : ext)"
      let (path, corrected) = correctedPath(wanted, for: info.format)
      let file =
        provenance.map { ImageProvenance.annotate(image, record: $0, embed: embed) }
        ?? ImageProvenance.Annotated(unchanged: image, placement: .sidecar, reason: nil)
      planned.append(PlannedImage(path: path, file: file, info: info, corrected: corrected, providerSHA256: image.sha256))
    }
    return planned
  }

  /// Writes the images (each atomically).
  /// - Parameters:
  ///   - images: decoded images in response order.
  ///   - out: the requested output path (as given, relative to `currentDirectory` if relative).
  ///   - overwrite: replace existing files.
  ///   - provenance: the record to embed (PNG) or write beside the image; nil for none.
  ///   - embed: false for `--no-embed` (sidecar only).
  /// - Returns: the saved images, the job's output last.
  /// - Throws: `RepriseError` (.failure) when bytes are not an image, a destination exists, or a write fails.
  package static func save(_ images: [ImageBytes], to out: String, currentDirectory: String, overwrite: Bool, provenance: JSONValue? = nil, embed: Bool = true)
    throws(RepriseError) -> [SavedImage]
  {
    let planned: [PlannedImage]
    do { planned = try plan(images, out: out, provenance: provenance, embed: embed) } catch { throw RepriseError(.failure, error.message) }
    if !overwrite {
      for item in planned where FileSystem.entryKind(PathMath.absolute(item.path, base: currentDirectory)) != .missing {
        throw RepriseError(.failure, "output '\(item.path)' already exists: reprise never overwrites an image silently (pass --overwrite to replace it)")
      }
    }
    var saved: [SavedImage] = []
    for item in planned {
      let absolute = PathMath.absolute(item.path, base: currentDirectory)
      do throws(FileSystem.Failure) {
        try FileSystem.makeDirectories((absolute as NSString).deletingLastPathComponent)
        if FileSystem.entryKind(absolute) == .symlink { throw FileSystem.Failure("is a symbolic link; reprise does not write through links") }
        // A sidecar goes with an unchanged image, whose sha256 is the provider's: known before writing.
        if let provenance, item.file.placement == .sidecar {
          let sidecar = ImageProvenance.sidecar(
            record: provenance, imageSHA256: item.file.source.sha256, providerSHA256: item.providerSHA256, reason: item.file.reason)
          try FileSystem.writeAtomically(JSONWriter.pretty(sidecar), to: ImageProvenance.sidecarPath(for: absolute))
        }
        let (temporary, digest) = try TemporaryFile.written(item.file, beside: absolute, tag: nil)
        do throws(FileSystem.Failure) { try temporary.place(at: absolute, replacing: true) } catch {
          temporary.discard()
          throw error
        }
        saved.append(item.saved(sha256: digest))
      } catch {
        throw RepriseError(.failure, "cannot write '\(item.path)': \(error.reason)")
      }
    }
    return saved
  }
}
