import Foundation

/// A total cost and, when any request ran on your own provider key (BYOK), its parts:
/// OpenRouter's fee (`usage.cost`) and the provider's charge (`upstream_inference_cost`).
package struct CostParts: Sendable, Equatable {
  /// USD in all (fee plus upstream).
  package var total = 0.0
  /// OpenRouter's part.
  package var openRouter = 0.0
  /// The provider's part billed to your key (BYOK).
  package var upstream = 0.0
  /// Records that ran with BYOK.
  package var byokJobs = 0

  /// The parts of these records' costs (results and failures).
  package init(_ records: [JobResult]) {
    for record in records { add(record) }
  }

  /// Adds one record's cost to the parts.
  package mutating func add(_ record: JobResult) {
    let cost = record.cost ?? 0
    total += cost
    openRouter += record.costOpenRouter ?? cost
    upstream += record.costUpstream ?? 0
    if record.byok == true { byokJobs += 1 }
  }

  /// `$0.0421`, or with BYOK `$0.0421 (OpenRouter $0.0021 + upstream $0.0400, BYOK)`.
  package var phrase: String {
    let money = { (v: Double) in "$" + String(format: "%.4f", v) }
    guard byokJobs > 0 else { return money(total) }
    return "\(money(total)) (OpenRouter \(money(openRouter)) + upstream \(money(upstream)), BYOK)"
  }

  /// The `--json` form: `{openrouter, upstream, byok_jobs}`, or nil without BYOK.
  package var json: JSONValue? {
    guard byokJobs > 0 else { return nil }
    let round = { (v: Double) in JSONValue.double((v * 1e9).rounded() / 1e9) }
    return .object(["openrouter": round(openRouter), "upstream": round(upstream), "byok_jobs": .int(Int64(byokJobs))])
  }
}
