import Foundation

/// A short, plain reason for any error, for one-line messages: the POSIX text (`strerror`) behind
/// a Foundation error instead of its `NSCocoaErrorDomain error 512`-style description.
package enum PlainReason {
  /// The reason `error` happened, in words a user can act on.
  package static func of(_ error: any Error) -> String {
    if let error = error as? RepriseError { return error.message }
    if let error = error as? FileSystem.Failure { return error.reason }
    let ns = error as NSError
    if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
      return Platform.errorMessage(Int32(underlying.code))
    }
    if ns.domain == NSPOSIXErrorDomain { return Platform.errorMessage(Int32(ns.code)) }
    if ns.domain == NSCocoaErrorDomain {
      switch CocoaError.Code(rawValue: ns.code) {
      case .fileNoSuchFile, .fileReadNoSuchFile: return Platform.errorMessage(ENOENT)
      case .fileReadNoPermission, .fileWriteNoPermission: return Platform.errorMessage(EACCES)
      case .fileWriteOutOfSpace: return Platform.errorMessage(ENOSPC)
      case .fileWriteVolumeReadOnly: return Platform.errorMessage(EROFS)
      case .fileWriteFileExists: return Platform.errorMessage(EEXIST)
      case .fileReadTooLarge: return Platform.errorMessage(EFBIG)
      case .fileReadCorruptFile, .fileReadInapplicableStringEncoding: return "the file's contents could not be read"
      default: return ns.code >= 512 && ns.code < 1024 ? "the file could not be written" : "the file could not be read"
      }
    }
    // Other Foundation errors (e.g. URL loading) describe themselves in words; Swift errors print
    // their own description.
    if type(of: error) is NSError.Type { return ns.localizedDescription }
    return "\(error)"
  }
}
