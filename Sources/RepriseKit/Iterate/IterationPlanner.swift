/// Turns a parent (`IterationSource`) and what `iterate` was told to change into the
/// `VariantOptions` that `variants` then plans and runs.
///
/// Inherited unless overridden: the prompt, model, transport requested, image size, aspect ratio,
/// extension, must-keep items, brand palette, variation strength and locks; from a sweep's job,
/// its cell's model, wording, transport, size, aspect ratio and strength (not the sweep itself). Strength and locks
/// are inherited as the parent's user chose them: a value its baseline rails applied
/// (`rails_applied`), or the no-baseline default (medium, unlocked) of a parent without a
/// baseline, is left to the child's own rails, so an iteration from a first batch gets low
/// strength and both locks like any batch with a baseline. Not inherited: seeds (derived from the
/// new spec unless `--seed`), the request id, `--max-jobs` and `--start-index`.
package enum IterationPlanner {
  /// The options for the child batch, before the CLI adds the run-only values (seed, request id,
  /// upload consent, workspace root, capability table).
  /// - Parameters:
  ///   - folder: where the child goes (`IterationFolder.resolve`).
  package static func options(from source: IterationSource, overrides: IterationOverrides, folder: IterationFolder, workspaceRoot: String) -> VariantOptions {
    let spec = source.manifest.spec
    // A job of a sweep was made with its cell's values, not the spec's top level (the first cell).
    let cell = source.job.cell
    func fromCell(_ axis: SweepAxis) -> String? { cell?.value(axis)?.text }
    var prompt = overrides.prompt ?? fromCell(.prompt) ?? spec.prompt
    if let append = overrides.promptAppend { prompt = prompt.trimmingTrailingWhitespace() + "\n" + append }
    var options = VariantOptions(
      prompt: prompt, count: overrides.count ?? min(max(source.manifest.jobs.count, 1), VariantOptions.maxCount), outDir: folder.outDir,
      workspaceRoot: workspaceRoot)
    options.prefix = folder.prefix
    options.ext = overrides.ext ?? spec.ext
    options.model = overrides.model ?? fromCell(.model) ?? spec.model
    options.transport = overrides.transport ?? TransportChoice(rawValue: fromCell(.transport) ?? spec.transportRequested) ?? .auto
    options.imageSize = overrides.imageSize ?? fromCell(.imageSize) ?? spec.imageSize
    options.aspectRatio = overrides.aspectRatio ?? fromCell(.aspectRatio) ?? spec.aspectRatio
    options.mustKeep = overrides.mustKeep ?? spec.mustKeep
    options.palette = overrides.palette ?? spec.palette
    let chosen = chosenRails(spec)
    options.variationStrength = overrides.variationStrength ?? fromCell(.variationStrength) ?? chosen.strength
    options.lockPalette = overrides.lockPalette ?? chosen.lockPalette
    options.lockComposition = overrides.lockComposition ?? chosen.lockComposition
    options.baselineImage = source.imageName
    options.parent = source.parent
    return options
  }

  /// The strength and locks the parent's user chose (nil where a default decided).
  static func chosenRails(_ spec: ManifestSpec) -> (strength: String?, lockPalette: Bool?, lockComposition: Bool?) {
    let applied = Set(spec.railsApplied.map { $0.split(separator: "=").first.map(String.init) ?? $0 })
    let hasBaseline = spec.baseline != nil
    let strength = applied.contains("variation_strength") || (!hasBaseline && spec.variationStrength == "medium") ? nil : spec.variationStrength
    let palette = applied.contains("lock_palette") || (!hasBaseline && !spec.lockPalette) ? nil : spec.lockPalette
    let composition = applied.contains("lock_composition") || (!hasBaseline && !spec.lockComposition) ? nil : spec.lockComposition
    return (strength, palette, composition)
  }
}
