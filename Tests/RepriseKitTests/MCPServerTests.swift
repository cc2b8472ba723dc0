import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

/// The MCP server's framing, JSON-RPC error paths, root confinement and secret redaction, driven
/// in-process with captured output.
@Suite struct MCPServerTests {
  /// Messages the server sent, decoded.
  final class Sent: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ more: [UInt8]) { lock.withLock { bytes += more } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
    var messages: [JSONValue] { text.split(separator: "\n").compactMap { try? JSONParser().parse(String($0)) } }
  }

  static func server(root: String, key: String = "sk-or-unit-secret-key") throws -> (MCPServer, Sent) {
    let sent = Sent()
    let output = MCPOutput(secrets: [key]) { sent.append($0) }
    let server = MCPServer(
      root: try MCPRoot(root, currentDirectory: "/"), tools: MCPToolbox.tools, environment: ["OPENROUTER_API_KEY": key], version: "test",
      output: output, log: { _ in })
    return (server, sent)
  }

  /// Feeds `lines` through the framing and returns every reply once all are answered.
  static func exchange(_ lines: [String], root: String) async throws -> [JSONValue] {
    let (server, sent) = try server(root: root)
    var buffer = MCPLineBuffer()
    for item in buffer.append(Array((lines.joined(separator: "\n") + "\n").utf8)) { server.receive(item) }
    await server.finish()
    return sent.messages
  }

  static func reply(_ replies: [JSONValue], id: Int64) -> JSONValue? { replies.first { $0["id"] == .int(id) } }

  @Test func framingSplitsLinesAcrossChunksAndDropsCarriageReturnsAndBlankLines() {
    var buffer = MCPLineBuffer()
    #expect(buffer.append(Array("{\"a\":".utf8)).isEmpty)
    #expect(buffer.append(Array("1}\r\n\n  \n{\"b\"".utf8)) == [.line(Array("{\"a\":1}".utf8))])
    #expect(buffer.append(Array(":2}\n".utf8)) == [.line(Array("{\"b\":2}".utf8))])
    #expect(buffer.finish().isEmpty)
  }

  @Test func framingDiscardsAnOversizedLineAndStaysInStep() {
    var buffer = MCPLineBuffer(maxLineBytes: 8)
    let items = buffer.append(Array("0123456789abcdef\n{\"x\":1}\n".utf8))
    #expect(items == [.oversized, .line(Array("{\"x\":1}".utf8))])
  }

  @Test func framedMessagesAreOneLineEach() {
    let framed = MCPLineBuffer.frame(.object(["text": .string("two\nlines")]))
    #expect(framed.last == 0x0A)
    #expect(framed.dropLast().contains(0x0A) == false)
  }

  @Test func initializeNegotiatesTheClientsVersionOrOffersTheNewest() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    let replies = try await Self.exchange(
      [
        #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{}}}"#,
        #"{"jsonrpc":"2.0","id":2,"method":"initialize","params":{"protocolVersion":"1999-01-01","capabilities":{}}}"#,
        #"{"jsonrpc":"2.0","id":3,"method":"initialize","params":{}}"#,
      ], root: folder.path)
    #expect(Self.reply(replies, id: 1)?["result"]?["protocolVersion"] == .string("2025-06-18"))
    #expect(Self.reply(replies, id: 2)?["result"]?["protocolVersion"] == .string("2025-11-25"))
    #expect(Self.reply(replies, id: 3)?["error"]?["code"] == .int(-32602))
  }

  /// Each malformed message and the code it gets; the server answers every one and then a ping.
  @Test func everyErrorPathGetsItsCodeAndTheServerKeepsAnswering() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    let replies = try await Self.exchange(
      [
        "not json",
        #"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#,
        #""just a string""#,
        #"{"jsonrpc":"1.0","id":10,"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":11}"#,
        #"{"jsonrpc":"2.0","id":12,"method":""}"#,
        #"{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}"#,
        #"{"jsonrpc":"2.0","id":13,"method":"tools/unknown"}"#,
        #"{"jsonrpc":"2.0","id":14,"method":"ping","params":[1]}"#,
        #"{"jsonrpc":"2.0","id":15,"method":"tools/call","params":{"name":"nope"}}"#,
        #"{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"verify","arguments":{"manifest":"../outside.json"}}}"#,
        #"{"jsonrpc":"2.0","id":17,"method":"tools/call","params":{"name":"verify","arguments":{}}}"#,
        #"{"jsonrpc":"2.0","id":18,"method":"tools/call","params":{"name":"verify","arguments":{"manifest":3}}}"#,
        #"{"jsonrpc":"2.0","id":19,"method":"tools/call","params":{"name":"verify","arguments":{"manifest":"a","extra":1}}}"#,
        #"{"jsonrpc":"2.0","id":20,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}"#,
        #"{"jsonrpc":"2.0","id":21,"method":"resources/read","params":{"uri":"gen/missing-manifest.json"}}"#,
        #"{"jsonrpc":"2.0","id":22,"method":"resources/read","params":{}}"#,
        #"{"jsonrpc":"2.0","id":23,"method":"tools/call","params":{"name":"status","arguments":{}}}"#,
        #"{"jsonrpc":"2.0","method":"notifications/initialized"}"#,
        #"{"jsonrpc":"2.0","id":99,"method":"ping"}"#,
      ], root: folder.path)
    let unnamed = replies.filter { $0["id"] == .null }.compactMap { $0["error"]?["code"]?.intValue }
    #expect(unnamed == [-32700, -32600, -32600, -32600])
    let expected: [Int64: Int64] = [
      10: -32600, 11: -32600, 12: -32600, 13: -32601, 14: -32602, 15: -32602, 16: -32602, 17: -32602, 18: -32602, 19: -32602, 20: -32602,
      21: -32002, 22: -32602, 23: -32602,
    ]
    for (id, code) in expected { #expect(Self.reply(replies, id: id)?["error"]?["code"] == .int(code), "request \(id)") }
    #expect(Self.reply(replies, id: 99)?["result"] == .object([:]))
    #expect(replies.count == 4 + expected.count + 1, "one reply per request, none for the notification")
  }

  @Test func aSymbolicLinkOutOfTheRootIsRefused() throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    try FileManager.default.createDirectory(atPath: folder.url("root"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: folder.url("root/escape"), withDestinationPath: folder.path)
    let root = try MCPRoot(folder.url("root"), currentDirectory: "/")
    #expect(throws: MCPError.self) { try root.resolve("escape/secret.json", argument: "manifest") }
    #expect(throws: MCPError.self) { try root.resolve("https://example.com/a.png", argument: "image") }
    #expect(try root.resolve("gen/new/a-manifest.json", argument: "manifest") == folder.url("root/gen/new/a-manifest.json"))
  }

  @Test func aToolFailureIsAResultTheModelCanReadNotAProtocolError() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    _ = try folder.write("gen/bad-manifest.json", text: "{not a manifest")
    let replies = try await Self.exchange(
      [#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"verify","arguments":{"manifest":"gen/bad-manifest.json"}}}"#], root: folder.path)
    let result = try #require(Self.reply(replies, id: 1)?["result"])
    #expect(result["isError"] == .bool(true))
    #expect(result["content"]?.arrayValue?.first?["text"]?.stringValue?.hasPrefix("error: ") == true)
  }

  @Test func theKeyIsRedactedFromEverythingSent() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    let key = "sk-or-unit-secret-key"
    let (server, sent) = try Self.server(root: folder.path, key: key)
    server.output.send(.object(["echo": .string("the key is \(key)")]))
    #expect(!sent.text.contains(key))
    #expect(sent.text.contains("[redacted]"))
    #expect(server.output.redact("log \(key)") == "log [redacted]")
  }

  @Test func planVariantsTakesAPaletteAndASweepAndMeasureHoldsAnImageToThePalette() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    _ = try folder.write("art/navy.png", bytes: GalleryTests.png(40, width: 16, height: 16))
    let plan = ##"{"name":"plan_variants","arguments":{"prompt":"A fox logo","count":2,"out_dir":"gen","palette":"#0a2540,#FF5A5F","##
      + ##""sweep":["variation-strength=low,high"]}}"##
    let replies = try await Self.exchange(
      [
        ##"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":"## + plan + "}",
        ##"{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"plan_variants","arguments":{"prompt":"A fox","count":1,"out_dir":"g","##
          + ##""variation_strength":"low","sweep":["variation-strength=low,high"]}}}"##,
        ##"{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"measure","arguments":{"image":"art/navy.png","palette":"#FFFFFF"}}}"##,
        ##"{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"measure","arguments":{"image":"art/navy.png","palette":"teal"}}}"##,
      ], root: folder.path)
    let planned = try #require(Self.reply(replies, id: 1)?["result"])
    #expect(planned["isError"] != .bool(true), "\(planned)")
    let jobs = planned["structuredContent"]?["jobs"]?.arrayValue ?? []
    #expect(jobs.count == 4, "2 cells x 2 variants: \(planned)")
    let line = "Brand palette: use only these colours (hex, in order of importance): #0A2540, #FF5A5F; no other hues."
    #expect(jobs.allSatisfy { $0["prompt"]?.stringValue?.contains(line) == true }, "\(jobs.first ?? .null)")
    #expect(!folder.exists("gen"), "a plan writes nothing")
    let conflict = try #require(Self.reply(replies, id: 2)?["result"])
    #expect(conflict["isError"] == .bool(true))
    let conflictText = conflict["content"]?.arrayValue?.first?["text"]?.stringValue ?? ""
    #expect(conflictText.contains("variation_strength and sweep variation-strength=... cannot be combined"), "\(conflictText)")
    let measured = try #require(Self.reply(replies, id: 3)?["result"]?["structuredContent"])
    #expect(measured["file"] == .string(folder.url("art/navy.png")) && measured["measures"]?["reference_palette"]?["colours"] == .strings(["#FFFFFF"]))
    let verdicts = measured["verdicts"]?.arrayValue?.compactMap(\.stringValue) ?? []
    #expect(verdicts.count == 1 && verdicts[0].hasPrefix("brand palette: drifted (dE "), "\(verdicts)")
    #expect(Self.reply(replies, id: 4)?["result"]?["isError"] == .bool(true))
  }

  @Test func iteratePlansWhatTheCommandWouldWriteAndAsksForUploadConsent() async throws {
    let folder = try TemporaryFolder("reprise-mcp-iterate")
    defer { folder.remove() }
    let parent = try await IterateTests.parent(folder)
    let call = { (id: Int, index: Int, extra: String) in
      ##"{"jsonrpc":"2.0","id":"## + "\(id)" + ##","method":"tools/call","params":{"name":"iterate","arguments":"##
        + ##"{"manifest":"gen/crab-manifest.json","index":"## + "\(index)" + extra + "}}}"
    }
    let consent = ##","confirm_external_upload":true"##
    let replies = try await Self.exchange(
      [call(1, 2, consent + ##","prompt_append":"as a banner","count":2"##), call(2, 2, ""), call(3, 3, consent)], root: folder.path)
    let planned = try #require(Self.reply(replies, id: 1)?["result"])
    #expect(planned["isError"] != .bool(true), "\(planned)")
    let structured = try #require(planned["structuredContent"])
    #expect(structured["manifest"] == .string(folder.url("gen/crab-v2/crab-v2-manifest.json")))
    #expect(structured["parent"]?["job_id"] == .string(parent.jobs[1].jobID))
    #expect(structured["parent"]?["sha256"] == .string(SHA256.hash(GalleryTests.png(52)).hexString))
    #expect(!folder.exists("gen/crab-v2"), "a plan writes nothing")
    // The command plans the same batch: same manifest id, same prompts.
    let cli = await runCLI(
      ["iterate", "--from", "gen/crab-manifest.json", "2", "--confirm-external-upload", "--prompt-append", "as a banner", "--count", "2", "--plan-only"],
      in: folder.path)
    #expect(cli.code == 0, "\(cli.err)")
    let written = try ManifestDocument.decode(folder.read("gen/crab-v2/crab-v2-manifest.json"), name: "m").manifest
    #expect(structured["manifest_id"] == .string(written.manifestID))
    #expect(structured["jobs"]?.arrayValue?.compactMap { $0["prompt"]?.stringValue } == written.jobs.map(\.prompt))
    #expect(written.jobs.count == 2 && written.jobs.allSatisfy { $0.prompt.contains("as a banner") })
    let refused = try #require(Self.reply(replies, id: 2)?["result"])
    #expect(refused["isError"] == .bool(true))
    #expect(refused["content"]?.arrayValue?.first?["text"]?.stringValue?.contains("confirm_external_upload") == true)
    #expect(Self.reply(replies, id: 3)?["result"]?["isError"] == .bool(true), "job 3 has no succeeded output")
  }

  @Test func toolsListDescribesEveryToolWithSchemasAndAnnotations() async throws {
    let folder = try TemporaryFolder("reprise-mcp-unit")
    defer { folder.remove() }
    let replies = try await Self.exchange([#"{"jsonrpc":"2.0","id":1,"method":"tools/list"}"#], root: folder.path)
    let tools = try #require(Self.reply(replies, id: 1)?["result"]?["tools"]?.arrayValue)
    #expect(tools.compactMap { $0["name"]?.stringValue } == MCPToolbox.tools.map(\.name))
    for tool in tools {
      #expect(tool["inputSchema"]?["type"] == .string("object"))
      #expect(tool["outputSchema"]?["type"] == .string("object"))
      #expect(tool["annotations"]?["readOnlyHint"]?.boolValue != nil)
    }
  }
}
