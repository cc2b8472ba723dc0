import Foundation
import RepriseTestSupport
import Testing
@testable import RepriseKit

/// Sweeps (`--sweep AXIS=V1,V2`): product order, invalid cells, skipped cells recorded, the
/// manifest promises (byte-identical, id, per-cell request hashes, merge, refusal), and diff by cell.
@Suite struct SweepPlanningTests {
  static let gemini = "google/gemini-3.1-flash-image-preview"
  static let flux = "black-forest-labs/flux.2-pro"
  static let gptImage = "openai/gpt-image-2"

  static func options(models: [String], ratios: [String], count: Int = 2, _ configure: (inout VariantOptions) -> Void = { _ in }) throws -> VariantOptions {
    var options = VariantOptions(prompt: "A fox logo", count: count, outDir: "/tmp/sweep", workspaceRoot: "/tmp")
    options.sweep = try SweepArguments.parse(["model=" + models.joined(separator: ","), "aspect-ratio=" + ratios.joined(separator: ",")], promptVariants: [])
    options.useDiscovery(options.sweptModels.map { ($0, ModelDiscovery.Outcome(discovered: RequestShapingTests.families[$0], fallbackReason: nil)) })
    configure(&options)
    return options
  }

  static func manifest(_ options: VariantOptions, into existing: ManifestDocument? = nil) throws -> Manifest {
    try options.validate()
    let plan = VariantPlanner.plan(options, baseline: nil, editIntent: [], continuing: existing?.manifest)
    return try ManifestMerger.merge(plan, into: existing, path: "image-manifest.json")
  }

  static func document(_ manifest: Manifest) throws -> ManifestDocument {
    try ManifestDocument.decode(Array(manifest.fileText.utf8), name: "image-manifest.json")
  }

  @Test func cellsAreTheProductFirstAxisSlowestAndVariantsInterleave() throws {
    let manifest = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1", "16:9"]))
    let cells = try #require(manifest.spec.sweep).cells.map(\.cell.description)
    #expect(cells == [
      "model=\(Self.gemini) aspect-ratio=1:1", "model=\(Self.gemini) aspect-ratio=16:9",
      "model=\(Self.flux) aspect-ratio=1:1", "model=\(Self.flux) aspect-ratio=16:9",
    ])
    #expect(manifest.jobs.map(\.index) == Array(1...8))
    #expect(manifest.jobs.map { $0.variant ?? 0 } == [1, 1, 1, 1, 2, 2, 2, 2])
    #expect(manifest.jobs.map { $0.cell?.description ?? "" } == cells + cells)
    // Variant v of every cell gets the same delta and seed: cells compare like for like.
    for variant in [1, 2] {
      let jobs = manifest.jobs.filter { $0.variant == variant }
      #expect(Set(jobs.map(\.deltaID)).count == 1)
      #expect(Set(jobs.map(\.seed)).count == 1)
    }
    // Each cell's request is shaped for its own model and hashed per job.
    for job in manifest.jobs {
      let target = manifest.requestTarget(of: job)
      #expect(target.model == job.cell?.value(.model)?.text)
      let body = RequestBuilder.bytes(model: target.model, parameters: target.request, prompt: job.prompt, seed: job.seed, baselineURL: nil)
      #expect(SHA256.hash(body).hexString == job.requestSHA256)
    }
    let fluxJob = try #require(manifest.jobs.first { $0.cell?.value(.model) == .text(Self.flux) })
    #expect(manifest.requestTarget(of: fluxJob).request.transport == .images)
    #expect(manifest.requestTarget(of: manifest.jobs[0]).request.transport == .chat)
    let queued = QueuedJob.from(manifest: manifest, job: fluxJob, manifestFolder: "/tmp", outRoot: "/tmp", requestID: nil, clarifyHints: [], origin: "variants")
    #expect(queued.model == Self.flux && queued.request.transport == .images && queued.request.aspectRatio == fluxJob.cell?.value(.aspectRatio)?.text)
  }

  @Test func invalidCellsAreRefusedListedOrSkippedAndRecorded() throws {
    let refused = try Self.options(models: [Self.gemini, Self.flux, Self.gptImage], ratios: ["1:1", "16:9"])
    #expect(throws: RepriseError.self) { try refused.validate() }
    do { try refused.validate() } catch {
      #expect(error.kind == .usage)
      #expect(error.message.hasPrefix("--sweep: 1 of 6 cells are invalid (drop those values or pass --skip-invalid-cells): "))
      #expect(error.message.contains("[model=openai/gpt-image-2 aspect-ratio=16:9] --aspect-ratio '16:9' is not supported by openai/gpt-image-2"))
    }
    let skipping = try Self.options(models: [Self.gemini, Self.flux, Self.gptImage], ratios: ["1:1", "16:9"]) { $0.skipInvalidCells = true }
    let manifest = try Self.manifest(skipping)
    let sweep = try #require(manifest.spec.sweep)
    #expect(sweep.cells.count == 5 && manifest.jobs.count == 10)
    #expect(sweep.skipped.map(\.cell.description) == ["model=openai/gpt-image-2 aspect-ratio=16:9"])
    #expect(manifest.fileText.contains("\"skip_invalid_cells\": true") && manifest.fileText.contains("\"skipped_cells\": ["))
    #expect(manifest.jobs.last?.index == 10)
  }

  @Test func sweepArgumentsAreCheckedPerAxis() {
    func message(_ sweeps: [String], _ variants: [String] = []) -> String? {
      do { _ = try SweepArguments.parse(sweeps, promptVariants: variants) } catch { return error.message }
      return nil
    }
    #expect(message(["colour=red"])?.contains("'colour' is not an axis") == true)
    #expect(message(["model"])?.hasPrefix("--sweep 'model' is not accepted") == true)
    #expect(message(["seed=1,x"])?.contains("'x' is not accepted for seed") == true)
    #expect(message(["model=a/b,a/b"])?.contains("twice") == true)
    #expect(message(["model=a/b", "model=c/d"])?.contains("given twice") == true)
    #expect(message(["image-size=huge"])?.contains("not accepted for image-size") == true)
    #expect(message([], ["A", "A"])?.contains("given twice") == true)
    #expect(message(["seed=1,2", "transport=auto,chat"], ["A", "B"]) == nil)
  }

  @Test func theSameCommandWritesTheSameBytesAndTheFileReadsBack() throws {
    let a = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux, Self.gptImage], ratios: ["1:1", "16:9"]) { $0.skipInvalidCells = true })
    let b = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux, Self.gptImage], ratios: ["1:1", "16:9"]) { $0.skipInvalidCells = true })
    #expect(a.fileText == b.fileText)
    #expect(a.jobs.count == 10)
    let document = try Self.document(a)
    #expect(document.idMatches && document.computedID == a.manifestID)
    #expect(document.manifest.fileText == a.fileText)
    // manifest_id is the SHA-256 of the canonical JSON of every other member.
    guard case .object(var members) = try JSONParser().parse(Array(a.fileText.utf8)) else { Issue.record("not an object"); return }
    members["manifest_id"] = nil
    #expect(a.manifestID == "sha256:" + SHA256.hash(JSONWriter.canonical(.object(members))).hexString)
    // rerun rebuilds every job's request, each for its cell's model.
    let checks = try RerunPlanner.rebuild(document, manifestPath: "/tmp/sweep/image-manifest.json")
    #expect(checks.count == 10 && checks.allSatisfy { $0.recordedSHA256 == $0.rebuiltSHA256 })
  }

  @Test func aLaterBatchAddsVariantsToEveryCell() throws {
    let first = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1", "16:9"]))
    let more = try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1", "16:9"], count: 1) { $0.startIndex = 3 }
    let merged = try Self.manifest(more, into: try Self.document(first))
    #expect(merged.jobs.count == 12)
    #expect(merged.batches.count == 2)
    let added = merged.jobs.filter { $0.variant == 3 }
    #expect(added.map(\.index) == [9, 10, 11, 12])
    #expect(Set(added.compactMap(\.cell)) == Set(try #require(merged.spec.sweep).cells.map(\.cell)))
    #expect(Array(merged.jobs.prefix(8)) == first.jobs)
    // The same batch again changes nothing.
    let again = try Self.manifest(more, into: try Self.document(merged))
    #expect(again.fileText == merged.fileText)
  }

  @Test func aBatchWithAnotherSweepIsRefusedNamingTheField() throws {
    let first = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1", "16:9"]))
    let other = try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1"])
    #expect(throws: RepriseError.self) { _ = try Self.manifest(other, into: try Self.document(first)) }
    let document = try Self.document(first)
    do { _ = try Self.manifest(other, into: document) } catch let error as RepriseError {
      #expect(error.kind == .badInput)
      #expect(error.message.contains("already exists with a different spec: spec.sweep."))
    }
    // A plain batch (no sweep) is refused too.
    var plain = VariantOptions(prompt: "A fox logo", count: 2, outDir: "/tmp/sweep", workspaceRoot: "/tmp")
    plain.useDiscovery(ModelDiscovery.Outcome(discovered: RequestShapingTests.families[Self.gemini], fallbackReason: nil))
    #expect(throws: RepriseError.self) { _ = try Self.manifest(plain, into: try Self.document(first)) }
  }

  @Test func aManifestWhoseJobLeftItsCellIsRefused() throws {
    let manifest = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1"]))
    // Swap the cells of jobs 1 and 2 and recompute the id: integrity still refuses it.
    var jobs = manifest.jobs
    let (a, b) = (jobs[0], jobs[1])
    jobs[0] = ManifestJob(
      index: a.index, jobID: a.jobID, out: a.out, deltaID: a.deltaID, delta: a.delta, seed: a.seed, prompt: a.prompt, requestSHA256: a.requestSHA256,
      cell: b.cell, variant: a.variant)
    let edited = Manifest(spec: manifest.spec, batches: manifest.batches, jobs: jobs)
    let problem = ManifestIntegrity.firstProblem(in: edited)
    #expect(problem?.contains("jobs[index=1] is variant 1 of cell [model=\(Self.flux) aspect-ratio=1:1], whose index is 2") == true)
  }

  @Test func diffOfTwoSweepsMatchesJobsByCellAndVariant() throws {
    let old = try Self.manifest(try Self.options(models: [Self.gemini, Self.flux], ratios: ["1:1"]) { $0.seed = 5 })
    let lite = "google/gemini-3.1-flash-lite-image"
    let new = try Self.manifest(try Self.options(models: [lite, Self.gemini, Self.flux], ratios: ["1:1"]) { $0.seed = 5 })
    let diff = ManifestDiff(old, new)
    let jobChanges = diff.changes.filter { $0.path.hasPrefix("jobs") }
    // The lite model's cell is new; the others moved to other indices but their requests did not change.
    let added = jobChanges.filter { $0.op == .add }.map(\.path)
    #expect(added == ["jobs[cell=model=\(lite) aspect-ratio=1:1,variant=1]", "jobs[cell=model=\(lite) aspect-ratio=1:1,variant=2]"])
    #expect(!jobChanges.contains { $0.path.hasSuffix(".request_sha256") || $0.path.hasSuffix(".prompt") || $0.path.hasSuffix(".seed") })
    #expect(jobChanges.contains { $0.path == "jobs[cell=model=\(Self.flux) aspect-ratio=1:1,variant=1].out" })
    #expect(jobChanges.filter { $0.op == .remove }.isEmpty)
  }

  @Test func seedAndPromptAxesSetEachCellsSeedsAndWording() throws {
    var options = VariantOptions(prompt: "A fox logo", count: 2, outDir: "/tmp/sweep", workspaceRoot: "/tmp")
    options.sweep = try SweepArguments.parse(["seed=10,2147483647"], promptVariants: ["A fox logo", "A fox mascot"])
    options.useDiscovery(ModelDiscovery.Outcome(discovered: RequestShapingTests.families[Self.gemini], fallbackReason: nil))
    let manifest = try Self.manifest(options)
    #expect(manifest.jobs.count == 8)
    #expect(manifest.jobs.map(\.seed) == [10, 10, 2_147_483_647, 2_147_483_647, 11, 11, 0, 0])
    #expect(manifest.jobs[1].prompt.hasPrefix("A fox mascot\n") && manifest.jobs[0].prompt.hasPrefix("A fox logo\n"))
    #expect(manifest.jobs[0].json["cell"] == .object(["seed": .int(10), "prompt": .string("A fox logo")]))
    #expect(manifest.spec.prompt == "A fox logo")
    // A model without seeds makes every seed cell invalid.
    var noSeed = try Self.options(models: [Self.gptImage], ratios: ["1:1"])
    noSeed.sweep += try SweepArguments.parse(["seed=1"], promptVariants: [])
    #expect(throws: RepriseError.self) { try noSeed.validate() }
  }

  @Test func aPlainManifestHasNoSweepMembers() throws {
    var plain = VariantOptions(prompt: "A fox logo", count: 2, outDir: "/tmp/sweep", workspaceRoot: "/tmp")
    plain.useDiscovery(ModelDiscovery.Outcome(discovered: RequestShapingTests.families[Self.gemini], fallbackReason: nil))
    let manifest = try Self.manifest(plain)
    #expect(!manifest.fileText.contains("\"sweep\"") && !manifest.fileText.contains("\"cell\"") && !manifest.fileText.contains("\"variant\""))
  }
}
