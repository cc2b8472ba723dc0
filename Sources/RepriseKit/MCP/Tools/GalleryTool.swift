import Foundation

/// `gallery`: the self-contained HTML page of a manifest's images, written beside it.
package enum GalleryTool {
  /// The tool.
  package static let tool = MCPTool(
    name: "gallery", title: "Write a gallery page",
    description: "Write <prefix>-gallery.html beside a manifest (or at out): one card per job with its image, prompt delta, seed and cost. "
      + "Replaces only a gallery reprise wrote earlier. Returns the page as a resource_link.",
    parameters: [
      MCPParameter("manifest", .string, "The manifest path (inside the root).", required: true),
      MCPParameter("out", .string, "Where to write (default beside the manifest)."),
      MCPParameter("queue_dir", .string, "Queue folder with the results (default: beside the manifest)."),
      MCPParameter("embed", .boolean, "Inline the images as data URLs (one file to send)."),
    ],
    outputSchema: MCPTool.objectSchema(["path": MCPTool.type("string"), "uri": MCPTool.type("string")], required: ["path", "uri"]),
    annotations: MCPToolAnnotations(readOnly: false, idempotent: true),
    run: { arguments, context throws(MCPError) in
      try await MCPToolResult.catching {
        let path = try arguments.requiredPath("manifest")
        let folder = (path as NSString).deletingLastPathComponent
        let queue = try arguments.path("queue_dir") ?? folder + "/imagegen-queue"
        let name = context.root.relative(path)
        let document = try ManifestDocument.load(path: path, name: name)
        guard document.idMatches else { throw RepriseError.badInput("manifest '\(name)' was edited (its manifest_id no longer matches): no gallery") }
        let html = try arguments.path("out") ?? folder + "/" + document.manifest.spec.prefix + "-gallery.html"
        guard html != path else { throw RepriseError.badInput("out is the manifest: refusing to overwrite it") }
        let shown = context.root.relative(html)
        let embed = arguments.flag("embed")
        try await BlockingWork.run(throwing: { () throws(RepriseError) in
          try GalleryFile.checkReplaceable(html, shown: shown)
          let picks = try PickFile.load(forManifest: document.manifest, manifestPath: path, manifestName: name)
          let source = GallerySource(manifest: document.manifest, manifestPath: path, queueRoot: queue, picks: picks)
          try GalleryFile.write(GalleryPage(source: source, htmlPath: html, embed: embed).render(), to: html, shown: shown)
        })
        let size = FileSystem.entryKind(html) == .file ? (try? FileSystem.readFile(html).count) : nil
        let link = MCPContent.resourceLink(
          uri: MCPRoot.uri(html), name: shown, mimeType: "text/html", size: size, description: "gallery of \(name)", meta: ["path": .string(html)])
        return .success(.object(["path": .string(html), "uri": .string(MCPRoot.uri(html))]), summary: "wrote \(shown)", links: [link])
      }
    })
}
