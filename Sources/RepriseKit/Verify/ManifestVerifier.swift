import Foundation

/// Checks a manifest and everything it produced: the manifest id, a local baseline's digest, and
/// each job's output against its result record (present, same sha256, embedded record matching).
public enum ManifestVerifier {
  /// One finding.
  public struct Finding: Sendable {
    /// `ok`, `missing`, `changed`, `metadata_mismatch`, `baseline_changed`, `baseline_missing`,
    /// `not_run` or `failed`.
    public let status: String
    /// The job id, or `baseline`.
    public let subject: String
    /// A one-line explanation.
    public let detail: String

    /// True for statuses that mean drift (exit 1).
    public var isDrift: Bool { ["missing", "changed", "metadata_mismatch", "baseline_changed", "baseline_missing"].contains(status) }

    /// The `--json` form.
    public var json: JSONValue { .object(["status": .string(status), "subject": .string(subject), "detail": .string(detail)]) }
  }

  /// Verifies. Throws (exit 2) when the manifest is unreadable or was edited.
  package static func verify(_ document: ManifestDocument, manifestPath: String, name: String, store: QueueStore) throws(RepriseError) -> [Finding] {
    guard document.idMatches else {
      throw .badInput("manifest '\(name)' was edited: its manifest_id is \(document.storedID) but its contents hash to \(document.computedID)")
    }
    var findings: [Finding] = []
    let manifest = document.manifest
    if let baseline = manifest.spec.baseline, case .file(let relative, _) = baseline.location {
      let path = PathMath.absolute(relative, base: (manifestPath as NSString).deletingLastPathComponent)
      if let bytes = try? FileSystem.readFile(path, noFollow: true) {
        let digest = SHA256.hash(bytes).hexString
        findings.append(digest == baseline.sha256
          ? Finding(status: "ok", subject: "baseline", detail: "\(relative) sha256 \(digest.prefix(12))")
            : Finding(
              status: "baseline_changed", subject: "baseline", detail: "\(relative) sha256 was \(baseline.sha256?.prefix(12) ?? "?"), now \(digest.prefix(12))")
        )
      } else {
        findings.append(Finding(status: "baseline_missing", subject: "baseline", detail: "\(relative) is missing or unreadable"))
      }
    }
    for job in manifest.jobs {
      guard let result = store.succeededResult(of: job.jobID) else {
        if let failure = store.failureRecord(of: job.jobID) {
          findings.append(Finding(status: "failed", subject: job.jobID, detail: failure.error?.message ?? "failed"))
        } else {
          findings.append(Finding(status: "not_run", subject: job.jobID, detail: "no result record"))
        }
        continue
      }
      for image in result.images {
        let path = image.path, sha = image.sha256
        guard let bytes = try? FileSystem.readFile(path, noFollow: true) else {
          findings.append(Finding(status: "missing", subject: job.jobID, detail: "\(path) is missing"))
          continue
        }
        let digest = SHA256.hash(bytes).hexString
        guard digest == sha else {
          findings.append(Finding(status: "changed", subject: job.jobID, detail: "\(path) sha256 was \(sha.prefix(12)), now \(digest.prefix(12))"))
          continue
        }
        if image.metadata == .embedded {
          let found = ImageInspector.inspect(bytes, path: path)
          // Under --enforce-locks the output carries the request of the attempt kept, which its result records.
          let sent = result.lockEnforcement?.kept?.requestSHA256 ?? job.requestSHA256
          if found.reprise?["job_id"]?.stringValue != job.jobID || found.reprise?["request_sha256"]?.stringValue != sent {
            findings.append(Finding(status: "metadata_mismatch", subject: job.jobID, detail: "\(path) does not carry this job's embedded record"))
            continue
          }
        }
        // The output (the last image) also says whether it kept its planned locks.
        let verdicts = path == result.out ? MeasureSummary.suffix(result.measures) : ""
        findings.append(Finding(status: "ok", subject: job.jobID, detail: "\(path) sha256 \(digest.prefix(12))\(verdicts)"))
      }
    }
    return findings
  }
}
