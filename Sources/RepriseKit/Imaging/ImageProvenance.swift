/// Provenance inside images: PNG outputs get an uncompressed `iTXt` chunk (keyword `reprise`)
/// holding a compact JSON record, plus an AUTOMATIC1111-style `parameters` text so common image
/// tools show the prompt. Both go right after IHDR. A PNG carrying a C2PA manifest (`caBX`) is
/// never modified, and JPEG/WebP are not either: those get a sidecar `<file>.reprise.json`.
public enum ImageProvenance {
  /// The iTXt keyword.
  public static let keyword = "reprise"
  /// The record's schema.
  public static let schema = "reprise.image/1"

  /// The record embedded in (or written beside) an image.
  public static func record(
    manifestID: String?, jobID: String?, index: Int?, model: String, seed: Int64, requestSHA256: String, generationID: String?, prompt: String
  ) -> JSONValue {
    .object([
      "schema": .string(schema), "manifest_id": .optional(manifestID), "job_id": .optional(jobID), "index": .optional(index),
      "model": .string(model), "seed": .int(seed), "request_sha256": .string(requestSHA256),
      "generation_id": .optional(generationID), "prompt": .string(prompt),
    ])
  }

  /// The AUTOMATIC1111 `parameters` text: the prompt, then `Seed: ..., Model: ...` on the last line.
  public static func parametersText(_ record: JSONValue) -> String {
    var fields = ["Seed: \(record["seed"]?.intValue ?? 0)", "Model: \(record["model"]?.stringValue ?? "")"]
    if let request = record["request_sha256"]?.stringValue { fields.append("Request sha256: \(request)") }
    if let manifest = record["manifest_id"]?.stringValue { fields.append("Reprise manifest: \(manifest)") }
    if let job = record["job_id"]?.stringValue { fields.append("Reprise job: \(job)") }
    return (record["prompt"]?.stringValue ?? "") + "\n" + fields.joined(separator: ", ")
  }

  /// Where the record went.
  public enum Placement: String, Sendable {
    /// Inside the PNG.
    case embedded
    /// In `<file>.reprise.json` (JPEG/WebP/GIF, C2PA-signed PNG, or `--no-embed`).
    case sidecar
  }

  /// The file to write: the provider's bytes with, for an embedded record, the reprise chunks
  /// inserted after IHDR; and where the record goes. Nothing is joined or copied in memory: the
  /// writer streams the source around the insertion.
  public struct Annotated: Sendable {
    /// The provider's bytes.
    public let source: ImageBytes
    /// Complete chunks to insert at `insertionOffset` (empty: the file is the source as sent).
    public let inserted: [UInt8]
    /// Where `inserted` goes: the end of IHDR.
    public let insertionOffset: Int
    /// Where the record went.
    public let placement: Placement
    /// Why it went to a sidecar, if it did.
    public let reason: String?

    /// The source unchanged.
    init(unchanged source: ImageBytes, placement: Placement, reason: String?) {
      self.source = source
      self.inserted = []
      self.insertionOffset = 0
      self.placement = placement
      self.reason = reason
    }

    /// The source with `inserted` at `offset`.
    init(source: ImageBytes, inserting inserted: [UInt8], at offset: Int) {
      self.source = source
      self.inserted = inserted
      self.insertionOffset = offset
      self.placement = .embedded
      self.reason = nil
    }

    /// Total size.
    public var count: Int { source.count + inserted.count }

    /// Hex sha256 of the file when it is known without reading it: the provider's, when nothing
    /// is inserted. Otherwise `write` computes it.
    public var knownSHA256: String? { inserted.isEmpty ? source.sha256 : nil }

    /// Calls `body` with the file's bytes in order, 1 MiB at a time, and returns its hex sha256
    /// (computed on the way when anything is inserted, `knownSHA256` otherwise).
    /// - Throws: `FileSystem.Failure` when the source cannot be read, or what `body` throws.
    package func stream(_ body: (UnsafeRawBufferPointer) throws(FileSystem.Failure) -> Void) throws(FileSystem.Failure) -> String {
      if let known = knownSHA256 {
        try source.forEachChunk(in: 0..<source.count, body)
        return known
      }
      return try withoutActuallyEscaping(body) { (body) throws(FileSystem.Failure) -> String in
        var hasher = SHA256(engine: Platform.sha256Engine)
        let hashing = { (chunk: UnsafeRawBufferPointer) throws(FileSystem.Failure) in
          hasher.update(chunk)
          try body(chunk)
        }
        try source.forEachChunk(in: 0..<insertionOffset, hashing)
        var failure: FileSystem.Failure?
        inserted.withUnsafeBytes { chunk in
          do throws(FileSystem.Failure) { try hashing(chunk) } catch { failure = error }
        }
        if let failure { throw failure }
        try source.forEachChunk(in: insertionOffset..<source.count, hashing)
        return hasher.finalize().hexString
      }
    }

    /// The file joined in memory (tests and small images).
    public var bytes: [UInt8] {
      var out: [UInt8] = []
      out.reserveCapacity(count)
      _ = try? stream { out.append(contentsOf: $0) }
      return out
    }

    /// Hex sha256 of the file (reads it when anything is inserted; writers get it from `stream`).
    public var sha256: String { knownSHA256 ?? SHA256.hash(bytes, engine: Platform.sha256Engine).hexString }
  }

  /// What to write for `bytes` and where the record goes (bytes in memory: tests, small images).
  public static func annotate(_ bytes: [UInt8], record: JSONValue, embed: Bool) -> Annotated {
    annotate(ImageBytes(bytes), record: record, embed: embed)
  }

  /// What to write for `image` and where the record goes. Decided from what was learnt when the
  /// bytes arrived (first bytes, PNG chunk layout): the image is not read here.
  /// - Parameters:
  ///   - image: the image as received from the provider.
  ///   - record: from `record(...)`.
  ///   - embed: false for `--no-embed`.
  public static func annotate(_ image: ImageBytes, record: JSONValue, embed: Bool) -> Annotated {
    guard embed else { return Annotated(unchanged: image, placement: .sidecar, reason: "--no-embed") }
    guard ImageInfo.sniff(image.head)?.format == .png else { return Annotated(unchanged: image, placement: .sidecar, reason: "not a PNG") }
    guard let layout = image.pngLayout else { return Annotated(unchanged: image, placement: .sidecar, reason: "PNG chunks could not be read") }
    if layout.signed {
      return Annotated(unchanged: image, placement: .sidecar, reason: "C2PA manifest present; the provider's bytes are kept as signed")
    }
    let parameters = parametersText(record)
    let parametersChunk = PNGChunks.tEXt(keyword: "parameters", text: parameters) ?? PNGChunks.iTXt(keyword: "parameters", text: parameters)
    let recordChunk = PNGChunks.iTXt(keyword: keyword, text: JSONWriter.canonicalString(record))
    return Annotated(source: image, inserting: recordChunk + parametersChunk, at: layout.headerEnd)
  }

  /// The sidecar document for an image written without embedded metadata.
  public static func sidecar(record: JSONValue, imageSHA256: String, providerSHA256: String, reason: String?) -> JSONValue {
    var members = record.objectValue ?? [:]
    members["image_sha256"] = .string(imageSHA256)
    members["provider_sha256"] = .string(providerSHA256)
    members["sidecar_reason"] = .optional(reason)
    return .object(members)
  }

  /// `<file>.reprise.json`.
  public static func sidecarPath(for imagePath: String) -> String { imagePath + ".reprise.json" }
}
