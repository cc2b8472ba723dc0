/// What a tool runs with: the root every path is resolved in, the server's environment (the key
/// travels only here, to the operations and the workers they start), and a way to report progress.
package struct MCPToolContext: Sendable {
  /// The root.
  package let root: MCPRoot
  /// The server's environment.
  package let environment: [String: String]
  /// Sends `notifications/progress` (progress, total, message) when the caller asked for it
  /// (a `progressToken`); does nothing otherwise.
  package let progress: @Sendable (Double, Double?, String) -> Void

  /// A context as given.
  package init(root: MCPRoot, environment: [String: String], progress: @escaping @Sendable (Double, Double?, String) -> Void) {
    self.root = root
    self.environment = environment
    self.progress = progress
  }
}
