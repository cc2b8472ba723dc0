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

  /// The file to write, as parts that share the provider's bytes (no second copy of a large
  /// image), and where the record goes.
  public struct Annotated: Sendable {
    /// Written one after another, these are the file.
    public let parts: [ArraySlice<UInt8>]
    /// Where the record went.
    public let placement: Placement
    /// Why it went to a sidecar, if it did.
    public let reason: String?

    /// Total size.
    public var count: Int { parts.reduce(0) { $0 + $1.count } }
    /// Hex sha256 of the file.
    public var sha256: String {
      var hasher = SHA256()
      for part in parts { hasher.update(part) }
      return hasher.finalize().hexString
    }
    /// The file joined (tests and small images).
    public var bytes: [UInt8] { parts.reduce(into: [UInt8]()) { $0.append(contentsOf: $1) } }
  }

  /// What to write for `bytes` and where the record goes.
  /// - Parameters:
  ///   - bytes: the image as received from the provider.
  ///   - record: from `record(...)`.
  ///   - embed: false for `--no-embed`.
  public static func annotate(_ bytes: [UInt8], record: JSONValue, embed: Bool) -> Annotated {
    guard embed else { return Annotated(parts: [bytes[...]], placement: .sidecar, reason: "--no-embed") }
    guard ImageInfo.sniff(bytes)?.format == .png else { return Annotated(parts: [bytes[...]], placement: .sidecar, reason: "not a PNG") }
    guard let chunks = try? PNGChunks.read(bytes) else { return Annotated(parts: [bytes[...]], placement: .sidecar, reason: "PNG chunks could not be read") }
    if chunks.contains(where: { $0.type == "caBX" }) {
      return Annotated(parts: [bytes[...]], placement: .sidecar, reason: "C2PA manifest present; the provider's bytes are kept as signed")
    }
    let parameters = parametersText(record)
    let parametersChunk = PNGChunks.tEXt(keyword: "parameters", text: parameters) ?? PNGChunks.iTXt(keyword: "parameters", text: parameters)
    let recordChunk = PNGChunks.iTXt(keyword: keyword, text: JSONWriter.canonicalString(record))
    let headerEnd = chunks[0].range.upperBound
    return Annotated(parts: [bytes[0..<headerEnd], (recordChunk + parametersChunk)[...], bytes[headerEnd...]], placement: .embedded, reason: nil)
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
