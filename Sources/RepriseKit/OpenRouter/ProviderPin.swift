/// `--provider NAME[,NAME]`: the request's `provider: {"only": [...], "allow_fallbacks": false}`,
/// so the batch (and its reruns) are served by the named providers or fail.
public struct ProviderPin: Sendable, Equatable {
  /// Provider slugs or tags, in the order given.
  public let only: [String]

  /// A pin as given.
  public init(only: [String]) { self.only = only }

  /// Parses `--provider`: comma-separated names of 1-64 of `A-Z a-z 0-9 . _ / -`, no duplicates.
  public static func parse(_ text: String) throws(RepriseError) -> ProviderPin {
    let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-".unicodeScalars)
    for name in names where name.isEmpty || name.unicodeScalars.count > 64 || !name.unicodeScalars.allSatisfy({ allowed.contains($0) }) {
      throw .usage("--provider '\(text)' is not accepted: use NAME[,NAME], provider slugs of 1-64 of A-Z a-z 0-9 . _ / - (e.g. google-ai-studio)")
    }
    guard Set(names.map { $0.lowercased() }).count == names.count else { throw .usage("--provider '\(text)' names a provider twice") }
    return ProviderPin(only: names)
  }

  /// The request member (and the manifest form).
  public var json: JSONValue { .object(["only": .strings(only), "allow_fallbacks": .bool(false)]) }

  /// Reads the manifest form.
  init(reading r: JSONObjectReader) throws(JSONFieldError) {
    only = try r.strings("only")
  }
}
