import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// What users see when the prompt or a numeric flag is wrong: one line naming what they gave.
@Suite struct PromptInputTests {
  static let variants = ["variants", "--count", "2", "--out-dir", "gen", "--plan-only"]

  @Test(arguments: ["variants", "generate", "enqueue"])
  func anEmptyPromptFileIsNamed(command: String) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("empty.txt", text: "\u{FEFF} \n\n")
    let arguments: [String]
    switch command {
    case "variants": arguments = PromptInputTests.variants + ["--prompt-file", "empty.txt"]
    case "generate": arguments = ["generate", "--prompt-file", "empty.txt", "--out", "a.png"]
    default: arguments = ["enqueue", "--prompt-file", "empty.txt", "--out", "a.png", "--queue-dir", "q"]
    }
    let before = folder.snapshot()
    let result = await runCLI(arguments, in: folder.path, environment: ["OPENROUTER_API_KEY": "sk-test"])
    #expect(result.code == 2)
    #expect(result.err == "error: --prompt-file 'empty.txt' is empty: write the prompt in it\n")
    #expect(folder.snapshot() == before)
  }

  @Test func aTooLongPromptFileIsNamed() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("long.txt", text: String(repeating: "crab ", count: 6_401))
    let result = await runCLI(PromptInputTests.variants + ["--prompt-file", "long.txt"], in: folder.path)
    #expect(result.code == 2)
    #expect(result.err == "error: --prompt-file 'long.txt' is 32005 characters: at most 32000 are accepted\n")
    try folder.write("huge.txt", text: String(repeating: "x", count: 200_000))
    let huge = await runCLI(PromptInputTests.variants + ["--prompt-file", "huge.txt"], in: folder.path)
    #expect(huge.code == 2)
    #expect(huge.err == "error: --prompt-file 'huge.txt' is larger than \(PromptSource.maxFileBytes) bytes: a prompt holds at most 32000 characters\n")
    #expect(!folder.exists("gen"))
  }

  @Test func anEmptyOrLongPromptTextIsStillNamedPrompt() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let empty = await runCLI(PromptInputTests.variants + ["--prompt", "  "], in: folder.path)
    #expect(empty.code == 64)
    #expect(empty.err.hasPrefix("error: --prompt is empty: describe the image to make\n"))
    let long = await runCLI(PromptInputTests.variants + ["--prompt", String(repeating: "y", count: 32_001)], in: folder.path)
    #expect(long.code == 64)
    #expect(long.err.hasPrefix("error: --prompt is 32001 characters: at most 32000 are accepted\n"))
  }

  @Test func aByteOrderMarkIsDropped() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("bom.txt", bytes: [0xEF, 0xBB, 0xBF] + Array("A crab poster, flat vector\r\n".utf8))
    try folder.write("plain.txt", text: "A crab poster, flat vector")
    let a = await runCLI(["variants", "--count", "2", "--out-dir", "a", "--plan-only", "--prompt-file", "bom.txt"], in: folder.path)
    let b = await runCLI(["variants", "--count", "2", "--out-dir", "b", "--plan-only", "--prompt-file", "plain.txt"], in: folder.path)
    #expect(a.code == 0 && b.code == 0, "\(a.err)\(b.err)")
    #expect(try folder.read("a/image-manifest.json") == folder.read("b/image-manifest.json"))
    let spec = try ManifestDocument.decode(try folder.read("a/image-manifest.json"), name: "m").manifest.spec
    #expect(spec.prompt == "A crab poster, flat vector")
  }

  @Test(arguments: [
    (["--seed", "99999999999999999999"], "error: --seed '99999999999999999999' is too large: accepted 0 to 2147483647\n"),
    (["--max-jobs", "123456789012345678901234"], "error: --max-jobs '123456789012345678901234' is too large: accepted 1 or more\n"),
    (["--start-index", "-99999999999999999999"], "error: --start-index '-99999999999999999999' is too small: accepted 0 to 1000000\n"),
    (["--seed", "12x"], "error: --seed '12x' is not a whole number: accepted 0 to 2147483647\n"),
    (["--prefix=-crab"], "error: --prefix '-crab' is not accepted: use 1-64 of A-Z a-z 0-9 . _ - not starting with '.' or '-'\n"),
  ])
  func numbersAndPrefixesSayWhatIsAccepted(extra: [String], message: String) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = await runCLI(PromptInputTests.variants + ["--prompt", "A crab poster"] + extra, in: folder.path)
    #expect(result.code == 64)
    #expect(result.err.hasPrefix(message), "\(result.err)")
    #expect(folder.snapshot().isEmpty)
  }

  @Test func aCountTooLargeSaysSo() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = await runCLI(["variants", "--prompt", "A crab poster", "--out-dir", "out", "--plan-only", "--count", "99999999999999999999"], in: folder.path)
    #expect(result.code == 64)
    #expect(result.err.hasPrefix("error: --count '99999999999999999999' is too large: accepted 1 to 1000\n"), "\(result.err)")
    #expect(folder.snapshot().isEmpty)
  }

  @Test func foundationErrorsReachUsersAsPlainReasons() {
    let cocoa = NSError(domain: NSCocoaErrorDomain, code: 512, userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])
    #expect(PlainReason.of(cocoa) == "No space left on device")
    #expect(PlainReason.of(NSError(domain: NSCocoaErrorDomain, code: 513)) == "Permission denied")
    #expect(PlainReason.of(NSError(domain: NSCocoaErrorDomain, code: 512)) == "the file could not be written")
    #expect(PlainReason.of(NSError(domain: NSPOSIXErrorDomain, code: Int(ENOENT))) == "No such file or directory")
    #expect(!PlainReason.of(NSError(domain: NSCocoaErrorDomain, code: 4)).contains("NSCocoaErrorDomain"))
    #expect(PlainReason.of(JSONFieldError(path: "a", expected: "b", found: "c")) == "field 'a' must be b, found c")
  }

  @Test func anOutDirThatCannotBeCreatedSaysWhyInPlainWords() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    try folder.write("file", text: "x")
    let result = await runCLI(["variants", "--prompt", "A crab poster", "--count", "2", "--out-dir", "file/sub", "--plan-only"], in: folder.path)
    #expect(result.code == 2)
    #expect(!result.err.contains("NSCocoaErrorDomain") && !result.err.contains("Error Domain"))
    #expect(result.err.hasPrefix("error: ") && result.err.filter { $0 == "\n" }.count == 1, "\(result.err)")
  }
}
