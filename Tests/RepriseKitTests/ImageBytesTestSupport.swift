@testable import RepriseKit

extension ResponseBlob {
  /// The decoded bytes read back from the blob's file.
  var bytes: [UInt8] { (try? image.contents()) ?? [] }
}
