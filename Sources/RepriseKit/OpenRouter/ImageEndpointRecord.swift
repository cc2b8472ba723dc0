/// One provider endpoint of an Image API model, as
/// `GET /images/models/{author}/{slug}/endpoints` describes it.
package struct ImageEndpointRecord: Sendable, Equatable {
  /// `provider_name`, e.g. `Google AI Studio`.
  package let providerName: String?
  /// `provider_slug` (keys `provider.options`).
  package let providerSlug: String?
  /// `provider_tag`: what `provider.only` pins; nil when the endpoint cannot be pinned.
  package let providerTag: String?
  /// The fields this endpoint takes and their accepted values.
  package let supportedParameters: [String: ParameterDescriptor]
  /// `allowed_passthrough_parameters`.
  package let allowedPassthrough: [String]
  /// `pricing[]` lines as `billable/unit[/variant]` → USD.
  package let pricing: [String: Double]

  /// An endpoint as given.
  package init(
    providerName: String?, providerSlug: String?, providerTag: String?, supportedParameters: [String: ParameterDescriptor], allowedPassthrough: [String] = [],
    pricing: [String: Double] = [:]
  ) {
    self.providerName = providerName
    self.providerSlug = providerSlug
    self.providerTag = providerTag
    self.supportedParameters = supportedParameters
    self.allowedPassthrough = allowedPassthrough
    self.pricing = pricing
  }

  /// Reads one element of `endpoints[]`, or the cache form.
  package init(_ value: JSONValue) {
    providerName = value["provider_name"]?.stringValue
    providerSlug = value["provider_slug"]?.stringValue
    providerTag = value["provider_tag"]?.stringValue
    supportedParameters = ImageEndpointRecord.parameters(value["supported_parameters"])
    allowedPassthrough = value["allowed_passthrough_parameters"]?.arrayValue?.compactMap(\.stringValue) ?? []
    var pricing: [String: Double] = [:]
    if let lines = value["pricing"]?.arrayValue {
      for line in lines {
        guard let billable = line["billable"]?.stringValue, let cost = line["cost_usd"]?.doubleValue else { continue }
        let key = [billable, line["unit"]?.stringValue ?? "unit", line["variant"]?.stringValue].compactMap { $0 }.joined(separator: "/")
        pricing[key] = cost
      }
    } else if let object = value["pricing"]?.objectValue {
      for (key, cost) in object { if let d = cost.doubleValue { pricing[key] = d } }
    }
    self.pricing = pricing
  }

  /// Reads a `supported_parameters` map.
  package static func parameters(_ value: JSONValue?) -> [String: ParameterDescriptor] {
    var result: [String: ParameterDescriptor] = [:]
    for (key, descriptor) in value?.objectValue ?? [:] { result[key] = ParameterDescriptor(descriptor) }
    return result
  }

  /// Whether `name` (from `--provider`) names this endpoint: its tag, slug or name, case-insensitively.
  package func matches(_ name: String) -> Bool {
    let wanted = name.lowercased()
    return [providerTag, providerSlug, providerName].contains { $0?.lowercased() == wanted }
  }

  /// The cache form (pricing as `{key: usd}`).
  package var json: JSONValue {
    .object([
      "provider_name": .optional(providerName), "provider_slug": .optional(providerSlug), "provider_tag": .optional(providerTag),
      "supported_parameters": .object(supportedParameters.mapValues(\.json)), "allowed_passthrough_parameters": .strings(allowedPassthrough),
      "pricing": .object(pricing.mapValues { .double($0) }),
    ])
  }
}
