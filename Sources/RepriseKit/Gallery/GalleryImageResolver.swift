import Foundation

/// Turns image files into references for a gallery page: paths relative to the page's folder
/// (percent-encoded), or `data:` URLs with `embed` so the page stands alone.
package struct GalleryImageResolver: Sendable {
  /// Largest image inlined with `embed`.
  package static let embedLimit = 64 * 1_048_576

  /// The folder the HTML file is written to (absolute).
  package let htmlFolder: String
  /// Inline images as data URLs.
  package let embed: Bool

  /// A resolver for a page in `htmlFolder` (absolute).
  package init(htmlFolder: String, embed: Bool) {
    self.htmlFolder = htmlFolder
    self.embed = embed
  }

  /// The reference for the image at absolute `path`.
  package func reference(forImageAt path: String) -> GalleryImageReference {
    switch FileSystem.entryKind(path) {
    case .file: break
    case .missing: return .unavailable("image file is missing")
    default: return .unavailable("image path is not a regular file")
    }
    guard embed else {
      let relative = PathMath.relative(from: htmlFolder, to: PathMath.absolute(path, base: htmlFolder))
      let encoded = HTMLEscaping.percentEncodedPath(relative)
      return GalleryImageReference(src: encoded, link: encoded, problem: nil)
    }
    let bytes: [UInt8]
    do {
      bytes = try FileSystem.readFile(path, limit: GalleryImageResolver.embedLimit)
    } catch {
      return .unavailable("image cannot be read: \(error.reason)")
    }
    guard let info = ImageInfo.sniff(bytes) else { return .unavailable("file is not a PNG, JPEG, WebP or GIF image") }
    return GalleryImageReference(src: "data:\(info.format.mediaType);base64," + Data(bytes).base64EncodedString(), link: nil, problem: nil)
  }
}
