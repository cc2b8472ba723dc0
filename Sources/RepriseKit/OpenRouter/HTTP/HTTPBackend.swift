import Foundation

/// Which HTTP implementation `HTTPExchange` uses. On Linux the default is `curl` (libcurl driven
/// from one thread; see `CurlMulti`), because FoundationNetworking's URLSession spins a core while a
/// request waits for its response; elsewhere, or when libcurl cannot be loaded, `urlsession`.
/// `REPRISE_HTTP=urlsession|curl` overrides the default (a troubleshooting switch).
package enum HTTPBackend: String, Sendable, CaseIterable {
  /// Foundation's URLSession, a new session per request.
  case urlsession
  /// libcurl, loaded at run time, one multi handle and thread for the process.
  case curl

  /// The backend of this process: `REPRISE_HTTP` if set and usable, else the platform default.
  package static var selected: HTTPBackend { selection.backend }

  /// One line saying which backend is used and why, for debug output (`OPENROUTER_DEBUG`).
  package static var selectionNote: String { selection.note }

  /// Whether this backend can be used in this process (libcurl loaded, for `curl`).
  package var isAvailable: Bool {
    switch self {
    case .urlsession: return true
    case .curl: return (try? CurlMulti.shared.get()) != nil
    }
  }

  /// `requested` when it is available, else URLSession.
  static func resolve(_ requested: HTTPBackend) -> HTTPBackend {
    requested.isAvailable ? requested : .urlsession
  }

  private static let selection: (backend: HTTPBackend, note: String) = choose(ProcessInfo.processInfo.environment["REPRISE_HTTP"])

  /// The backend for a `REPRISE_HTTP` value (nil when unset) and the note explaining it.
  static func choose(_ value: String?) -> (backend: HTTPBackend, note: String) {
    let text = value?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
    var reason = ""
    var wanted = HTTPBackend.curl
    if let named = HTTPBackend(rawValue: text) {
      wanted = named
      reason = "REPRISE_HTTP=\(text)"
    } else if !text.isEmpty {
      reason = "REPRISE_HTTP '\(value ?? "")' is not urlsession or curl; default"
    }
    switch (wanted, CurlMulti.shared) {
    case (.urlsession, _):
      return (.urlsession, "http transport urlsession (\(reason))")
    case (.curl, .success):
      let version = (try? CurlLibrary.shared.get())?.versionName ?? "libcurl"
      return (.curl, "http transport curl (\(version)\(reason.isEmpty ? "" : ", " + reason))")
    case (.curl, .failure(let failure)):
      return (.urlsession, "http transport urlsession (libcurl unavailable: \(failure.message)\(reason.isEmpty ? "" : "; " + reason))")
    }
  }
}
