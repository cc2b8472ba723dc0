import Foundation
import RepriseTestSupport
import Testing

/// `samples/skills/reprise/SKILL.md` is an Agent Skills package an agent can load: the open
/// format's front matter (`name` matching the folder, a `description` of at most 1024
/// characters, `compatibility` of at most 500, `metadata` as plain strings), a body within the
/// recommended ~5000 tokens, and links that lead somewhere.
@Suite struct SkillPackageTests {
  static let path = ProcessRunner.packageRoot + "/samples/skills/reprise/SKILL.md"

  static func parts() throws -> (front: [String: String], metadata: [String: String], body: String) {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let pieces = text.components(separatedBy: "\n---\n")
    #expect(text.hasPrefix("---\n"))
    let lines = pieces[0].dropFirst(4).split(separator: "\n").map(String.init)
    var front: [String: String] = [:]
    var metadata: [String: String] = [:]
    for line in lines {
      let nested = line.hasPrefix("  ")
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard let colon = trimmed.firstIndex(of: ":") else { continue }
      let key = String(trimmed[..<colon])
      let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      if nested { metadata[key] = value } else { front[key] = value }
    }
    return (front, metadata, pieces.dropFirst().joined(separator: "\n---\n"))
  }

  @Test func frontMatterFollowsTheOpenFormat() throws {
    let (front, metadata, _) = try Self.parts()
    #expect(front["name"] == "reprise", "the name matches the folder")
    let description = try #require(front["description"])
    #expect(!description.isEmpty && description.count <= 1024)
    #expect((front["compatibility"]?.count ?? 0) <= 500)
    #expect(Set(front.keys).isSubset(of: ["name", "description", "license", "compatibility", "metadata", "allowed-tools"]))
    #expect(front["metadata"] == "", "metadata is a map on the lines below")
    #expect(metadata.values.allSatisfy { !$0.isEmpty && !$0.hasPrefix("{") }, "metadata values are plain strings")
  }

  @Test func bodyStaysWithinTheRecommendedSizeAndCarriesTheContract() throws {
    let (_, _, body) = try Self.parts()
    // About 4 characters a token for English prose and shell lines.
    #expect(body.count / 4 < 5000)
    for phrase in ["--background", "status_command", "attach every file", "--on-complete", "MCP server"] {
      #expect(body.contains(phrase), "the skill covers \(phrase)")
    }
    #expect(body.contains("../../../README.md#reprise-mcp---root-dir-the-mcp-server"))
    let readme = try String(contentsOfFile: ProcessRunner.packageRoot + "/README.md", encoding: .utf8)
    #expect(readme.contains("### `reprise mcp [--root DIR]`: the MCP server"), "the linked README section exists")
  }
}
