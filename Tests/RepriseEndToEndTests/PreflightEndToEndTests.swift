import Foundation
import RepriseKit
import Testing
import RepriseTestSupport

/// `reprise preflight`'s folder checks: a real write test (tests run as root, so `/proc` stands in
/// for an unwritable place), fixes that fit the problem, and nothing left behind.
@Suite struct PreflightEndToEndTests {
  static let env = ["OPENROUTER_API_KEY": "sk-or-test-key"]

  static func preflight(_ arguments: [String], in folder: TemporaryFolder) throws -> (ProcessRunner.Outcome, JSONValue) {
    let before = folder.snapshot()
    let text = try ProcessRunner.reprise(["preflight"] + arguments, in: folder.path, environment: env)
    let json = try ProcessRunner.reprise(["preflight", "--json"] + arguments, in: folder.path, environment: env)
    #expect(folder.snapshot() == before, "preflight wrote something or left a probe file behind")
    return (text, try JSONParser().parse(json.stdout))
  }

  static func check(_ report: JSONValue, _ name: String) -> JSONValue? {
    report["checks"]?.arrayValue?.first { $0["name"] == .string(name) }
  }

  @Test func writableAndToBeCreatedFoldersPassAndNothingIsLeftBehind() throws {
    let folder = try TemporaryFolder("reprise-preflight")
    defer { folder.remove() }
    try FileManager.default.createDirectory(atPath: folder.url("gen"), withIntermediateDirectories: true)
    let (text, report) = try Self.preflight(["--out-dir", "gen", "--queue-dir", "new/deeper/queue"], in: folder)
    #expect(text.status == 0, "\(text.stdout)")
    #expect(text.stdout.contains("PASS out_dir: gen is writable\n"))
    #expect(
      text.stdout.contains("PASS queue_dir: new/deeper/queue does not exist yet and will be created (in '\(folder.path)', which is writable)\n"),
      "\(text.stdout)")
    #expect(!text.stdout.contains("Fixups:"))
    #expect(report["status"] == .string("ok"))
    #expect(!folder.exists("new"))
  }

  @Test func aFolderWhereNothingCanBeWrittenFailsEvenForRoot() throws {
    let folder = try TemporaryFolder("reprise-preflight")
    defer { folder.remove() }
    let (text, report) = try Self.preflight(["--out-dir", "/proc", "--queue-dir", "/proc/reprise-missing/queue"], in: folder)
    #expect(text.status == 1)
    #expect(text.stdout.contains("FAIL out_dir: /proc: not writable ("), "\(text.stdout)")
    #expect(text.stdout.contains("FAIL queue_dir: /proc/reprise-missing/queue: cannot be created: '/proc' is not writable ("), "\(text.stdout)")
    #expect(text.stdout.contains("  chmod u+w '/proc'  # or: reprise preflight --out-dir <a writable folder>\n"))
    #expect(text.stdout.contains("  reprise preflight --queue-dir <a folder under a writable parent>  # or let your user write to '/proc'\n"))
    #expect(Self.check(report, "out_dir")?["ok"] == .bool(false))
    #expect(Self.check(report, "queue_dir")?["ok"] == .bool(false))
    #expect(report["status"] == .string("failed"))
  }

  @Test func aPathThatIsAFileGetsAFixThatDoesNotMkdirIt() throws {
    let folder = try TemporaryFolder("reprise-preflight")
    defer { folder.remove() }
    try folder.write("notes.txt", text: "mine\n")
    let (text, report) = try Self.preflight(["--out-dir", "notes.txt"], in: folder)
    #expect(text.status == 1)
    #expect(text.stdout.contains("FAIL out_dir: notes.txt: is a file, not a folder\n"), "\(text.stdout)")
    #expect(
      text.stdout.contains("FAIL queue_dir: notes.txt/imagegen-queue: cannot be created: '\(folder.url("notes.txt"))' is a file, not a folder\n"),
      "\(text.stdout)")
    #expect(text.stdout.contains("  reprise preflight --out-dir <another folder>  # 'notes.txt' is a file; reprise never replaces it\n"))
    #expect(!text.stdout.contains("mkdir"))
    #expect(report["fixups"]?.arrayValue?.count == 2)
    #expect(try folder.readText("notes.txt") == "mine\n")
  }
}
