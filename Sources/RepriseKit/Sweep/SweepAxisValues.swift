/// One swept axis and its values, in the order given.
public struct SweepAxisValues: Sendable, Equatable {
  /// The axis.
  public let axis: SweepAxis
  /// Its values (distinct, in the order given).
  public let values: [SweepValue]

  /// An axis as given.
  public init(axis: SweepAxis, values: [SweepValue]) {
    self.axis = axis
    self.values = values
  }

  /// The manifest form: `{"axis": "model", "values": [...]}`.
  public var json: JSONValue {
    .object(["axis": .string(axis.rawValue), "values": .array(values.map(\.json))])
  }

  /// Reads the manifest form.
  init(reading r: JSONObjectReader) throws(JSONFieldError) {
    let name = try r.string("axis")
    guard let axis = SweepAxis(rawValue: name) else {
      throw JSONFieldError(path: r.path + ".axis", expected: SweepAxis.sweepable + " or prompt", found: "\"\(name)\"")
    }
    self.axis = axis
    guard case .array(let items)? = r.members["values"], !items.isEmpty else {
      throw JSONFieldError(path: r.path + ".values", expected: "a non-empty array", found: r.members["values"]?.kindName ?? "nothing")
    }
    var values: [SweepValue] = []
    for (n, item) in items.enumerated() { values.append(try SweepValue.reading(item, axis: axis, path: r.path + ".values[\(n)]")) }
    self.values = values
  }
}
