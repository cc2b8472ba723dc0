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
    var lines = treeOrder.map { String(repeating: "  ", count: $0.depth) + $0.node.line }
    let roots = nodes.count(where: { $0.parent == nil })
    lines.append(
      nodes.isEmpty
        ? "no manifests found"
        : "\(nodes.count) \(nodes.count == 1 ? "manifest" : "manifests"), \(roots) \(roots == 1 ? "root" : "roots")")
    return lines
  }

  /// Every node in tree order (roots by path, each followed by its children), with its depth
  /// (0 for a root).
  package var treeOrder: [(node: LineageNode, depth: Int)] {
    let byPath = Dictionary(nodes.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    var ordered: [(node: LineageNode, depth: Int)] = []
    var stack = nodes.filter { $0.parent == nil }.reversed().map { ($0, 0) }
    while let (node, depth) = stack.popLast() {
      ordered.append((node, depth))
      stack += node.children.reversed().compactMap { byPath[$0] }.map { ($0, depth + 1) }
    }
    return ordered
  }
}
