import Foundation

/// Validates options, checks edit intent, loads the baseline, plans the batch and merges it into
/// an existing manifest of the same prefix. Writes nothing until `write` is called.
public enum VariantBatchPreparer {
  /// Everything up to (not including) writing.
  /// - Throws: `RepriseError` with exit 64 (flags), 4 (edit intent without baseline) or 2 (bad
  ///   baseline, out-dir, or existing manifest).
  public static func prepare(_ options: VariantOptions, currentDirectory: String) throws(RepriseError) -> PreparedVariants {
    try options.validate()
    let editIntent = try EditIntentDetector.check(
      options.prompt, hasBaseline: options.baselineImage != nil, allowWithoutBaseline: options.allowNoBaselineOnEditIntent)
    // A sweep's other wordings (--prompt-variant) are held to the same rule.
    for wording in options.sweep.first(where: { $0.axis == .prompt })?.values.compactMap(\.text).dropFirst() ?? [] {
      _ = try EditIntentDetector.check(wording, hasBaseline: options.baselineImage != nil, allowWithoutBaseline: options.allowNoBaselineOnEditIntent)
    }
    let outDir = PathMath.absolute(options.outDir, base: currentDirectory)
    switch FileSystem.entryKind(outDir) {
    case .file, .other: throw .badInput("--out-dir '\(options.outDir)' is a file, not a folder: choose a folder (it is created if missing)")
    case .symlink where !FileSystem.isDirectory(outDir): throw .badInput("--out-dir '\(options.outDir)' is a link to something that is not a folder")
    default: break
    }
    let baseline = try options.loadBaseline(currentDirectory: currentDirectory, manifestFolder: outDir)
    if let parent = options.parent, baseline?.record.sha256 != parent.sha256 {
      throw .badInput(
        "baseline '\(options.baselineImage ?? "")' is not the output of \(parent.jobID) (sha256 \(baseline?.record.sha256 ?? "none") vs recorded "
          + "\(parent.sha256)): iterate from an unchanged output")
    }
    let manifestPath = (options.outDir as NSString).appendingPathComponent("\(options.prefix)-manifest.json")
    let absoluteManifest = PathMath.absolute(manifestPath, base: currentDirectory)
    try CaseCollision.check("\(options.prefix)-manifest.json", in: outDir, shownFolder: options.outDir, flag: "--prefix")
    var existing: ManifestDocument?
    var existingText: String?
    switch FileSystem.entryKind(absoluteManifest) {
    case .missing: break
    case .file:
      let bytes: [UInt8]
      do { bytes = try FileSystem.readFile(absoluteManifest) } catch {
        throw .badInput("manifest '\(manifestPath)' exists but cannot be read: \(error.reason)")
      }
      existing = try ManifestDocument.decode(bytes, name: manifestPath)
      existingText = String(decoding: bytes, as: UTF8.self)
    default:
      throw .badInput("manifest '\(manifestPath)' exists but is not a regular file: move it away or use another --prefix")
    }
    let plan = VariantPlanner.plan(options, baseline: baseline, editIntent: editIntent, continuing: existing?.manifest)
    let manifest = try ManifestMerger.merge(plan, into: existing, path: manifestPath)
    return PreparedVariants(manifest: manifest, manifestPath: manifestPath, plannedJobs: plan.jobs, existingText: existingText)
  }

  /// True when the manifest file still holds what `prepared` was merged with (or is still
  /// missing, if it was): the plan can be written as it is. Compares the bytes, parsing nothing.
  public static func isCurrent(_ prepared: PreparedVariants, currentDirectory: String) -> Bool {
    let path = PathMath.absolute(prepared.manifestPath, base: currentDirectory)
    guard let text = prepared.existingText else { return FileSystem.entryKind(path) == .missing }
    guard FileSystem.entryKind(path) == .file, let bytes = try? FileSystem.readFile(path) else { return false }
    return bytes.elementsEqual(text.utf8)
  }

  /// Creates the out-dir and writes the manifest atomically (only when it changes).
  public static func write(_ prepared: PreparedVariants, currentDirectory: String) throws(RepriseError) {
    guard prepared.changesFile else { return }
    let path = PathMath.absolute(prepared.manifestPath, base: currentDirectory)
    do {
      try FileSystem.makeDirectories((path as NSString).deletingLastPathComponent)
      try FileSystem.writeAtomically(prepared.fileText, to: path)
    } catch {
      throw .badInput("cannot write manifest '\(prepared.manifestPath)': \(error.reason)")
    }
  }
}
