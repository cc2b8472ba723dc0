/// The rails a job was planned with (`spec.lock_palette`, `spec.lock_composition`): what its
/// output is checked against.
public struct PlannedLocks: Sendable, Equatable {
  /// The palette was to be kept.
  public var palette: Bool
  /// The composition was to be kept.
  public var composition: Bool

  /// No locks.
  public static let none = PlannedLocks(palette: false, composition: false)

  /// Locks as given.
  public init(palette: Bool, composition: Bool) {
    self.palette = palette
    self.composition = composition
  }

  /// The locks a job's diagnostics record (`lock_palette`, `lock_composition`; absent in jobs
  /// queued by earlier versions: no locks).
  package init(diagnostics: [String: JSONValue]) {
    self.init(palette: diagnostics["lock_palette"]?.boolValue ?? false, composition: diagnostics["lock_composition"]?.boolValue ?? false)
  }
}
