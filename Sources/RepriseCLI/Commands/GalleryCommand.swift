import Foundation
import RepriseKit

/// `reprise gallery MANIFEST` and `reprise gallery --compare A B`: a self-contained HTML page of a
/// manifest's results, or of two iterations side by side.
enum GalleryCommand {
  static let command = Command(
    name: "gallery",
    summary: "write a self-contained HTML gallery of a manifest's images, or compare two",
    usage: [
      "gallery MANIFEST [--out FILE] [--queue-dir DIR] [--embed]",
      "gallery --compare A-MANIFEST B-MANIFEST [--out FILE] [--queue-dir DIR] [--embed]",
      "gallery --lineage DIR [--out FILE] [--embed]",
    ],
    notes: [
      "Writes <prefix>-gallery.html beside the manifest (with --compare, <b-prefix>-compare.html beside",
      "the second): the prompt, rails, model, baseline and cost per batch, then one card per job with its",
      "image, index, delta, seed, status, short sha256 and cost; failed jobs show their reason. Results come",
      "from the manifest's queue folder. Images are linked by relative paths, or inlined with --embed so the",
      "file can be mailed; the page never loads anything from the network. The same inputs give the same",
      "bytes. An existing file is replaced only if reprise wrote it (it starts with <!-- reprise gallery -->).",
      "Picked jobs (reprise pick) carry a picked label and their note.",
      "--lineage DIR writes DIR/lineage.html: one row per iteration under DIR (as reprise lineage finds them),",
      "thumbnails with picks marked, each child row linked to the parent image it came from.",
      "Prints the path written. Exit 0 ok, 2 unreadable or edited manifest or a file it will not replace, 64 usage.",
    ],
    options: [
      .flag("compare", "Lay two manifests side by side by index, with their differences."),
      .value("lineage", "DIR", "One page of every iteration under DIR, children linked to their parent image."),
      .value("out", "FILE", "Where to write (default beside the (second) manifest)."),
      .value("queue-dir", "DIR", "Queue folder with the results (default <manifest folder>/imagegen-queue)."),
      .flag("embed", "Inline the images as data URLs (one file to mail)."),
      .value("x", "AXIS", "A sweep's grid: the axis of the columns (default its first axis)."),
      .value("y", "AXIS", "A sweep's grid: the axis of the rows (default its second axis)."),
    ],
    run: { args, context in try await run(args, context) })

  static func run(_ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if let dir = args.value("lineage") { return try await lineage(dir, args, context) }
    let compare = args.flag("compare")
    let wanted = compare ? 2 : 1
    guard args.positionals.count == wanted else {
      if compare { throw RepriseError.usage("gallery --compare needs two manifest paths, got \(args.positionals.count)") }
      throw RepriseError.usage(
        args.positionals.isEmpty
          ? "gallery needs a manifest path" : "gallery takes one manifest path, got \(args.positionals.count) (use --compare A B for two)")
    }
    if let out = args.value("out"), out.isEmpty { throw RepriseError.usage("--out needs a file path") }
    if let queue = args.value("queue-dir"), queue.isEmpty { throw RepriseError.usage("--queue-dir needs a folder path") }
    // Every manifest is read (and refused if bad) before any warning about its results is printed.
    let documents = try args.positionals.map { path throws in try document(path, context: context) }
    let sources = try zip(args.positionals, documents).map { path, document throws in try source(path, document: document, args: args, context: context) }
    let last = sources[sources.count - 1]
    let lastName = args.positionals[args.positionals.count - 1]
    let defaultName = last.manifest.spec.prefix + (compare ? "-compare.html" : "-gallery.html")
    let shown = args.value("out") ?? ((lastName as NSString).deletingLastPathComponent as NSString).appendingPathComponent(defaultName)
    let htmlPath = context.absolute(shown)
    if sources.contains(where: { $0.manifestPath == htmlPath }) {
      throw RepriseError.badInput("--out '\(shown)' is a manifest: refusing to overwrite it")
    }
    try GalleryFile.checkReplaceable(htmlPath, shown: shown)
    let embed = args.flag("embed")
    if !compare, sources[0].manifest.spec.sweep == nil, args.value("x") != nil || args.value("y") != nil {
      throw RepriseError.usage("--x/--y lay out a sweep's grid: '\(args.positionals[0])' is not a sweep")
    }
    let html =
      compare
      ? CompareGalleryPage(a: sources[0], b: sources[1], htmlPath: htmlPath, embed: embed).render()
      : sources[0].manifest.spec.sweep != nil
        ? try SweepGridPage(source: sources[0], htmlPath: htmlPath, embed: embed, x: args.value("x"), y: args.value("y")).render()
        : GalleryPage(source: sources[0], htmlPath: htmlPath, embed: embed).render()
    try GalleryFile.write(html, to: htmlPath, shown: shown)
    context.console.line(shown)
    return .ok
  }

  /// Loads a manifest, refusing an edited one.
  static func document(_ path: String, context: CommandContext) throws(RepriseError) -> ManifestDocument {
    let document = try ManifestDocument.load(path: context.absolute(path), name: path)
    guard document.idMatches else {
      throw .badInput("manifest '\(path)' was edited (its manifest_id no longer matches its contents): refusing to make a gallery of it")
    }
    return document
  }

  /// A loaded manifest with its results.
  static func source(_ path: String, document: ManifestDocument, args: ParsedArguments, context: CommandContext) throws(RepriseError) -> GallerySource {
    let absolute = context.absolute(path)
    let queueDir: String
    if let given = args.value("queue-dir") {
      queueDir = given
      guard FileSystem.isDirectory(context.absolute(given)) else { throw .badInput("queue folder '\(given)' does not exist") }
    } else {
      queueDir = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("imagegen-queue")
      if !FileSystem.isDirectory(context.absolute(queueDir)) {
        context.console.errLine("warning: queue folder '\(queueDir)' does not exist: no job of '\(path)' has run (pass --queue-dir)")
      }
    }
    let picks = PickFile.loadForShowing(forManifest: document.manifest, manifestPath: absolute, manifestName: path, warn: context.console.errLine)
    return GallerySource(manifest: document.manifest, manifestPath: absolute, queueRoot: context.absolute(queueDir), picks: picks)
  }
}
