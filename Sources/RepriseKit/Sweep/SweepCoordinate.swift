/// One axis of a cell and its value there.
public struct SweepCoordinate: Sendable, Equatable, Hashable {
  /// The axis.
  public let axis: SweepAxis
  /// Its value in the cell.
  public let value: SweepValue

  /// A coordinate as given.
  public init(axis: SweepAxis, value: SweepValue) {
    self.axis = axis
    self.value = value
  }
}
