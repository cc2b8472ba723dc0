import Foundation
import RepriseTestSupport
import Testing

@testable import RepriseKit

/// Large images from a response body to the output file without ever being in memory whole:
/// decoded into a file of their own, checked and hashed on the way, and written with the
/// provenance chunks streamed in after IHDR.
@Suite struct ImageStreamingTests {
  static let record = ImageProvenance.record(
    manifestID: nil, jobID: "crab-0001-abcdef12", index: 1, model: "google/gemini-2.5-flash-image", seed: 7,
    requestSHA256: String(repeating: "b", count: 64), generationID: "gen-1", prompt: "A large crab")

  /// A PNG of pseudo-random pixels, stored without compression: about `3 * width * height` bytes.
  static func largePNG(width: Int = 400, height: Int = 700, seed: UInt32 = 5) -> [UInt8] {
    var state = seed | 1
    var scanlines = [UInt8](repeating: 0, count: (width * 3 + 1) * height)
    for i in scanlines.indices {
      state ^= state << 13
      state ^= state >> 17
      state ^= state << 5
      scanlines[i] = i % (width * 3 + 1) == 0 ? 0 : UInt8(truncatingIfNeeded: state)
    }
    return PNGEncoder.encode(width: width, height: height, pixelFormat: .rgb, filteredScanlines: scanlines, strategy: .stored)
  }

  /// A chat completion carrying `image` as a data URL of `mediaType`.
  static func body(_ image: [UInt8], mediaType: String = "image/png") -> [UInt8] {
    let url = "data:\(mediaType);base64," + Data(image).base64EncodedString()
    return Array(
      (#"{"id":"gen-1","model":"m","choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","content":"here","images":[{"type":"image_url","#
        + #""image_url":{"url":"\#(url)"}}]}}]}"#)
        .utf8)
  }

  /// The one image of `body`, decoded by the extractor with its spool in `spool`.
  static func decoded(_ body: [UInt8], in folder: TemporaryFolder, spool: String, chunkSize: Int = 1 << 20) throws -> ImageBytes {
    let path = try folder.write("body.json", bytes: body)
    try FileManager.default.createDirectory(atPath: spool, withIntermediateDirectories: true)
    let extracted = try LargeStringExtractor(chunkSize: chunkSize, spoolFolder: spool).extract(path: path)
    let response = try ResponseParser.parse(status: 200, json: try JSONParser(maxDepth: 128).parse(extracted.reduced), transport: .chat, blobs: extracted.blobs)
      .get()
    return try #require(response.images.last?.bytes)
  }

  @Test(arguments: [1 << 20, 65_537, 4099])
  func aLargeImageIsDecodedIntoAFileOfItsOwnThatLeavesNothingBehind(chunkSize: Int) throws {
    let folder = try TemporaryFolder("reprise-stream")
    defer { folder.remove() }
    let png = Self.largePNG()
    let image = try Self.decoded(Self.body(png), in: folder, spool: folder.url("spool"), chunkSize: chunkSize)
    #expect(image.isFileBacked)
    #expect(image.count == png.count)
    #expect(image.sha256 == SHA256.hash(png).hexString)
    #expect(try image.contents() == png)
    #expect(image.pngLayout?.headerEnd == 33)
    #expect(image.pngLayout?.signed == false)
    #expect(ImageInfo.sniff(image.head) == ImageInfo(format: .png, width: 400, height: 700))
    // The spool file was unlinked as soon as it was made.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("spool")) == [])
  }

  @Test func savingAFileBackedPNGPutsTheRecordAfterIHDRAndHashesWhatItWrote() throws {
    let folder = try TemporaryFolder("reprise-stream")
    defer { folder.remove() }
    let png = Self.largePNG()
    let image = try Self.decoded(Self.body(png), in: folder, spool: folder.url("spool"))
    let saved = try ImageOutputWriter.save([image], to: "out/crab.png", currentDirectory: folder.path, overwrite: false, provenance: Self.record)
    let written = try folder.read("out/crab.png")
    #expect(written == ImageProvenance.annotate(png, record: Self.record, embed: true).bytes, "same file as the in-memory writer")
    #expect(saved.count == 1)
    #expect(saved[0].sha256 == SHA256.hash(written).hexString)
    #expect(saved[0].providerSHA256 == SHA256.hash(png).hexString)
    #expect(saved[0].bytes == written.count)
    #expect(saved[0].metadata == .embedded)
    #expect(Array(try PNGChunks.read(written).map(\.type).prefix(3)) == ["IHDR", "iTXt", "tEXt"])
    #expect(Array(written.suffix(png.count - 33)) == Array(png.suffix(png.count - 33)), "pixel data untouched")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url("out")) == ["crab.png"], "no temporary left")
  }

  @Test func jpegBytesAskedForAsPNGAreWrittenAsJPGWithASidecar() throws {
    let folder = try TemporaryFolder("reprise-stream")
    defer { folder.remove() }
    // JPEG magic, an APP0 segment, then noise: sniffed as JPEG, never modified.
    var jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
    jpeg += Self.largePNG(width: 400, height: 300).dropFirst(8)
    let image = try Self.decoded(Self.body(jpeg), in: folder, spool: folder.url("spool"))
    #expect(image.isFileBacked)
    let saved = try ImageOutputWriter.save([image], to: "crab.png", currentDirectory: folder.path, overwrite: false, provenance: Self.record)
    #expect(saved.map(\.path) == ["crab.jpg"])
    #expect(saved[0].extensionCorrected)
    #expect(try folder.read("crab.jpg") == jpeg)
    let sidecar = try JSONParser().parse(try folder.read("crab.jpg.reprise.json"))
    #expect(sidecar["image_sha256"]?.stringValue == SHA256.hash(jpeg).hexString)
    #expect(sidecar["provider_sha256"]?.stringValue == SHA256.hash(jpeg).hexString)
    #expect(sidecar["sidecar_reason"]?.stringValue == "not a PNG")
  }

  @Test func noEmbedAndSignedPNGsKeepTheProviderBytes() throws {
    let folder = try TemporaryFolder("reprise-stream")
    defer { folder.remove() }
    let png = Self.largePNG(width: 300, height: 400)
    let signed = try PNGChunks.insertAfterHeader(png, [PNGEncoder.chunk(type: "caBX", data: Array("manifest".utf8))])
    let cases: [(String, [UInt8], Bool, String)] = [("plain.png", png, false, "--no-embed"), ("signed.png", signed, true, "C2PA")]
    for (name, bytes, embed, reason) in cases {
      let image = try Self.decoded(Self.body(bytes), in: folder, spool: folder.url("spool"))
      let saved = try ImageOutputWriter.save([image], to: name, currentDirectory: folder.path, overwrite: false, provenance: Self.record, embed: embed)
      #expect(try folder.read(name) == bytes, "\(name)")
      #expect(saved[0].metadata == .sidecar, "\(name)")
      #expect(saved[0].sha256 == SHA256.hash(bytes).hexString, "\(name)")
      let sidecar = try JSONParser().parse(try folder.read(name + ".reprise.json"))
      #expect(sidecar["sidecar_reason"]?.stringValue?.contains(reason) == true, "\(name)")
    }
  }

  /// The streaming check accepts and refuses what `PNGChunks.read` does, fed in any pieces.
  @Test(arguments: [1, 7, 33, 4096, 1 << 20])
  func theScannerReadsPNGsLikeTheChunkReader(piece: Int) throws {
    let png = Self.largePNG(width: 40, height: 30)
    var badCRC = png
    badCRC[60] ^= 0x01
    var notIHDR = png
    notIHDR[12] = UInt8(ascii: "X")
    let cases: [(String, [UInt8])] = [
      ("valid", png),
      ("signed", try PNGChunks.insertAfterHeader(png, [PNGEncoder.chunk(type: "caBX", data: [UInt8]([1, 2, 3]))])),
      ("annotated", ImageProvenance.annotate(png, record: Self.record, embed: true).bytes),
      ("trailing bytes after IEND", png + [1, 2, 3]),
      ("bad CRC", badCRC),
      ("truncated", Array(png.dropLast(5))),
      ("no IEND", Array(png.dropLast(12))),
      ("first chunk not IHDR", notIHDR),
      ("not a PNG", Array("GIF89a".utf8) + png),
      ("empty", []),
    ]
    for (name, bytes) in cases {
      var scanner = PNGChunkScanner()
      var i = 0
      while i < bytes.count {
        scanner.feed(bytes[i..<min(i + piece, bytes.count)])
        i += piece
      }
      let chunks = try? PNGChunks.read(bytes)
      let layout = scanner.finish()
      #expect((layout == nil) == (chunks == nil), "\(name)")
      if let chunks, let layout {
        #expect(layout.headerEnd == chunks[0].range.upperBound, "\(name)")
        #expect(layout.signed == chunks.contains { $0.type == "caBX" }, "\(name)")
      }
    }
  }
}
