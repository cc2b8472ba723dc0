/// The cross-member rules a `manifest_id` cannot vouch for (anyone can recompute one): one job
/// per index, job ids and output names never shared, and every name following the naming rule
/// `<prefix>-<zero-padded index>.<ext>` (`job_id`: `<prefix>-<zero-padded index>-<8 hex>`, the
/// same padding). Every reader checks them, through `ManifestDocument`.
package enum ManifestIntegrity {
  /// The first broken rule as a one-line reason, or nil when the manifest keeps them all.
  package static func firstProblem(in manifest: Manifest) -> String? {
    let prefix = manifest.spec.prefix
    let ext = manifest.spec.ext
    var indices: Set<Int> = []
    var jobIDs: Set<String> = []
    var outs: [String: Int] = [:]
    for job in manifest.jobs {
      let at = "jobs[index=\(job.index)]"
      guard job.index >= 0 else { return "\(at) has a negative index" }
      guard indices.insert(job.index).inserted else { return "index \(job.index) appears twice in jobs (one job per index)" }
      guard jobIDs.insert(job.jobID).inserted else { return "job_id '\(job.jobID)' appears twice in jobs (each job has its own)" }
      if let other = outs.updateValue(job.index, forKey: job.out) {
        return "jobs[index=\(other)] and \(at) both write out '\(job.out)' (each job has its own output)"
      }
      let expected = "\(prefix)-<index \(job.index) zero-padded>.\(ext)"
      guard job.out.hasPrefix(prefix + "-"), job.out.hasSuffix("." + ext) else {
        return "\(at).out '\(job.out)' does not follow the naming rule \(expected)"
      }
      let digits = job.out.dropFirst(prefix.count + 1).dropLast(ext.count + 1)
      guard isPadded(digits, index: job.index) else {
        return "\(at).out '\(job.out)' does not follow the naming rule \(expected)"
      }
      let idPrefix = "\(prefix)-\(digits)-"
      let hash = job.jobID.dropFirst(idPrefix.count)
      guard job.jobID.hasPrefix(idPrefix), hash.count == 8, hash.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
        return "\(at).job_id '\(job.jobID)' does not follow the naming rule \(idPrefix)<first 8 hex of request_sha256>"
      }
    }
    return SweepIntegrity.firstProblem(in: manifest)
  }

  /// True when `digits` is `index` in decimal, zero-padded to any width.
  static func isPadded(_ digits: Substring, index: Int) -> Bool {
    let plain = String(index)
    guard digits.count >= plain.count, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
    return digits.dropFirst(digits.count - plain.count) == Substring(plain) && digits.dropLast(plain.count).allSatisfy { $0 == "0" }
  }
}
