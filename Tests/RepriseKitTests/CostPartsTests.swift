import Testing
@testable import RepriseKit

/// Totals that say which parts they hold when any job ran on the user's own provider key.
@Suite struct CostPartsTests {
  static func result(cost: Double, fee: Double?, upstream: Double?, byok: Bool?) -> JobResult {
    var result = JobResult(status: .succeeded, jobID: "j", out: "a.png")
    result.cost = cost
    result.costOpenRouter = fee
    result.costUpstream = upstream
    result.byok = byok
    return result
  }

  @Test func byokTotalsNameOpenRoutersFeeAndTheUpstreamCharge() {
    let parts = CostParts([
      Self.result(cost: 0.0221, fee: 0.0021, upstream: 0.02, byok: true), Self.result(cost: 0.02, fee: 0.0, upstream: 0.02, byok: true),
      Self.result(cost: 0.0, fee: nil, upstream: nil, byok: nil),
    ])
    #expect(parts.phrase == "$0.0421 (OpenRouter $0.0021 + upstream $0.0400, BYOK)")
    #expect(parts.json?["byok_jobs"] == .int(2))
  }

  @Test func withoutByokTheTotalStandsAlone() {
    let parts = CostParts([Self.result(cost: 0.039, fee: 0.039, upstream: nil, byok: false)])
    #expect(parts.phrase == "$0.0390")
    #expect(parts.json == nil)
  }

  @Test func rerunNamesAChangedServingProvider() {
    var row = RerunRow(index: 1, jobID: "j", rerunJobID: "j-rerun-1", verdict: .identical, earlierSHA256: "a", sha256: "a", out: nil, reason: nil)
    #expect(row.providerChange == "")
    row.provider = "Vertex"
    row.earlierProvider = "Google AI Studio"
    #expect(row.providerChange == "; served by Vertex, earlier by Google AI Studio")
    row.earlierProvider = "Vertex"
    #expect(row.providerChange == "")
  }
}
