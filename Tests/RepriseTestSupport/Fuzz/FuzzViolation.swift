/// Thrown by a fuzz target's body when an input breaks a property that must hold for every input
/// (a round trip, a bound, an exit code): a failure even though nothing crashed.
public struct FuzzViolation: Error, Sendable, CustomStringConvertible {
  /// What broke.
  public let message: String

  /// A violation described by `message`.
  public init(_ message: String) { self.message = message }

  public var description: String { message }
}
