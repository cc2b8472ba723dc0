/// A planned cell of a sweep: its values, and the model and request shaped for it when it was
/// planned, so `rerun` and the worker build each job's request from the manifest alone.
public struct SweepCellSpec: Sendable, Equatable {
  /// The cell's values.
  public let cell: SweepCell
  /// The model the cell's requests go to.
  public let model: String
  /// The cell's request parameters, shaped for its own model.
  public let request: RequestParameters

  /// A cell as planned.
  public init(cell: SweepCell, model: String, request: RequestParameters) {
    self.cell = cell
    self.model = model
    self.request = request
  }

  /// The manifest form.
  public var json: JSONValue {
    .object(["cell": cell.json, "model": .string(model), "request": request.json])
  }

  /// Reads the manifest form.
  init(reading r: JSONObjectReader, axes: [SweepAxis]) throws(JSONFieldError) {
    cell = try SweepCell.reading(try r.value("cell"), axes: axes, path: r.path + ".cell")
    model = try r.string("model")
    request = try RequestParameters(reading: try r.object("request"))
  }
}
