import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// Every bad input gets one clear line naming the flag or file and what is accepted, the
/// documented exit code, and leaves the folder byte-for-byte unchanged. Runs the real binary.
@Suite struct BadInputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    let name: String
    let arguments: [String]
    let code: Int32
    let mentions: String
    var testDescription: String { name }
  }

  static let prompt = "A minimalist snow crab poster, flat vector, centred"
  static let variants = ["variants", "--prompt", prompt, "--out-dir", "gen"]

  static let cases: [Case] = [
    Case(name: "count 0", arguments: variants + ["--count", "0"], code: 64, mentions: "--count 0 is out of range: accepted 1 to 1000"),
    Case(name: "count 1001", arguments: variants + ["--count", "1001"], code: 64, mentions: "--count 1001 is out of range"),
    Case(name: "count abc", arguments: variants + ["--count", "abc"], code: 64, mentions: "--count 'abc' is not a whole number"),
    Case(name: "count missing", arguments: variants, code: 64, mentions: "--count is required"),
    Case(
      name: "unknown strength", arguments: variants + ["--count", "2", "--variation-strength", "wild"], code: 64,
      mentions: "--variation-strength 'wild' is not accepted: use low, medium or high"),
    Case(name: "unknown size", arguments: variants + ["--count", "2", "--image-size", "huge"], code: 64, mentions: "--image-size 'huge' is not accepted"),
    Case(
      name: "unknown ratio", arguments: variants + ["--count", "2", "--aspect-ratio", "1.91:1"], code: 64,
      mentions: "--aspect-ratio '1.91:1' is not accepted: use one of 1:1"),
    Case(
      name: "extended ratio on other model", arguments: variants + ["--count", "2", "--aspect-ratio", "4:1", "--model", "google/gemini-2.5-flash-image"],
      code: 64, mentions: "--aspect-ratio '4:1' is only supported by google/gemini-3.1-flash-image-preview"),
    Case(
      name: "unknown transport", arguments: variants + ["--count", "2", "--transport", "grpc"], code: 64,
      mentions: "--transport 'grpc' is not accepted: use auto, chat or images"),
    Case(name: "unknown ext", arguments: variants + ["--count", "2", "--ext", "gif"], code: 64, mentions: "--ext 'gif' is not accepted"),
    Case(name: "prefix with slash", arguments: variants + ["--count", "2", "--prefix", "a/b"], code: 64, mentions: "--prefix 'a/b' is not accepted"),
    Case(name: "prefix with dots", arguments: variants + ["--count", "2", "--prefix", ".."], code: 64, mentions: "--prefix '..' is not accepted"),
    Case(name: "bad model id", arguments: variants + ["--count", "2", "--model", "gemini"], code: 64, mentions: "--model 'gemini' is not a model id"),
    Case(name: "bad seed", arguments: variants + ["--count", "2", "--seed", "-1"], code: 64, mentions: "--seed -1 is out of range"),
    Case(name: "bad request id", arguments: variants + ["--count", "2", "--request-id", "../x"], code: 64, mentions: "--request-id '../x' is not accepted"),
    Case(name: "missing prompt", arguments: ["variants", "--count", "2", "--out-dir", "gen"], code: 64, mentions: "--prompt is required"),
    Case(name: "empty prompt", arguments: ["variants", "--prompt", "  ", "--count", "2", "--out-dir", "gen"], code: 64, mentions: "--prompt is empty"),
    Case(
      name: "unreadable prompt file", arguments: ["variants", "--prompt-file", "nope.txt", "--count", "2", "--out-dir", "gen"], code: 2,
      mentions: "--prompt-file 'nope.txt' cannot be read"),
    Case(
      name: "baseline without confirm", arguments: variants + ["--count", "2", "--baseline-image", "ok.png"], code: 2,
      mentions: "re-run with --confirm-external-upload"),
    Case(
      name: "missing baseline", arguments: variants + ["--count", "2", "--baseline-image", "missing.png", "--confirm-external-upload"], code: 2,
      mentions: "--baseline-image 'missing.png' not found"),
    Case(
      name: "baseline symlink", arguments: variants + ["--count", "2", "--baseline-image", "link.png", "--confirm-external-upload"], code: 2,
      mentions: "--baseline-image 'link.png' is a symbolic link"),
    Case(
      name: "baseline outside workspace",
      arguments: variants + ["--count", "2", "--baseline-image", "../outside.png", "--confirm-external-upload", "--workspace-root", "."], code: 2,
      mentions: "is outside the workspace root"),
    Case(
      name: "baseline wrong magic", arguments: variants + ["--count", "2", "--baseline-image", "fake.png", "--confirm-external-upload"], code: 2,
      mentions: "--baseline-image 'fake.png' has extension .png but its bytes are JPEG"),
    Case(
      name: "baseline not an image", arguments: variants + ["--count", "2", "--baseline-image", "text.png", "--confirm-external-upload"], code: 2,
      mentions: "is not a PNG, JPEG or WebP image"),
    Case(
      name: "baseline wrong extension", arguments: variants + ["--count", "2", "--baseline-image", "notes.txt", "--confirm-external-upload"], code: 2,
      mentions: "has extension '.txt': accepted png, jpg, jpeg, webp"),
    Case(
      name: "baseline oversize",
      arguments: variants + ["--count", "2", "--baseline-image", "big.png", "--confirm-external-upload", "--max-baseline-mb", "0.001"], code: 2,
      mentions: "is larger than --max-baseline-mb"),
    Case(
      name: "baseline folder", arguments: variants + ["--count", "2", "--baseline-image", "refs", "--confirm-external-upload"], code: 2, mentions: "is a folder"
    ),
    Case(
      name: "out-dir is a file", arguments: ["variants", "--prompt", prompt, "--count", "2", "--out-dir", "notes.txt"], code: 2,
      mentions: "--out-dir 'notes.txt' is a file, not a folder"),
    Case(
      name: "edit intent without baseline", arguments: ["variants", "--prompt", "Make a variation of the attached logo", "--count", "2", "--out-dir", "gen"],
      code: 4, mentions: "no --baseline-image was given"),
    Case(
      name: "strict clarify", arguments: ["variants", "--prompt", "a crab", "--count", "2", "--out-dir", "gen", "--strict-clarify"], code: 3,
      mentions: "--strict-clarify"),
    Case(name: "rerun non-JSON manifest", arguments: ["rerun", "notes.txt", "--dry-run"], code: 2, mentions: "manifest 'notes.txt' is not valid JSON"),
    Case(name: "rerun unreadable manifest", arguments: ["rerun", "absent.json", "--dry-run"], code: 2, mentions: "manifest 'absent.json' cannot be read"),
    Case(
      name: "rerun unknown schema major", arguments: ["rerun", "future.json", "--dry-run"], code: 2,
      mentions: "uses schema \"reprise.manifest/2\", which this reprise cannot read"),
    Case(name: "rerun other JSON", arguments: ["rerun", "other.json", "--dry-run"], code: 2, mentions: "has no \"schema\": not a reprise manifest"),
    Case(name: "rerun broken field", arguments: ["rerun", "broken.json", "--dry-run"], code: 2, mentions: "field 'spec' must be a value, found nothing"),
    Case(name: "rerun bad index list", arguments: ["rerun", "future.json", "--only", "1-x"], code: 64, mentions: "--only '1-x' is not an index list"),
    Case(name: "drain without key", arguments: ["drain", "--queue-dir", "q"], code: 64, mentions: "OPENROUTER_API_KEY is not set"),
    Case(name: "drain bad concurrency", arguments: ["drain", "--concurrency", "0"], code: 64, mentions: "--concurrency 0 is out of range"),
    Case(name: "status without queue", arguments: ["status", "--queue-dir", "nowhere"], code: 2, mentions: "queue folder 'nowhere' does not exist"),
    Case(name: "diff one manifest", arguments: ["diff", "future.json"], code: 64, mentions: "diff needs two manifest paths"),
    Case(name: "diff unreadable", arguments: ["diff", "absent.json", "other.json"], code: 2, mentions: "manifest 'absent.json' cannot be read"),
    Case(
      name: "manifest job out escapes its folder", arguments: ["rerun", "escape.json", "--dry-run"], code: 2,
      mentions: "jobs[0].out' must be a file name in the manifest's folder"),
    Case(
      name: "manifest absolute baseline path", arguments: ["rerun", "absolute-baseline.json", "--dry-run"], code: 2,
      mentions: "spec.baseline.path' must be a path relative to the manifest's folder"),
    Case(name: "manifest prefix with a slash", arguments: ["verify", "bad-prefix.json"], code: 2, mentions: "spec.prefix' must be 1-64 of"),
    Case(name: "manifest too deeply nested", arguments: ["diff", "deep.json", "other.json"], code: 2, mentions: "nesting deeper than 64 levels"),
    Case(name: "manifest duplicate keys", arguments: ["rerun", "duplicate.json", "--dry-run"], code: 2, mentions: "duplicate key"),
    Case(name: "inspect a non-image", arguments: ["inspect", "notes.txt"], code: 2, mentions: "is not a PNG, JPEG, WebP or GIF image"),
    Case(name: "verify edited manifest", arguments: ["verify", "edited.json"], code: 2, mentions: "was edited"),
    Case(name: "rerun from an image without a record", arguments: ["rerun", "--from-image", "ok.png"], code: 2, mentions: "carries no reprise record"),
    Case(
      name: "generate out is not an image name", arguments: ["generate", "--prompt", prompt, "--out", "x.gif"], code: 64,
      mentions: "--out 'x.gif' must end in .png, .jpg, .jpeg or .webp"),
    Case(name: "enqueue unknown option", arguments: ["enqueue", "--promt", "x"], code: 64, mentions: "did you mean '--prompt'?"),
    Case(name: "unknown command", arguments: ["generat"], code: 64, mentions: "unknown command 'generat'"),
    Case(name: "unknown option", arguments: ["variants", "--cuont", "3"], code: 64, mentions: "unknown option '--cuont' (did you mean '--count'?)"),
  ]

  /// A folder with the fixtures the cases refer to.
  static func makeWorkspace() throws -> (TemporaryFolder, String) {
    let outer = try TemporaryFolder("reprise-bad")
    let work = outer.url("work")
    let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 4, 0, 0, 0, 4, 8, 2, 0, 0, 0]
    try outer.write("work/ok.png", bytes: png)
    try outer.write("outside.png", bytes: png)
    try outer.write("work/fake.png", bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
    try outer.write("work/text.png", text: "not an image at all")
    try outer.write("work/notes.txt", text: "notes")
    try outer.write("work/big.png", bytes: png + [UInt8](repeating: 0, count: 4096))
    try outer.write("work/refs/keep.txt", text: "x")
    try FileManager.default.createSymbolicLink(atPath: outer.url("work/link.png"), withDestinationPath: outer.url("work/ok.png"))
    try outer.write("work/future.json", text: #"{"schema":"reprise.manifest/2","manifest_id":"sha256:00"}"#)
    try outer.write("work/other.json", text: #"{"name":"not a manifest"}"#)
    try outer.write("work/broken.json", text: #"{"schema":"reprise.manifest/1","manifest_id":"sha256:00","batches":[],"jobs":[]}"#)
    // Hand-edited manifests whose ids were recomputed, so only the hostile field is wrong.
    func manifestJSON(_ edit: (inout [String: JSONValue]) -> Void) -> String {
      var options = VariantOptions(prompt: prompt, count: 2, outDir: ".", workspaceRoot: "/")
      options.seed = 1
      let plan = VariantPlanner.plan(options, baseline: nil, editIntent: [])
      var members = Manifest(spec: plan.spec, batches: [plan.batch], jobs: plan.jobs).json.objectValue!
      edit(&members)
      members["manifest_id"] = nil
      members["manifest_id"] = .string(Manifest.id(ofBody: .object(members)))
      return JSONWriter.pretty(.object(members))
    }
    func setJobOut(_ members: inout [String: JSONValue], _ out: String) {
      var jobs = members["jobs"]!.arrayValue!
      var job = jobs[0].objectValue!
      job["out"] = .string(out)
      jobs[0] = .object(job)
      members["jobs"] = .array(jobs)
    }
    func setSpec(_ members: inout [String: JSONValue], _ key: String, _ value: JSONValue) {
      var spec = members["spec"]!.objectValue!
      spec[key] = value
      members["spec"] = .object(spec)
    }
    try outer.write("work/escape.json", text: manifestJSON { setJobOut(&$0, "../../escaped.png") })
    try outer.write("work/absolute-baseline.json", text: manifestJSON {
        setSpec(
          &$0, "baseline",
          .object([
            "kind": .string("file"), "path": .string("/etc/passwd"), "path_as_given": .string("x"), "sha256": .string(String(repeating: "0", count: 64)),
            "source_kind": .string("explicit_path_or_url"), "bytes": .int(1), "media_type": .string("image/png"), "width": .null, "height": .null,
          ]))
    })
    try outer.write("work/bad-prefix.json", text: manifestJSON { setSpec(&$0, "prefix", .string("../evil")) })
    try outer.write("work/deep.json", text: String(repeating: "[", count: 200) + String(repeating: "]", count: 200))
    try outer.write("work/duplicate.json", text: #"{"schema":"reprise.manifest/1","schema":"reprise.manifest/1"}"#)
    try outer.write("work/edited.json", text: manifestJSON { _ in }.replacingOccurrences(of: "\"count\": 2", with: "\"count\": 3"))
    return (outer, work)
  }

  @Test(arguments: cases)
  func badInputFailsCleanlyAndWritesNothing(_ c: Case) throws {
    let (outer, work) = try BadInputTests.makeWorkspace()
    defer { outer.remove() }
    let before = outer.snapshot()
    let result = try ProcessRunner.reprise(c.arguments, in: work)
    #expect(result.status == c.code, "stderr: \(result.stderr)")
    // Exactly one error line (hints and the usage block may surround it).
    let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    #expect(errors.count == 1, "stderr: \(result.stderr)")
    #expect(errors.first?.contains(c.mentions) == true, "stderr: \(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(outer.snapshot() == before, "the folder changed")
  }
}
