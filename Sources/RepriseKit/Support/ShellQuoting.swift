import Foundation

/// Quotes words for the commands reprise prints for people and agents to paste into a POSIX shell.
package enum ShellQuoting {
  /// `word` unchanged when it holds only safe characters, otherwise in single quotes.
  package static func quote(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/:=@%+,".unicodeScalars)
    if !word.isEmpty, word.unicodeScalars.allSatisfy({ safe.contains($0) }) { return word }
    return singleQuoted(word)
  }

  /// `word` in single quotes, always (an embedded `'` becomes `'\\''`).
  package static func singleQuoted(_ word: String) -> String {
    "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
