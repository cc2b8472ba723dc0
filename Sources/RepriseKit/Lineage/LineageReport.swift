/// What `reprise lineage` found: every manifest under a folder, sorted by path, with parents and
/// children, plus warnings about what it skipped.
package struct LineageReport: Sendable, Equatable {
  /// The manifests, sorted by path.
  package let nodes: [LineageNode]
  /// One line per skipped manifest, unlistable folder or picks file that does not fit.
  package let warnings: [String]

  /// A report as given.
  package init(nodes: [LineageNode], warnings: [String]) {
    self.nodes = nodes
    self.warnings = warnings
  }

  /// The `--json` form.
  package var json: JSONValue { .object(["manifests": .array(nodes.map(\.json))]) }

  /// The tree: roots in path order, each child under its parent indented two spaces, then a
  /// summary line.
  package var lines: [String] {
    let byPath = Dictionary(nodes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    var lines: [String] = []
    var stack = nodes.filter { $0.parent == nil }.reversed().map { ($0, 0) }
    while let (node, depth) = stack.popLast() {
      lines.append(String(repeating: "  ", count: depth) + node.line)
      stack += node.children.reversed().compactMap { byPath[$0] }.map { ($0, depth + 1) }
    }
    let roots = nodes.count(where: { $0.parent == nil })
    lines.append(
      nodes.isEmpty
        ? "no manifests found"
        : "\(nodes.count) \(nodes.count == 1 ? "manifest" : "manifests"), \(roots) \(roots == 1 ? "root" : "roots")")
    return lines
  }
}
