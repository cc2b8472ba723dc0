/// `inspect`: what an image says about how it was made (reprise's record, AUTOMATIC1111
/// parameters, ComfyUI graphs), with a link to the image.
package enum InspectTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "inspect", title: "Inspect an image's provenance",
    description: "Read an image's header and the provenance inside it: reprise's record (manifest id, job, seed, prompt, model), "
      + "AUTOMATIC1111 parameters or ComfyUI graphs, from PNG text chunks or a <file>.reprise.json sidecar. Read-only. "
      + "Previews (thumbnails) are not offered yet: the image is returned as a resource_link.",
    parameters: [MCPParameter("image", .string, "The image path (inside the root) or its file:// URI.", required: true)],
    outputSchema: MCPTool.objectSchema(
      [
        "file": MCPTool.type("string"), "media_type": MCPTool.type("string"), "bytes": MCPTool.type("integer"), "sha256": MCPTool.type("string"),
        "has_metadata": MCPTool.type("boolean"),
      ], required: ["file", "media_type", "bytes", "sha256", "has_metadata"]),
    annotations: MCPToolAnnotations(readOnly: true, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let path = try arguments.requiredPath("image")
        let found = try await BlockingWork.run(throwing: { () throws(RepriseError) in
          let bytes: [UInt8]
          do throws(FileSystem.Failure) { bytes = try FileSystem.readFile(path, limit: 512 * 1_048_576) } catch {
            throw .badInput("image '\(context.root.relative(path))' cannot be read: \(error.reason)")
          }
          return ImageInspector.inspect(bytes, path: path)
        })
        guard let info = found.info else { throw RepriseError.badInput("'\(context.root.relative(path))' is not a PNG, JPEG, WebP or GIF image") }
        let structured: JSONValue = .object([
          "file": .string(path), "media_type": .string(info.format.mediaType), "width": .optional(info.width), "height": .optional(info.height),
          "bytes": .int(Int64(found.bytes)), "sha256": .string(found.sha256), "has_metadata": .bool(found.hasMetadata),
          "reprise": found.reprise ?? .null, "reprise_source": .optional(found.repriseSource), "automatic1111": found.automatic1111 ?? .null,
          "comfyui_prompt": found.comfyPrompt ?? .null, "comfyui_workflow": found.comfyWorkflow ?? .null,
          "other_text": .object(found.otherText.mapValues { .string($0) }), "problem": .optional(found.problem),
        ])
        let link = MCPContent.resourceLink(
          uri: MCPRoot.uri(path), name: context.root.relative(path), mimeType: info.format.mediaType, size: found.bytes,
          description: "\(found.bytes) bytes, sha256 \(found.sha256)", meta: ["sha256": .string(found.sha256), "path": .string(path)])
        return .success(structured, summary: found.hasMetadata ? "provenance found" : "no reprise, AUTOMATIC1111 or ComfyUI metadata found", links: [link])
      }
    })
}
