/// One cell of a sweep: a value for every swept axis, in axis order (`spec.sweep.axes`).
/// Recorded on each job as `cell`: `{"aspect-ratio": "1:1", "model": "openai/gpt-image-2"}`.
public struct SweepCell: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The coordinates, in the sweep's axis order.
  public let coordinates: [SweepCoordinate]

  /// A cell as given.
  public init(_ coordinates: [SweepCoordinate]) {
    self.coordinates = coordinates
  }

  /// The value on `axis`, or nil when the sweep does not vary it.
  public func value(_ axis: SweepAxis) -> SweepValue? {
    coordinates.first { $0.axis == axis }?.value
  }

  /// The manifest form: an object keyed by axis name (written sorted).
  public var json: JSONValue {
    var members: [String: JSONValue] = [:]
    for c in coordinates { members[c.axis.rawValue] = c.value.json }
    return .object(members)
  }

  /// `model=openai/gpt-image-2 aspect-ratio=1:1`, for messages and views (a prompt is quoted).
  public var description: String {
    coordinates.map { c in
      c.axis == .prompt ? "prompt=\"\(c.value)\"" : "\(c.axis.rawValue)=\(c.value)"
    }.joined(separator: " ")
  }

  /// Reads the manifest form, putting the coordinates in `axes` order; every axis must be there
  /// and no other.
  static func reading(_ value: JSONValue, axes: [SweepAxis], path: String) throws(JSONFieldError) -> SweepCell {
    guard case .object(let members) = value else { throw JSONFieldError(path: path, expected: "an object keyed by axis", found: value.kindName) }
    guard Set(members.keys) == Set(axes.map(\.rawValue)) else {
      throw JSONFieldError(
        path: path, expected: "one value for each axis (\(axes.map(\.rawValue).joined(separator: ", ")))",
        found: members.keys.sorted().joined(separator: ", "))
    }
    var coordinates: [SweepCoordinate] = []
    for axis in axes {
      coordinates.append(SweepCoordinate(axis: axis, value: try SweepValue.reading(members[axis.rawValue]!, axis: axis, path: path + "." + axis.rawValue)))
    }
    return SweepCell(coordinates)
  }
}
