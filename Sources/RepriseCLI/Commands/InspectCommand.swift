import Foundation
import RepriseKit

/// `reprise inspect <image>`: what an image says about how it was made.
enum InspectCommand {
  static let command = Command(
    name: "inspect",
    summary: "show the provenance inside an image: reprise's record, AUTOMATIC1111 parameters, ComfyUI graphs",
    usage: ["inspect IMAGE [--json]"],
    notes: ["Reads PNG text chunks (tEXt and uncompressed iTXt) and a <file>.reprise.json sidecar. Exit 0 metadata found, 1 none found, 2 unreadable file."],
    options: [.flag("json", "Print everything found as JSON.")],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    guard args.positionals.count == 1 else { throw RepriseError.usage("inspect needs one image path") }
    let path = args.positionals[0]
    let bytes: [UInt8]
    do { bytes = try FileSystem.readFile(context.absolute(path), limit: 512 * 1_048_576) } catch {
      throw RepriseError.badInput("image '\(path)' cannot be read: \(error.reason)")
    }
    let found = ImageInspector.inspect(bytes, path: context.absolute(path))
    guard let info = found.info else { throw RepriseError.badInput("'\(path)' is not a PNG, JPEG, WebP or GIF image") }
    if args.flag("json") {
      context.console.out(JSONWriter.pretty(.object([
        "file": .string(path), "media_type": .string(info.format.mediaType), "width": .optional(info.width), "height": .optional(info.height),
        "bytes": .int(Int64(found.bytes)), "sha256": .string(found.sha256),
        "reprise": found.reprise ?? .null, "reprise_source": .optional(found.repriseSource),
        "automatic1111": found.automatic1111 ?? .null, "comfyui_prompt": found.comfyPrompt ?? .null, "comfyui_workflow": found.comfyWorkflow ?? .null,
        "other_text": .object(found.otherText.mapValues { .string($0) }), "problem": .optional(found.problem),
      ])))
      return .okIf(found.hasMetadata)
    }
    let console = context.console
    console.line(
      "file: \(path) (\(info.format.mediaType), \(info.width.map(String.init) ?? "?")x\(info.height.map(String.init) ?? "?"), \(found.bytes) bytes, sha256 "
        + "\(found.sha256))"
    )
    if let problem = found.problem { console.line("warning: \(problem)") }
    if let record = found.reprise {
      console.line("reprise (\(found.repriseSource ?? "?")):")
      for key in ["manifest_id", "job_id", "index", "model", "seed", "request_sha256", "generation_id", "provider_sha256"] {
        if let value = record[key], !value.isNull { console.line("  \(key): \(value.stringValue ?? JSONWriter.canonicalString(value))") }
      }
      if let prompt = record["prompt"]?.stringValue { console.line("  prompt: " + prompt.replacingOccurrences(of: "\n", with: "\n          ")) }
    }
    if let a1111 = found.automatic1111 {
      console.line("parameters (AUTOMATIC1111):")
      console.line("  prompt: " + (a1111["prompt"]?.stringValue ?? "").replacingOccurrences(of: "\n", with: "\n          "))
      if let negative = a1111["negative_prompt"]?.stringValue { console.line("  negative prompt: \(negative)") }
      let settings = a1111["settings"]?.objectValue ?? [:]
      for key in settings.keys.sorted() { console.line("  \(key): \(settings[key]?.stringValue ?? "")") }
    }
    if let graph = found.comfyPrompt { console.line("ComfyUI prompt graph: \(ImageInspector.summariseComfy(graph))") }
    if let graph = found.comfyWorkflow { console.line("ComfyUI workflow: \(ImageInspector.summariseComfy(graph))") }
    for key in found.otherText.keys.sorted() { console.line("text \(key): \(found.otherText[key]!)") }
    if !found.hasMetadata { console.line("no reprise, AUTOMATIC1111 or ComfyUI metadata found") }
    return .okIf(found.hasMetadata)
  }
}
