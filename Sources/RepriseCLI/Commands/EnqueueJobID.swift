import Foundation
import RepriseKit

/// The job id `reprise enqueue` gives a job: `<file stem>-<8 hex>`, the hex being the first 8 of
/// the SHA-256 of the request hash and the absolute output path. The same request for the same
/// file is one job; any other folder, name or extension is another job.
enum EnqueueJobID {
  /// The id for a request (`requestSHA256`) written to `outAbsolute`.
  static func make(requestSHA256: String, outAbsolute: String) -> String {
    let name = (outAbsolute as NSString).lastPathComponent
    let ext = (name as NSString).pathExtension
    let stem = String(name.dropLast(ext.isEmpty ? 0 : ext.count + 1)).filter { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    let identity = SHA256.hash(Array((requestSHA256 + "\n" + outAbsolute).utf8)).hexString
    return "\(stem.isEmpty ? "image" : String(stem.prefix(100)))-\(identity.prefix(8))"
  }
}
