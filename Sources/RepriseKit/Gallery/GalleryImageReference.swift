/// How a gallery shows one image: a data URL or a relative path for `src`, a relative path to
/// open the full image (never for embedded images), or why there is no image.
package struct GalleryImageReference: Sendable, Equatable {
  /// The `src` value (percent-encoded relative path or `data:` URL), or nil when unavailable.
  package let src: String?
  /// A relative path for a link to the full-size file, or nil (embedded or unavailable).
  package let link: String?
  /// Why there is no image, when `src` is nil.
  package let problem: String?

  /// A reference as given.
  package init(src: String?, link: String?, problem: String?) {
    self.src = src
    self.link = link
    self.problem = problem
  }

  /// No image, because of `problem`.
  package static func unavailable(_ problem: String) -> GalleryImageReference {
    GalleryImageReference(src: nil, link: nil, problem: problem)
  }
}
