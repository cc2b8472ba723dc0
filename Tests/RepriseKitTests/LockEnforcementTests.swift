import Foundation
import Testing

@testable import RepriseKit

/// The `--enforce-locks` rules that need no server: the next-seed rule and which attempt is kept.
@Suite struct LockEnforcementTests {
  @Test func theNextSeedIsThePlannedSeedPlusTheAttemptModulo2To31() {
    #expect(LockEnforcement.seed(planned: 5, attempt: 0) == 5)
    #expect(LockEnforcement.seed(planned: 5, attempt: 3) == 8)
    #expect(LockEnforcement.seed(planned: 2_147_483_647, attempt: 1) == 0)
    #expect(LockEnforcement.seed(planned: 2_147_483_646, attempt: 10) == 8)
  }

  static func attempt(_ n: Int, palette: (LockVerdict.State, Double)?, composition: (LockVerdict.State, Double)?, failed: Bool = false) -> LockAttempt {
    var verdicts: [LockVerdict] = []
    if let palette { verdicts.append(LockVerdict(lock: .palette, state: palette.0, value: palette.1, threshold: 10, against: "baseline")) }
    if let composition { verdicts.append(LockVerdict(lock: .composition, state: composition.0, value: composition.1, threshold: 0.8, against: "baseline")) }
    return LockAttempt(
      attempt: n, seed: Int64(n), requestSHA256: "r\(n)", providerSHA256: failed ? nil : "s\(n)", generationID: nil, cost: 0.01, verdicts: verdicts,
      note: nil, kept: false)
  }

  @Test func fewerBrokenLocksWinThenTheSmallerPaletteDistanceThenTheHigherSSIMThenTheEarlierAttempt() {
    let bothDrifted = Self.attempt(0, palette: (.drifted, 12), composition: (.drifted, 0.5))
    let oneDrifted = Self.attempt(1, palette: (.drifted, 30), composition: (.kept, 0.9))
    #expect(oneDrifted.isBetter(than: bothDrifted))
    #expect(!bothDrifted.isBetter(than: oneDrifted))
    let closer = Self.attempt(2, palette: (.drifted, 11), composition: (.drifted, 0.4))
    #expect(closer.isBetter(than: bothDrifted))
    let sameDistanceHigherSSIM = Self.attempt(3, palette: (.drifted, 12), composition: (.drifted, 0.6))
    #expect(sameDistanceHigherSSIM.isBetter(than: bothDrifted))
    let tie = Self.attempt(4, palette: (.drifted, 12), composition: (.drifted, 0.5))
    #expect(bothDrifted.isBetter(than: tie) && !tie.isBetter(than: bothDrifted))
    let failed = Self.attempt(5, palette: nil, composition: nil, failed: true)
    #expect(bothDrifted.isBetter(than: failed) && !failed.isBetter(than: bothDrifted))
  }

  @Test func theHistoryReadsBackAsWritten() throws {
    var kept = Self.attempt(1, palette: (.kept, 3.5), composition: nil)
    kept.kept = true
    let record = LockEnforcementRecord(retriesAllowed: 2, stopped: .kept, attempts: [Self.attempt(0, palette: (.drifted, 12.25), composition: nil), kept])
    #expect(record.json["kept_attempt"] == .int(1))
    #expect(LockEnforcementRecord(reading: record.json) == record)
    #expect(JSONWriter.pretty(record.json).contains("\"stopped\": \"kept\""))
  }
}
