import Foundation

/// Reads what an image says about how it was made: reprise's own record (embedded `iTXt` or
/// sidecar), AUTOMATIC1111's `parameters` text, and ComfyUI's `prompt`/`workflow` graphs.
public enum ImageInspector {
  /// Everything found in one image.
  public struct Findings: Sendable {
    /// Format, size and digest of the file.
    public let info: ImageInfo?
    /// Bytes in the file.
    public let bytes: Int
    /// Hex sha256 of the file.
    public let sha256: String
    /// reprise's record, if any.
    public let reprise: JSONValue?
    /// Where it came from: `embedded` or `sidecar`.
    public let repriseSource: String?
    /// AUTOMATIC1111 `parameters`: prompt, negative prompt and the key-value settings.
    public let automatic1111: JSONValue?
    /// ComfyUI `prompt` graph (parsed JSON), if any.
    public let comfyPrompt: JSONValue?
    /// ComfyUI `workflow` graph (parsed JSON), if any.
    public let comfyWorkflow: JSONValue?
    /// Other text chunks, keyword to text.
    public let otherText: [String: String]
    /// A problem reading the chunks, if any.
    public let problem: String?

    /// True when any known metadata was found.
    public var hasMetadata: Bool { reprise != nil || automatic1111 != nil || comfyPrompt != nil || comfyWorkflow != nil }
  }

  /// Inspects `bytes` of the file at `path` (the path is used to find a sidecar).
  public static func inspect(_ bytes: [UInt8], path: String) -> Findings {
    let info = ImageInfo.sniff(bytes)
    var reprise: JSONValue?
    var source: String?
    var a1111: JSONValue?
    var comfyPrompt: JSONValue?
    var comfyWorkflow: JSONValue?
    var other: [String: String] = [:]
    var problem: String?
    if info?.format == .png {
      do {
        for chunk in try PNGChunks.read(bytes) {
          guard let (keyword, text) = PNGChunks.text(of: chunk, in: bytes) else {
            if chunk.type == "zTXt" || chunk.type == "iTXt" { other["(\(chunk.type), compressed)"] = "not shown" }
            continue
          }
          switch keyword {
          case ImageProvenance.keyword:
            reprise = try? JSONParser().parse(text)
            source = "embedded"
          case "parameters": a1111 = parseAutomatic1111(text)
          case "prompt": comfyPrompt = try? JSONParser(maxDepth: 128).parse(text)
          case "workflow": comfyWorkflow = try? JSONParser(maxDepth: 128).parse(text)
          default: other[keyword] = String(text.prefix(500))
          }
        }
      } catch {
        problem = error.description
      }
    }
    if reprise == nil, let sidecar = try? FileSystem.readFile(ImageProvenance.sidecarPath(for: path), limit: 4 * 1_048_576),
      let value = try? JSONParser().parse(sidecar)
    {
      reprise = value
      source = "sidecar"
    }
    return Findings(
      info: info, bytes: bytes.count, sha256: SHA256.hash(bytes).hexString, reprise: reprise, repriseSource: source, automatic1111: a1111,
      comfyPrompt: comfyPrompt, comfyWorkflow: comfyWorkflow, otherText: other, problem: problem)
  }

  /// Parses AUTOMATIC1111 infotext: prompt lines, optional `Negative prompt:` lines, and a last
  /// line of `Key: value` pairs (values JSON-quoted when they hold `,` or `:`).
  public static func parseAutomatic1111(_ text: String) -> JSONValue {
    var lines = text.components(separatedBy: "\n")
    var settings: [String: JSONValue] = [:]
    // `^\s*[\w .\-/]+:` written so that no text can be split between `\s*` and the class in more
    // than one way (both match spaces): the plain form backtracks quadratically, and fuzzing found
    // a `parameters` chunk of 4,500 spaces taking 0.2 s (50,000: 0.9 s, per chunk).
    if let last = lines.last, last.range(of: #"^(?:\s*[\w.\-/][\w .\-/]*|\s* ):"#, options: .regularExpression) != nil,
      last.components(separatedBy: ": ").count >= 2
    {
      for (key, value) in splitSettings(last) { settings[key] = .string(value) }
      if !settings.isEmpty { lines.removeLast() }
    }
    var prompt: [String] = []
    var negative: [String] = []
    var inNegative = false
    for line in lines {
      if line.hasPrefix("Negative prompt:") {
        inNegative = true
        negative.append(String(line.dropFirst("Negative prompt:".count)).trimmingCharacters(in: .whitespaces))
      } else if inNegative {
        negative.append(line)
      } else {
        prompt.append(line)
      }
    }
    return .object([
      "prompt": .string(prompt.joined(separator: "\n")),
      "negative_prompt": negative.isEmpty ? .null : .string(negative.joined(separator: "\n")),
      "settings": .object(settings),
    ])
  }

  /// `Key: value, Key: "quoted, value", ...` into pairs.
  static func splitSettings(_ line: String) -> [(String, String)] {
    var pairs: [(String, String)] = []
    var rest = Substring(line)
    while !rest.isEmpty {
      rest = rest.drop(while: { $0 == " " || $0 == "," })
      guard let colon = rest.range(of: ": ") else { break }
      let key = String(rest[..<colon.lowerBound]).trimmingCharacters(in: .whitespaces)
      rest = rest[colon.upperBound...]
      var value = ""
      if rest.first == "\"" {
        var escaped = false
        var end = rest.index(after: rest.startIndex)
        while end < rest.endIndex {
          let c = rest[end]
          if c == "\"" && !escaped { break }
          escaped = c == "\\" && !escaped
          end = rest.index(after: end)
        }
        let quoted = String(rest[rest.startIndex...(end < rest.endIndex ? end : rest.index(before: end))])
        value = (try? JSONParser().parse(quoted))?.stringValue ?? quoted
        rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
      } else if let comma = rest.range(of: ", ") {
        value = String(rest[..<comma.lowerBound])
        rest = rest[comma.upperBound...]
      } else {
        value = String(rest)
        rest = ""
      }
      if !key.isEmpty { pairs.append((key, value)) }
    }
    return pairs
  }

  /// A ComfyUI graph in one phrase: node count and class types.
  public static func summariseComfy(_ graph: JSONValue) -> String {
    var types: [String] = []
    if let nodes = graph["nodes"]?.arrayValue {  // workflow (UI graph)
      types = nodes.compactMap { $0["type"]?.stringValue }
    } else if let members = graph.objectValue {  // prompt (API graph)
      types = members.keys.sorted().compactMap { members[$0]?["class_type"]?.stringValue }
    }
    let distinct = Array(Set(types)).sorted()
    return "\(types.count) nodes" + (distinct.isEmpty ? "" : " (\(distinct.prefix(8).joined(separator: ", "))\(distinct.count > 8 ? ", ..." : ""))")
  }
}
