/// Why a job failed: the `error` member of a `reprise.result/1` record.
public struct JobError: Sendable, Equatable, Error {
  /// The HTTP status, when the provider answered.
  public var status: Int?
  /// A short code: the provider's, or one of reprise's own (`output_exists`, `baseline_changed`,
  /// `request_mismatch`, `malformed_job`, `write_failed`, `invalid_image`, `no_image`, ...).
  public var code: String
  /// One line for people.
  public var message: String
  /// The provider's error type, when it gave one.
  public var errorType: String?
  /// True when trying again later may succeed.
  public var retryable: Bool

  /// An error as given.
  public init(status: Int? = nil, code: String, message: String, errorType: String? = nil, retryable: Bool = false) {
    self.status = status
    self.code = code
    self.message = message
    self.errorType = errorType
    self.retryable = retryable
  }

  /// The record form.
  public var json: JSONValue {
    .object([
      "status": .optional(status), "code": .string(code), "message": .string(message), "error_type": .optional(errorType), "retryable": .bool(retryable),
    ])
  }

  /// Reads the record form; missing members get neutral values (records of earlier versions).
  public init(reading value: JSONValue) {
    status = value["status"]?.intValue.map { Int($0) }
    code = value["code"]?.stringValue ?? "error"
    message = value["message"]?.stringValue ?? "failed"
    errorType = value["error_type"]?.stringValue
    retryable = value["retryable"]?.boolValue ?? false
  }
}
