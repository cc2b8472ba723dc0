extension CostEstimate {
  /// The estimate for `images` images of `model` from the cached model list, when the cache is
  /// for the configured base URL and lists the model; nil otherwise.
  package static func fromCache(model: String, images: Int, imageSize: String?, environment: [String: String]) -> CostEstimate? {
    let configuration = OpenRouterConfiguration(environment: environment)
    guard let entry = ModelCache(environment: environment).load(), entry.baseURL == configuration.baseURL,
      let listing = entry.models.first(where: { $0.id == model })
    else { return nil }
    return CostEstimate(listing: listing, images: images, imageSize: imageSize)
  }
}
