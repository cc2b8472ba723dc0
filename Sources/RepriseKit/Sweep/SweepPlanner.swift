/// Plans a sweep: the cartesian product of the axes (the first axis varies slowest), each cell's
/// request shaped for its own model by `RequestShaper`, then `--count` variants per cell.
///
/// Job indices stay one per job and dense: variant *v* (1-based, per cell) of the cell at
/// position *c* (0-based among the planned cells, *C* of them) is index `(v - 1) * C + c + 1`,
/// so a later `--start-index` / `--count` adds variants to every cell, after the earlier ones.
/// Variant *v* of every cell gets the same delta and (without a seed axis) the same seed, so
/// cells compare like for like.
package enum SweepPlanner {
  /// Every cell of the product, in order.
  package static func cells(_ axes: [SweepAxisValues]) -> [SweepCell] {
    var cells: [[SweepCoordinate]] = [[]]
    for axis in axes {
      cells = cells.flatMap { prefix in axis.values.map { prefix + [SweepCoordinate(axis: axis.axis, value: $0)] } }
    }
    return cells.map(SweepCell.init)
  }

  /// The options of one cell: the batch's options with the cell's values in place.
  package static func options(_ base: VariantOptions, for cell: SweepCell) -> VariantOptions {
    var o = base
    o.sweep = []
    for c in cell.coordinates {
      switch (c.axis, c.value) {
      case (.model, .text(let v)): o.model = v
      case (.aspectRatio, .text(let v)): o.aspectRatio = v
      case (.imageSize, .text(let v)): o.imageSize = v
      case (.variationStrength, .text(let v)): o.variationStrength = v
      case (.transport, .text(let v)): o.transport = TransportChoice(rawValue: v) ?? o.transport
      case (.seed, .seed(let n)): o.seed = n
      case (.prompt, .text(let v)): o.prompt = v
      default: break
      }
    }
    return o
  }

  /// The sweep's cells, each shaped; invalid cells refused (usage error listing them all) or,
  /// with `--skip-invalid-cells`, recorded as skipped.
  package static func resolve(_ options: VariantOptions) throws(RepriseError) -> SweepSpec {
    var planned: [SweepCellSpec] = []
    var skipped: [SweepSkippedCell] = []
    for cell in cells(options.sweep) {
      let cellOptions = SweepPlanner.options(options, for: cell)
      do {
        planned.append(SweepCellSpec(cell: cell, model: cellOptions.model, request: try cellOptions.requestParameters()))
      } catch {
        skipped.append(SweepSkippedCell(cell: cell, reason: error.message))
      }
    }
    let total = planned.count + skipped.count
    if !skipped.isEmpty && !options.skipInvalidCells {
      let list = skipped.map { "[\($0.cell)] \($0.reason)" }.joined(separator: "; ")
      throw .usage("--sweep: \(skipped.count) of \(total) cells are invalid (drop those values or pass --skip-invalid-cells): \(list)")
    }
    guard !planned.isEmpty else {
      throw .usage("--sweep: none of the \(total) cells is valid: \(skipped.map { "[\($0.cell)] \($0.reason)" }.joined(separator: "; "))")
    }
    return SweepSpec(axes: options.sweep, cells: planned, skipInvalidCells: options.skipInvalidCells, skipped: options.skipInvalidCells ? skipped : [])
  }

  /// The plan of a sweep invocation (options validated, so `resolve` succeeds).
  package static func plan(_ options: VariantOptions, baseline: BaselineImage?, editIntent: [String], continuing existing: Manifest?) -> VariantPlan {
    let sweep: SweepSpec
    do { sweep = try resolve(options) } catch { preconditionFailure("sweep planned without validate(): \(error.message)") }
    let hasBaseline = baseline != nil
    let first = SweepPlanner.options(options, for: sweep.cells[0].cell)
    let firstRails = RailSettings(
      strength: first.variationStrength, lockPalette: first.lockPalette, lockComposition: first.lockComposition, hasBaseline: hasBaseline)
    var spec = ManifestSpec(
      prompt: first.prompt, model: first.model, transportRequested: first.transport.rawValue,
      request: sweep.cells[0].request, aspectRatio: first.aspectRatio, imageSize: first.imageSize,
      baseline: baseline?.record, variationStrength: firstRails.strength, lockPalette: firstRails.lockPalette,
      lockComposition: firstRails.lockComposition, mustKeep: options.mustKeep, railsApplied: firstRails.applied,
      editIntent: editIntent, seedRule: SeedRule(kind: "derived", base: 0), prefix: options.prefix,
      ext: options.ext, deltaCatalog: DeltaCatalog.version)
    spec.sweep = sweep
    spec.parent = options.parent
    spec.palette = options.palette
    spec.deriveSeedRule(fixed: options.seed)
    spec.capabilitiesSource = options.capabilitiesSource
    if let existing, existing.spec.identity == spec.identity { spec = existing.spec }
    let batch = ManifestBatch(startIndex: options.startIndex, count: options.count, maxJobs: options.maxJobs, requestID: options.requestID)
    let cellCount = sweep.cells.count
    let variants = options.startIndex...(options.startIndex + options.count - 1)
    let planned = min(options.count * cellCount, options.maxJobs ?? Int.max)
    let largest = (variants.upperBound - 1) * cellCount + cellCount
    let width = VariantPlanner.indexWidth(largestIndex: largest, existing: existing)
    var jobs: [ManifestJob] = []
    jobs.reserveCapacity(planned)
    outer: for variant in variants {
      for (ordinal, cellSpec) in sweep.cells.enumerated() {
        guard jobs.count < planned else { break outer }
        let cellOptions = SweepPlanner.options(options, for: cellSpec.cell)
        let rails = RailSettings(
          strength: cellOptions.variationStrength, lockPalette: cellOptions.lockPalette, lockComposition: cellOptions.lockComposition, hasBaseline: hasBaseline)
        let constraints = PromptComposer.constraintLines(
          hasBaseline: hasBaseline, mustKeep: options.mustKeep, lockPalette: rails.lockPalette, lockComposition: rails.lockComposition,
          strength: rails.strength, palette: options.palette ?? [])
        // A brand palette rules out the deltas that change colour, as in a plain batch.
        let delta = DeltaCatalog.delta(
          forIndex: variant, strength: rails.strength, lockPalette: rails.lockPalette || options.palette != nil, lockComposition: rails.lockComposition,
          version: spec.deltaCatalog)
        let prompt = PromptComposer.compose(userPrompt: cellOptions.prompt, constraints: constraints, delta: delta)
        let seed: Int64
        if case .seed(let base)? = cellSpec.cell.value(.seed) {
          seed = SeedRule(kind: "fixed", base: base).seed(forIndex: variant)
        } else {
          seed = spec.seedRule.seed(forIndex: variant)
        }
        let body = RequestBuilder.bytes(model: cellSpec.model, parameters: cellSpec.request, prompt: prompt, seed: seed, baselineURL: baseline?.requestURL)
        let requestHash = SHA256.hash(body).hexString
        let index = (variant - 1) * cellCount + ordinal + 1
        let padded = VariantPlanner.pad(index, width: width)
        jobs.append(ManifestJob(
          index: index, jobID: "\(options.prefix)-\(padded)-\(requestHash.prefix(8))",
          out: "\(options.prefix)-\(padded).\(options.ext)", deltaID: delta.id, delta: delta.text,
          seed: seed, prompt: prompt, requestSHA256: requestHash, cell: cellSpec.cell, variant: variant))
      }
    }
    return VariantPlan(spec: spec, batch: batch, jobs: jobs)
  }
}
