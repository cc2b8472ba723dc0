import Foundation

/// A request's completion hook (`--on-complete CMD ARG...`): a program and its arguments, run once
/// without a shell when every job of the request has ended. Recorded as an argument vector in
/// `handoff/<request_id>.json` under `on_complete`, never as a shell string.
package struct CompletionHook: Sendable, Equatable {
  /// The command and its arguments exactly as given (`argv[0]` is what the user wrote).
  package let arguments: [String]
  /// `argv[0]` resolved at hand-off: an absolute path to an executable file.
  package let executable: String

  /// A hook whose program is already resolved.
  package init(arguments: [String], executable: String) {
    self.arguments = arguments
    self.executable = executable
  }

  /// Checks and resolves `arguments` the way a shell would find the program, without running a
  /// shell: a name containing `/` is taken relative to `currentDirectory`, any other name is
  /// looked up in the `PATH` of `environment`.
  /// - Throws: `RepriseError.usage` when no command is given or the program is not an
  ///   executable file.
  package static func resolve(_ arguments: [String], environment: [String: String], currentDirectory: String) throws(RepriseError) -> CompletionHook {
    guard let program = arguments.first, !program.isEmpty else {
      throw .usage("--on-complete needs a command: --on-complete CMD [ARG...] (everything after it is the command)")
    }
    if program.contains("/") {
      let path = PathMath.absolute(program, base: currentDirectory)
      guard isExecutableFile(path) else { throw .usage("--on-complete '\(program)' is not an executable file") }
      return CompletionHook(arguments: arguments, executable: path)
    }
    let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":", omittingEmptySubsequences: false)
    for folder in folders {
      let base = folder.isEmpty ? currentDirectory : PathMath.absolute(String(folder), base: currentDirectory)
      let path = base + "/" + program
      if isExecutableFile(path) { return CompletionHook(arguments: arguments, executable: path) }
    }
    throw .usage("--on-complete '\(program)' was not found in PATH (give a path, e.g. ./\(program), or the program's full path)")
  }

  static func isExecutableFile(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG && FileManager.default.isExecutableFile(atPath: path)
  }

  /// The recorded form: `{"argv": [...], "executable": "/abs/path"}`.
  package var json: JSONValue { .object(["argv": .strings(arguments), "executable": .string(executable)]) }

  /// The hook a handoff record holds, if any.
  package init?(json: JSONValue?) {
    guard let argv = json?["argv"]?.arrayValue?.compactMap(\.stringValue), !argv.isEmpty,
      let executable = json?["executable"]?.stringValue, executable.hasPrefix("/")
    else { return nil }
    self.init(arguments: argv, executable: executable)
  }
}
