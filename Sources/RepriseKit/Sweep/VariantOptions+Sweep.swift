extension VariantOptions {
  /// The models a sweep plans with: its `model` axis's values, else `--model`.
  package var sweptModels: [String] {
    sweep.first { $0.axis == .model }?.values.compactMap(\.text) ?? [model]
  }

  /// Plans a sweep with discovery's record of each swept model where there is one; when any
  /// model has none, the built-in table is used for it and the spec records
  /// `capabilities_source: built-in`.
  package mutating func useDiscovery(_ outcomes: [(model: String, outcome: ModelDiscovery.Outcome)]) {
    let fellBack = outcomes.contains { $0.outcome.discovered == nil }
    var table = fellBack ? ModelCapabilities.builtIn : capabilityTable
    for (model, outcome) in outcomes {
      if let record = outcome.discovered { table = [ModelCapabilities.lookup(model, in: table).with(record)] + table }
    }
    capabilityTable = table
    capabilitiesSource = fellBack ? "built-in" : nil
  }
}
