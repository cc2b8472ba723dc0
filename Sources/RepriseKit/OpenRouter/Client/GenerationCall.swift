/// What one job's request came to after retries.
public struct GenerationCall: Sendable {
  /// The parsed response, or the last error.
  public let result: Result<GenerationResponse, OpenRouterError>
  /// Images downloaded or decoded, in response order (the last is the job's output). Large ones
  /// are in unlinked temporary files, never in memory whole.
  public let imageBytes: [ImageBytes]
  /// Attempts made (1 + retries).
  public let attempts: Int
  /// Wall time of the last attempt, in milliseconds.
  public let latencyMS: Int
  /// The provider JSON of the last response with base64 payloads replaced by digests, when asked for.
  public let redactedResponse: JSONValue?
}
