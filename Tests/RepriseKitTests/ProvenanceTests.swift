import Foundation
import Testing
import RepriseTestSupport
@testable import RepriseKit

@Suite struct ProvenanceTests {
  static let record = ImageProvenance.record(
    manifestID: "sha256:" + String(repeating: "a", count: 64), jobID: "crab-01-abcdef12", index: 1, model: "google/gemini-2.5-flash-image", seed: 42,
    requestSHA256: String(repeating: "b", count: 64), generationID: "gen-1", prompt: "A crab “logo”\nsecond line")

  static func samplePNG() -> [UInt8] { PNGEncoder.encode(width: 6, height: 4, pixels: [UInt8](repeating: 90, count: 6 * 4 * 3)) }

  /// `pngcheck` on PATH, or nil (its test is then reported as skipped; `.ci/run` installs it).
  static let pngcheck: String? = {
    let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    return folders.map { $0 + "/pngcheck" }.first { FileManager.default.isExecutableFile(atPath: $0) }
  }()

  @Test func embeddedRecordRoundTripsAndChunksFollowIHDR() throws {
    let annotated = ImageProvenance.annotate(Self.samplePNG(), record: Self.record, embed: true)
    #expect(annotated.placement == .embedded)
    let chunks = try PNGChunks.read(annotated.bytes)
    #expect(chunks.map(\.type) == ["IHDR", "iTXt", "iTXt", "IDAT", "IEND"])  // parameters is iTXt: the prompt is not Latin-1
    let found = ImageInspector.inspect(annotated.bytes, path: "/nonexistent.png")
    #expect(found.reprise == Self.record)
    #expect(found.automatic1111?["prompt"] == .string("A crab “logo”\nsecond line"))
    #expect(found.automatic1111?["settings"]?["Seed"] == .string("42"))
    #expect(ImageInfo.sniff(annotated.bytes)?.width == 6)
  }

  @Test func latin1ParametersUseTEXt() throws {
    let record = ImageProvenance.record(
      manifestID: nil, jobID: nil, index: nil, model: "m/x", seed: 1, requestSHA256: "c", generationID: nil, prompt: "plain ascii crab")
    let annotated = ImageProvenance.annotate(Self.samplePNG(), record: record, embed: true)
    #expect(try PNGChunks.read(annotated.bytes).map(\.type) == ["IHDR", "iTXt", "tEXt", "IDAT", "IEND"])
  }

  @Test func pngMadeByAnotherToolKeepsItsPixelDataAfterAnnotation() throws {
    // samples/crab-baseline.png was written by Python's zlib, not by reprise.
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: ProcessRunner.packageRoot + "/samples/crab-baseline.png")))
    let annotated = ImageProvenance.annotate(original, record: Self.record, embed: true)
    #expect(annotated.placement == .embedded)
    #expect(Array(annotated.bytes.suffix(original.count - 33)) == Array(original.suffix(original.count - 33)), "pixel data untouched")
  }

  @Test(.enabled(if: pngcheck != nil, "pngcheck is not installed (apt-get install pngcheck; .ci/run does): external PNG check skipped"))
  func pngMadeByAnotherToolPassesPngcheckAfterAnnotation() throws {
    let pngcheck = try #require(Self.pngcheck)
    let original = Array(try Data(contentsOf: URL(fileURLWithPath: ProcessRunner.packageRoot + "/samples/crab-baseline.png")))
    let annotated = ImageProvenance.annotate(original, record: Self.record, embed: true)
    let folder = try TemporaryFolder()
    defer { folder.remove() }
    let path = try folder.write("annotated.png", bytes: annotated.bytes)
    let outcome = try ProcessRunner.run(pngcheck, ["-q", path], in: folder.path)
    #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
  }

  @Test func c2paSignedPNGIsNeverModified() throws {
    var bytes = Self.samplePNG()
    let c2pa = PNGEncoder.chunk(type: "caBX", data: Array("jumb-manifest".utf8))
    bytes = try PNGChunks.insertAfterHeader(bytes, [c2pa])
    let annotated = ImageProvenance.annotate(bytes, record: Self.record, embed: true)
    #expect(annotated.placement == .sidecar)
    #expect(annotated.bytes == bytes)
    #expect(annotated.reason?.contains("C2PA") == true)
  }

  @Test func jpegAndNoEmbedGoToASidecar() {
    let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16] + [UInt8](repeating: 0, count: 20)
    #expect(ImageProvenance.annotate(jpeg, record: Self.record, embed: true).placement == .sidecar)
    let png = Self.samplePNG()
    let off = ImageProvenance.annotate(png, record: Self.record, embed: false)
    #expect(off.placement == .sidecar && off.bytes == png)
  }

  @Test func corruptChunksAreRejected() {
    var bytes = Self.samplePNG()
    bytes[20] ^= 0xFF  // inside IHDR data: CRC no longer matches
    #expect(throws: PNGChunks.Failure.self) { try PNGChunks.read(bytes) }
    #expect(throws: PNGChunks.Failure.self) { try PNGChunks.read(Array(Self.samplePNG().prefix(30))) }
  }

  @Test func readsAutomatic1111Infotext() throws {
    let text =
      "a red crab, watercolour\nNegative prompt: blurry, lowres\nSteps: 20, Sampler: Euler a, CFG scale: 7, Seed: 965400086, Size: 512x512, Model: \"sd, v1:5\""
    let png = try PNGChunks.insertAfterHeader(Self.samplePNG(), [PNGChunks.tEXt(keyword: "parameters", text: text)!])
    let found = ImageInspector.inspect(png, path: "/nonexistent.png")
    #expect(found.reprise == nil)
    #expect(found.automatic1111?["prompt"] == .string("a red crab, watercolour"))
    #expect(found.automatic1111?["negative_prompt"] == .string("blurry, lowres"))
    #expect(found.automatic1111?["settings"]?["Seed"] == .string("965400086"))
    #expect(found.automatic1111?["settings"]?["Sampler"] == .string("Euler a"))
    #expect(found.automatic1111?["settings"]?["Model"] == .string("sd, v1:5"))
  }

  @Test func readsComfyUIGraphs() throws {
    let prompt = #"{"3":{"class_type":"KSampler","inputs":{"seed":5}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{}}}"#
    let workflow = #"{"version":0.4,"nodes":[{"id":3,"type":"KSampler"},{"id":4,"type":"CheckpointLoaderSimple"},{"id":9,"type":"SaveImage"}]}"#
    let png = try PNGChunks.insertAfterHeader(
      Self.samplePNG(), [PNGChunks.tEXt(keyword: "prompt", text: prompt)!, PNGChunks.tEXt(keyword: "workflow", text: workflow)!])
    let found = ImageInspector.inspect(png, path: "/nonexistent.png")
    #expect(found.comfyPrompt?["3"]?["class_type"] == .string("KSampler"))
    #expect(ImageInspector.summariseComfy(found.comfyWorkflow!) == "3 nodes (CheckpointLoaderSimple, KSampler, SaveImage)")
    #expect(ImageInspector.summariseComfy(found.comfyPrompt!) == "2 nodes (CheckpointLoaderSimple, KSampler)")
  }
}
