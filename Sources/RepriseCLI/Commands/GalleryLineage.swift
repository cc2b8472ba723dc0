import Foundation
import RepriseKit

/// `reprise gallery --lineage DIR`: the lineage page of every manifest under a folder.
extension GalleryCommand {
  /// Writes `<DIR>/lineage.html` (or `--out`) and prints its path.
  static func lineage(_ dir: String, _ args: ParsedArguments, _ context: CommandContext) async throws -> ExitCode {
    if args.flag("compare") { throw RepriseError.usage("--lineage and --compare cannot be combined: pick one") }
    if !args.positionals.isEmpty { throw RepriseError.usage("gallery --lineage DIR takes no manifest paths (got \(args.positionals.count))") }
    if args.value("queue-dir") != nil { throw RepriseError.usage("--queue-dir does not go with --lineage: each manifest's results are in its own folder") }
    if let out = args.value("out"), out.isEmpty { throw RepriseError.usage("--out needs a file path") }
    let root = context.absolute(dir)
    let report = try await BlockingWork.run { () throws(RepriseError) -> LineageReport in try LineageBuilder.build(root: root, shown: dir) }
    for warning in report.warnings { context.console.errLine(warning) }
    let shown = args.value("out") ?? (dir as NSString).appendingPathComponent("lineage.html")
    let htmlPath = context.absolute(shown)
    try GalleryFile.checkReplaceable(htmlPath, shown: shown)
    let name = (PathMath.absolute(".", base: root) as NSString).lastPathComponent
    let page = LineageGalleryPage(report: report, root: root, rootName: name.isEmpty ? "/" : name, htmlPath: htmlPath, embed: args.flag("embed"))
    try GalleryFile.write(page.render(), to: htmlPath, shown: shown)
    context.console.line(shown)
    return .ok
  }
}
