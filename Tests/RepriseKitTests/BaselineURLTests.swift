import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseCLI
@testable import RepriseKit

/// URL baselines are stored in the manifest and sent as given: what would leak a secret, be
/// misread, or never be fetched is a usage error (exit 64), one line, nothing written.
@Suite struct BaselineURLTests {
  static let refused: [(String, String)] = [
    (
      "https://alice:s3cret@example.com/a.png",
      "error: --baseline-image 'https://***@example.com/a.png' contains credentials (user:password@): they would be stored in the manifest and sent on; use a "
        + "URL without them (e.g. a signed or public URL)\n"
    ),
    (
      "http://alice@example.com/a.png",
      "error: --baseline-image 'http://***@example.com/a.png' contains credentials (user:password@): they would be stored in the manifest and sent on; use a "
        + "URL without them (e.g. a signed or public URL)\n"
    ),
    (
      "https://example.com/my crab.png",
      "error: --baseline-image 'https://example.com/my crab.png' contains a space: percent-encode it (e.g. a space as %20, é as %C3%A9)\n"
    ),
    (
      "https://example.com/crabé.png",
      "error: --baseline-image 'https://example.com/crabé.png' contains the non-ASCII character 'é': percent-encode it (e.g. a space as %20, é as %C3%A9)\n"
    ),
    (
      "https://example.com/a%zz.png",
      "error: --baseline-image 'https://example.com/a%zz.png' has a '%' not followed by two hex digits: percent-encode '%' itself as %25\n"
    ),
    (
      "https://example.com/a{1}.png",
      "error: --baseline-image 'https://example.com/a{1}.png' contains '{', which a URL must not hold as is: percent-encode it\n"
    ),
    ("https:///a.png", "error: --baseline-image 'https:///a.png' is not a valid http(s) URL\n"),
    (
      "ftp://example.com/a.png",
      "error: --baseline-image 'ftp://example.com/a.png' is a ftp: URL: accepted an http:// or https:// URL, or a local png/jpg/jpeg/webp file\n"
    ),
    (
      "file:///etc/a.png",
      "error: --baseline-image 'file:///etc/a.png' is a file: URL: accepted an http:// or https:// URL, or a local png/jpg/jpeg/webp file\n"
    ),
    (
      "data:image/png;base64,iVBORw0KGgo=",
      "error: --baseline-image 'data:image/png;base64,iVBORw0KGgo=' is a data: URL: accepted an http:// or https:// URL, or a local png/jpg/jpeg/webp file\n"
    ),
    ("s3://bucket/a.png", "error: --baseline-image 's3://bucket/a.png' is a s3: URL: accepted an http:// or https:// URL, or a local png/jpg/jpeg/webp file\n"),
  ]

  @Test(arguments: refused)
  func refusedWithExit64(url: String, message: String) async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    for confirm in [["--confirm-external-upload"], []] {
      let result = await runCLI(
        ["variants", "--prompt", "A crab poster", "--count", "2", "--out-dir", "gen", "--plan-only", "--baseline-image", url] + confirm, in: folder.path)
      #expect(result.code == 64)
      #expect(result.err.hasPrefix(message), "\(result.err)")
      #expect(!result.err.contains("s3cret"))
      #expect(folder.snapshot().isEmpty)
    }
  }

  @Test func theSameRulesHoldForGenerate() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let result = await runCLI(
      ["generate", "--prompt", "A crab poster", "--out", "a.png", "--baseline-image", "https://u:p@example.com/a.png", "--confirm-external-upload"],
      in: folder.path, environment: ["OPENROUTER_API_KEY": "sk-test", "OPENROUTER_BASE_URL": "http://127.0.0.1:9/api/v1"])
    #expect(result.code == 64)
    #expect(result.err.contains("contains credentials") && !result.err.contains("u:p"))
    #expect(folder.snapshot().isEmpty)
  }

  @Test func percentEncodedURLsAreStoredAsGiven() async throws {
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let url = "https://example.com/my%20crab%C3%A9.png?v=2&sig=a%2Bb"
    let result = await runCLI(
      ["variants", "--prompt", "A crab poster", "--count", "2", "--out-dir", "gen", "--plan-only", "--baseline-image", url, "--confirm-external-upload"],
      in: folder.path)
    #expect(result.code == 0, "\(result.err)")
    let baseline = try #require(try ManifestDocument.decode(try folder.read("gen/image-manifest.json"), name: "m").manifest.spec.baseline)
    #expect(baseline.location == .url(url))
  }

  @Test func localNamesWithAColonStayPaths() {
    #expect(BaselineLoader.otherScheme("shot:1.png") == nil)
    #expect(BaselineLoader.otherScheme("./data:1.png") == nil)
    #expect(BaselineLoader.otherScheme("DATA:image/png;base64,x") == "data")
  }
}
