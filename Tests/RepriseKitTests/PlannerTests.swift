import Testing
@testable import RepriseKit

@Suite struct DeltaCatalogTests {
  @Test(arguments: ImageOptions.strengths)
  func everyStrengthHasEnoughDistinctDeltas(strength: String) {
    let all = DeltaCatalog.deltas(strength: strength)
    #expect(all.count >= 12)
    #expect(Set(all.map(\.id)).count == all.count)
    #expect(Set(all.map(\.text)).count == all.count)
    // Under both locks there is still real choice.
    #expect(DeltaCatalog.allowed(strength: strength, lockPalette: true, lockComposition: true).count >= 8)
  }

  @Test(arguments: ImageOptions.strengths)
  func locksExcludeContradictingDeltas(strength: String) {
    for index in 1...40 {
      let palette = DeltaCatalog.delta(forIndex: index, strength: strength, lockPalette: true, lockComposition: false)
      #expect(palette.aspect != .palette)
      let composition = DeltaCatalog.delta(forIndex: index, strength: strength, lockPalette: false, lockComposition: true)
      #expect(composition.aspect != .composition)
    }
  }

  @Test func consecutiveIndicesNeverRepeatWhileTheCatalogAllows() {
    let allowed = DeltaCatalog.allowed(strength: "low", lockPalette: true, lockComposition: true)
    let picked = (5..<(5 + allowed.count)).map { DeltaCatalog.delta(forIndex: $0, strength: "low", lockPalette: true, lockComposition: true).id }
    #expect(Set(picked).count == allowed.count)
  }
}

@Suite struct EditIntentAndHintsTests {
  @Test func detectsEditWordsInTheUserPromptOnly() {
    #expect(EditIntentDetector.matches(in: "Make a variation of the attached logo") == ["variation", "variation of", "attached"])
    #expect(EditIntentDetector.matches(in: "Keep the same layout but bluer").contains("keep the same"))
    #expect(EditIntentDetector.matches(in: "A minimalist snow crab logo").isEmpty)
    #expect(EditIntentDetector.matches(in: "Credited editorial illustration").isEmpty)  // no partial words
  }

  @Test func plannedVariantsNeverTripEditIntent() throws {
    // The old skill appended "Variant N." to prompts and then failed every job with exit 4.
    var options = VariantOptions(prompt: "A snow crab poster, flat vector, centred", count: 5, outDir: "out", workspaceRoot: "/")
    options.seed = 7
    let plan = VariantPlanner.plan(options, baseline: nil, editIntent: [])
    for job in plan.jobs { #expect(job.prompt.contains("Variation for this image:")) }
    #expect(EditIntentDetector.matches(in: options.prompt).isEmpty)
  }

  @Test func clarifyHintsFireForVaguePromptsOnly() {
    #expect(ClarifyHints.hints(for: "a crab").count == 3)
    let hints = ClarifyHints.hints(for: "A logo with a crab")
    #expect(hints.contains { $0.hasPrefix("text is requested") })
    #expect(ClarifyHints.hints(for: "Poster 1200x630, flat vector, crab centred with the title \"Crab Fest\"").isEmpty)
  }
}

@Suite struct VariantPlannerTests {
  func options(_ prompt: String = "A minimalist snow crab logo, flat vector, centred", count: Int = 4) -> VariantOptions {
    VariantOptions(prompt: prompt, count: count, outDir: "out", workspaceRoot: "/")
  }

  @Test func sameInputsGiveIdenticalManifests() {
    let a = VariantPlanner.plan(options(), baseline: nil, editIntent: [])
    let b = VariantPlanner.plan(options(), baseline: nil, editIntent: [])
    #expect(Manifest(spec: a.spec, batches: [a.batch], jobs: a.jobs).fileText == Manifest(spec: b.spec, batches: [b.batch], jobs: b.jobs).fileText)
  }

  @Test func seedsFollowTheRecordedRule() {
    var o = options()
    o.seed = 100
    let fixed = VariantPlanner.plan(o, baseline: nil, editIntent: [])
    #expect(fixed.jobs.map(\.seed) == [100, 101, 102, 103])
    #expect(fixed.spec.seedRule == SeedRule(kind: "fixed", base: 100))
    let derived = VariantPlanner.plan(options(), baseline: nil, editIntent: [])
    #expect(derived.spec.seedRule.kind == "derived")
    #expect(derived.jobs.map(\.seed) == (1...4).map { derived.spec.seedRule.seed(forIndex: $0) })
    #expect(SeedRule(kind: "fixed", base: 2_147_483_647).seed(forIndex: 2) == 0)
  }

  @Test func startIndexContinuesTheSequence() {
    var first = options(count: 3)
    first.seed = 1
    var second = options(count: 2)
    second.seed = 1
    second.startIndex = 4
    let whole = VariantPlanner.plan({ var o = first; o.count = 5; return o }(), baseline: nil, editIntent: [])
    let continued = VariantPlanner.plan(first, baseline: nil, editIntent: []).jobs + VariantPlanner.plan(second, baseline: nil, editIntent: []).jobs
    #expect(whole.jobs.map(\.deltaID) == continued.map(\.deltaID))
    #expect(whole.jobs.map(\.requestSHA256) == continued.map(\.requestSHA256))
  }

  @Test func namesAreZeroPaddedSoTheySort() {
    var o = options(count: 3)
    o.startIndex = 99
    let jobs = VariantPlanner.plan(o, baseline: nil, editIntent: []).jobs
    #expect(jobs.map(\.out) == ["image-0099.png", "image-0100.png", "image-0101.png"])
    #expect(jobs[0].jobID.hasPrefix("image-0099-"))
    #expect(jobs[0].jobID.hasSuffix(String(jobs[0].requestSHA256.prefix(8))))
    #expect(VariantPlanner.plan(options(count: 2), baseline: nil, editIntent: []).jobs.map(\.out) == ["image-0001.png", "image-0002.png"])
    #expect(VariantPlanner.plan(options(count: 1000), baseline: nil, editIntent: []).jobs.last?.out == "image-1000.png")
    o.startIndex = 99_999
    #expect(VariantPlanner.plan(o, baseline: nil, editIntent: []).jobs.map(\.out) == ["image-099999.png", "image-100000.png", "image-100001.png"])
  }

  @Test func maxJobsPlansOnlyTheFirstIndices() {
    var o = options(count: 10)
    o.maxJobs = 3
    let plan = VariantPlanner.plan(o, baseline: nil, editIntent: [])
    #expect(plan.jobs.map(\.index) == [1, 2, 3])
    #expect(plan.batch == ManifestBatch(startIndex: 1, count: 10, maxJobs: 3, requestID: nil))
  }

  @Test func baselineRailsDefaultToLowAndLockedUnlessSet() {
    let record = BaselineRecord(
      location: .url("https://example.com/a.png"), sourceKind: "explicit_path_or_url", sha256: nil, bytes: nil, mediaType: nil, width: nil, height: nil)
    let baseline = BaselineImage(record: record, requestURL: "https://example.com/a.png")
    let railed = VariantPlanner.plan(options(), baseline: baseline, editIntent: [])
    #expect(railed.spec.variationStrength == "low")
    #expect(railed.spec.lockPalette && railed.spec.lockComposition)
    #expect(railed.spec.railsApplied == ["variation_strength=low", "lock_palette=true", "lock_composition=true"])
    var explicit = options()
    explicit.lockPalette = false
    explicit.variationStrength = "high"
    let chosen = VariantPlanner.plan(explicit, baseline: baseline, editIntent: [])
    #expect(chosen.spec.lockPalette == false && chosen.spec.variationStrength == "high")
    #expect(chosen.spec.railsApplied == ["lock_composition=true"])
    #expect(chosen.jobs.allSatisfy { !$0.deltaID.contains("wide") && !$0.deltaID.contains("top-down") })
  }

  @Test func finalPromptOrdersPromptConstraintsThenDelta() {
    var o = options()
    o.mustKeep = ["wordmark \"Snow Crab\"", "icon silhouette"]
    o.lockPalette = true
    let job = VariantPlanner.plan(o, baseline: nil, editIntent: []).jobs[0]
    let lines = job.prompt.components(separatedBy: "\n")
    #expect(lines[0] == o.prompt)
    #expect(lines.contains("- Must keep exactly: wordmark \"Snow Crab\""))
    #expect(lines.last == "Variation for this image: " + job.delta)
    let keep = lines.firstIndex(of: "- Must keep exactly: icon silhouette")!
    let lock = lines.firstIndex { $0.hasPrefix("- Lock the colour palette") }!
    let strength = lines.firstIndex { $0.hasPrefix("- Variation strength") }!
    #expect(keep < lock && lock < strength)
  }

  @Test func requestHashIsTheHashOfTheExactBody() throws {
    let plan = VariantPlanner.plan(options(), baseline: nil, editIntent: [])
    let job = plan.jobs[2]
    let body = RequestBuilder.bytes(model: plan.spec.model, parameters: plan.spec.request, prompt: job.prompt, seed: job.seed, baselineURL: nil)
    #expect(SHA256.hash(body).hexString == job.requestSHA256)
    let parsed = try JSONParser().parse(body)
    #expect(parsed["modalities"] == .strings(["image", "text"]))
    #expect(parsed["max_tokens"] == .int(4096))
    #expect(parsed["messages"]?.arrayValue?.first?["content"]?.arrayValue?.first?["text"] == .string(job.prompt))
  }
}

@Suite struct RequestBuilderTests {
  @Test func imageOnlyModelsGetImageModalityOrTheImagesAPI() {
    let flux = ModelCapabilities.lookup("black-forest-labs/flux.2-pro")
    #expect(RequestBuilder.parameters(capabilities: flux, choice: .auto, aspectRatio: nil, imageSize: nil).transport == .images)
    let chat = RequestBuilder.parameters(capabilities: flux, choice: .chat, aspectRatio: "16:9", imageSize: "high")
    #expect(chat.modalities == ["image"])
    #expect(chat.imageConfig == ["aspect_ratio": "16:9"])  // flux takes no image_size
    let gemini = ModelCapabilities.lookup("google/gemini-3.1-flash-image-preview")
    let g = RequestBuilder.parameters(capabilities: gemini, choice: .auto, aspectRatio: "4:1", imageSize: "medium")
    #expect(g.transport == .chat && g.modalities == ["image", "text"] && g.imageConfig == ["aspect_ratio": "4:1", "image_size": "2K"])
  }

  @Test func imagesBodyCarriesResolutionAndReferences() throws {
    let p = RequestBuilder.parameters(capabilities: ModelCapabilities.lookup("openai/gpt-image-2"), choice: .auto, aspectRatio: "1:1", imageSize: "low")
    let body = try JSONParser().parse(
      RequestBuilder.bytes(model: "openai/gpt-image-2", parameters: p, prompt: "p", seed: 3, baselineURL: "https://x.test/a.png"))
    #expect(body["resolution"] == .string("1K"))
    #expect(body["aspect_ratio"] == .string("1:1"))
    #expect(body["input_references"]?.arrayValue?.first?["image_url"]?["url"] == .string("https://x.test/a.png"))
    #expect(body["modalities"] == nil && body["messages"] == nil)
  }

  @Test func neverUsesImagesGenerations() {
    for t in Transport.allCases { #expect(!t.path.contains("generations")) }
  }
}
