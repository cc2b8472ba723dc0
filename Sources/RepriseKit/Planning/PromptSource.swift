import Foundation

/// Reads the prompt from `--prompt` or `--prompt-file` (for `variants`, `generate` and
/// `enqueue`), with messages that name what the user gave: a bad file is a bad input file (exit 2)
/// named as such, never reported as `--prompt`.
package enum PromptSource {
  /// The largest prompt file read, in bytes (UTF-8 needs at most 4 per character).
  package static let maxFileBytes = 4 * VariantOptions.maxPromptCharacters + 4

  /// The prompt text.
  /// - Parameters:
  ///   - text: `--prompt`, if given.
  ///   - file: `--prompt-file` as given, if given.
  ///   - currentDirectory: what a relative file is resolved against.
  /// - Throws: a usage error (64) for a missing, doubled or bad `--prompt`; a bad-input error (2)
  ///   naming the file when it cannot be read, is not UTF-8, is empty or too long.
  package static func read(text: String?, file: String?, currentDirectory: String) throws(RepriseError) -> String {
    switch (text, file) {
    case (.some, .some): throw .usage("--prompt and --prompt-file cannot be combined: pick one")
    case (nil, nil): throw .usage("--prompt is required (or --prompt-file): describe the image to make")
    case (let text?, nil):
      try check(text, named: "--prompt", error: RepriseError.usage)
      return text
    case (nil, let file?):
      let named = "--prompt-file '\(file)'"
      guard !file.isEmpty else { throw .usage("--prompt-file needs a file path") }
      let bytes: [UInt8]
      do {
        bytes = try FileSystem.readFile(PathMath.absolute(file, base: currentDirectory), limit: maxFileBytes)
      } catch {
        if error.reason.contains("limit") {
          throw .badInput("\(named) is larger than \(maxFileBytes) bytes: a prompt holds at most \(VariantOptions.maxPromptCharacters) characters")
        }
        throw .badInput("\(named) cannot be read: \(error.reason)")
      }
      var body = bytes[...]
      if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }  // a UTF-8 byte order mark is not text
      guard let decoded = UTF8Text.decode(body) else {
        throw .badInput("\(named) is not UTF-8 text")
      }
      var prompt = Substring(decoded)
      while prompt.last?.isNewline == true { prompt = prompt.dropLast() }  // "\r\n" is one Character
      try check(String(prompt), named: named, error: RepriseError.badInput)
      return String(prompt)
    }
  }

  /// Not empty, not too long; `error` makes the error of the right kind.
  static func check(_ prompt: String, named: String, error: (String) -> RepriseError) throws(RepriseError) {
    if prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
      throw error(named == "--prompt" ? "--prompt is empty: describe the image to make" : "\(named) is empty: write the prompt in it")
    }
    if prompt.count > VariantOptions.maxPromptCharacters {
      throw error("\(named) is \(prompt.count) characters: at most \(VariantOptions.maxPromptCharacters) are accepted")
    }
  }
}
