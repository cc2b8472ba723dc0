import Foundation

/// The state of one `LargeStringExtractor` pass over a body file: a JSON tokenizer that only tracks
/// what it needs (string literals with their escapes, open containers and the current key), copies
/// everything to `reduced`, and routes string literals found where an image is expected through a
/// `Base64StreamDecoder` once they outgrow the threshold.
///
/// A string literal takes one of these paths:
/// - a key, or a value where no image is expected: copied as it arrives;
/// - a value where an image may be: buffered up to `threshold` raw bytes; a shorter one is copied
///   whole; a longer one is decoded as it streams into its own unlinked temporary file
///   (`ImageSpool`, hashed on the way) and replaced by its blob's placeholder;
/// - a long one that turns out not to be a clean base64 image (prose, an escape, invalid base64):
///   its raw bytes are read back from the file and copied, so the reduced body is what was sent.
struct StreamingExtraction {
  private enum Mode {
    case outside
    case key
    case copy
    case pending
    case decoding
  }

  /// Deepest nesting tracked; anything deeper is copied (the JSON parser rejects it anyway).
  private static let deepestTracked = 256

  private let fd: Int32
  private let fileSize: Int
  private let threshold: Int
  private let placeholderCharacters: Int
  /// Where decoded payloads are written.
  private let spoolFolder: String

  private var reduced: [UInt8] = []
  private var blobs = ResponseBlobs()
  private var frames: [StreamingJSONFrame] = []
  /// Containers opened beyond `deepestTracked` and not yet closed.
  private var untrackedDepth = 0
  private var mode = Mode.outside
  /// In a string (key, copy or pending mode): the last byte was an escaping backslash.
  private var escaped = false
  private var keyBytes: [UInt8] = []
  private var keyUsable = true
  private var options = Base64StreamDecoder.Options(dataURL: false, raw: false, whitespace: false)
  /// File offset of the current string literal's first content byte (just after the quote).
  private var contentStart = 0
  private var pendingRaw: [UInt8] = []
  private var decoder: Base64StreamDecoder?
  /// The file the string being decoded goes to.
  private var spool: ImageSpool?
  /// The raw start of the string being decoded, kept for its placeholder.
  private var prefixRaw: [UInt8] = []

  /// A pass over the open file `fd` of `fileSize` bytes.
  init(fd: Int32, fileSize: Int, threshold: Int, placeholderCharacters: Int, spoolFolder: String) {
    self.fd = fd
    self.spoolFolder = spoolFolder
    self.fileSize = fileSize
    self.threshold = max(threshold, 16)
    self.placeholderCharacters = max(0, min(placeholderCharacters, self.threshold / 2))
  }

  /// Takes the next chunk, which starts at file offset `base`.
  mutating func consume(_ chunk: UnsafeBufferPointer<UInt8>, at base: Int) throws {
    var i = 0
    let count = chunk.count
    while i < count {
      switch mode {
      case .outside:
        let byte = chunk[i]
        reduced.append(byte)
        i += 1
        structural(byte, contentStart: base + i)
      case .key:
        let byte = chunk[i]
        reduced.append(byte)
        i += 1
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
          keyUsable = false
        } else if byte == UInt8(ascii: "\"") {
          endKey()
        } else if keyBytes.count < StreamingJSONKey.longestKnown {
          keyBytes.append(byte)
        } else {
          keyUsable = false
        }
      case .copy:
        var j = i
        while j < count {
          let byte = chunk[j]
          if escaped {
            escaped = false
          } else if byte == UInt8(ascii: "\\") {
            escaped = true
          } else if byte == UInt8(ascii: "\"") {
            break
          }
          j += 1
        }
        reduced.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
        if j < count {
          reduced.append(UInt8(ascii: "\""))
          mode = .outside
          i = j + 1
        } else {
          i = j
        }
      case .pending:
        // The bytes up to the closing quote or the threshold, found in one pass and buffered in
        // one append (byte by byte, the buffering was 3 % of a drain of small images).
        let limit = i + max(0, threshold - pendingRaw.count)
        var j = i
        var inEscape = escaped
        while j < count, j < limit {
          let byte = chunk[j]
          if !inEscape, byte == UInt8(ascii: "\"") { break }
          inEscape = !inEscape && byte == UInt8(ascii: "\\")
          j += 1
        }
        pendingRaw.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[i..<j]))
        escaped = inEscape
        i = j
        guard i < count else { break }
        if !escaped, chunk[i] == UInt8(ascii: "\"") {
          reduced.append(contentsOf: pendingRaw)
          reduced.append(chunk[i])
          pendingRaw = []
          mode = .outside
          i += 1
        } else {
          try beginDecoding()  // the threshold is reached: takes the buffered bytes; this byte is read again in the new mode
        }
      case .decoding:
        guard var active = decoder else { preconditionFailure("decoding without a decoder") }
        decoder = nil  // `active` holds the only reference to the growing bytes
        let outcome = active.decode(chunk, from: i)
        switch outcome {
        case .needMore:
          try active.drain { try spool?.append($0) }
          decoder = active
          i = count
        case .end(let quote):
          try endDecoding(&active, quoteOffset: base + quote)
          i = quote + 1
        case .failed(let at):
          try abandonDecoding(active, at: base + at)
          i = at
        }
      }
    }
  }

  /// The result once the whole file was consumed. An unterminated string is copied as it was.
  mutating func finish(endOffset: Int) throws -> ExtractedBody {
    switch mode {
    case .pending:
      reduced.append(contentsOf: pendingRaw)
      pendingRaw = []
    case .decoding:
      decoder = nil
      spool = nil
      reduced.append(contentsOf: try read(contentStart..<endOffset))
    default: break
    }
    mode = .outside
    return ExtractedBody(reduced: reduced, blobs: blobs)
  }

  // MARK: - Structure

  /// A byte outside strings (already copied); a quote opens a string whose content starts at `contentStart`.
  private mutating func structural(_ byte: UInt8, contentStart: Int) {
    switch byte {
    case UInt8(ascii: "{"): open(isObject: true)
    case UInt8(ascii: "["): open(isObject: false)
    case UInt8(ascii: "}"), UInt8(ascii: "]"):
      if untrackedDepth > 0 {
        untrackedDepth -= 1
      } else if !frames.isEmpty {
        frames.removeLast()
      }
    case UInt8(ascii: ","):
      if untrackedDepth == 0, let last = frames.indices.last, frames[last].isObject { frames[last].expectingKey = true }
    case UInt8(ascii: "\""):
      startString(contentStart: contentStart)
    default: break
    }
  }

  private mutating func open(isObject: Bool) {
    guard untrackedDepth == 0, frames.count < Self.deepestTracked else {
      untrackedDepth += 1
      return
    }
    let parent = frames.last
    let ownKey = parent.map { $0.isObject ? $0.currentKey : .other } ?? .other
    frames.append(StreamingJSONFrame(isObject: isObject, ownKey: ownKey, parent: parent))
  }

  private mutating func startString(contentStart: Int) {
    escaped = false
    guard untrackedDepth == 0, let top = frames.last else {
      mode = .copy
      return
    }
    if top.isObject, top.expectingKey {
      mode = .key
      keyBytes = []
      keyUsable = true
    } else if let options = top.stringOptions {
      mode = .pending
      self.options = options
      self.contentStart = contentStart
      pendingRaw = []
    } else {
      mode = .copy
    }
  }

  private mutating func endKey() {
    let last = frames.count - 1
    frames[last].currentKey = keyUsable ? StreamingJSONKey(keyBytes) : .other
    frames[last].expectingKey = false
    mode = .outside
  }

  // MARK: - Large strings

  /// The buffered string reached the threshold: decode what is buffered and go on streaming, or copy
  /// it when it cannot be an image.
  private mutating func beginDecoding() throws {
    // Decoded bytes are drained to the spool file after every chunk: room for one chunk's worth
    // (3/4 of it; the buffered start is the threshold), never for the whole payload.
    var active = Base64StreamDecoder(options: options, capacity: min((fileSize - contentStart) / 4 * 3 + 3, 1 << 20))
    let outcome = pendingRaw.withUnsafeBufferPointer { active.decode($0, from: 0) }
    guard outcome == .needMore else {
      // Not an image after all (the buffer holds no closing quote, so this is a failure).
      reduced.append(contentsOf: pendingRaw)
      pendingRaw = []
      mode = .copy
      return
    }
    var end = 0
    var characters = 0
    while end < pendingRaw.count, characters < placeholderCharacters {
      let step = pendingRaw[end] == UInt8(ascii: "\\") ? 2 : 1
      if end + step > pendingRaw.count { break }
      end += step
      characters += 1
    }
    prefixRaw = Array(pendingRaw[..<end])
    pendingRaw = []
    let file = try ImageSpool(folder: spoolFolder)
    try active.drain { try file.append($0) }
    spool = file
    decoder = active
    mode = .decoding
  }

  /// The large string ended at the quote at file offset `quoteOffset`.
  /// `finished` is taken `inout` so its bytes stay uniquely referenced (no copy on the last append).
  private mutating func endDecoding(_ finished: inout Base64StreamDecoder, quoteOffset: Int) throws {
    let valid = finished.finish()
    try finished.drain { try spool?.append($0) }
    if valid, let file = spool {
      let index = blobs.entries.count
      let mediaType = finished.header.flatMap { header in header.withUnsafeBufferPointer { ImageDecoder.parseHeader($0).mediaType } }
      let placeholder = String(decoding: Self.unescaped(prefixRaw), as: UTF8.self) + ResponseBlob.marker + String(index)
      reduced.append(contentsOf: prefixRaw)
      reduced.append(contentsOf: #"\u0000reprise-blob:"#.utf8)
      reduced.append(contentsOf: String(index).utf8)
      blobs.append(ResponseBlob(placeholder: placeholder, image: file.finish(), isDataURL: finished.header != nil, mediaType: mediaType))
    } else {
      reduced.append(contentsOf: try read(contentStart..<quoteOffset))
    }
    reduced.append(UInt8(ascii: "\""))
    prefixRaw = []
    spool = nil
    mode = .outside
  }

  /// The large string is not a clean image: copy it as sent, from its start up to file offset
  /// `offset` (the byte the decoder refused), and go on copying from there.
  private mutating func abandonDecoding(_ abandoned: Base64StreamDecoder, at offset: Int) throws {
    reduced.append(contentsOf: try read(contentStart..<offset))
    escaped = abandoned.inEscape
    prefixRaw = []
    spool = nil
    mode = .copy
  }

  /// The characters the JSON escapes in `raw` stand for (only the two-byte escapes the decoder takes).
  private static func unescaped(_ raw: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(raw.count)
    var i = 0
    while i < raw.count {
      if raw[i] == UInt8(ascii: "\\"), i + 1 < raw.count {
        switch raw[i + 1] {
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "f"): out.append(0x0C)
        default: out.append(raw[i + 1])
        }
        i += 2
      } else {
        out.append(raw[i])
        i += 1
      }
    }
    return out
  }

  /// The file's bytes in `range`.
  private func read(_ range: Range<Int>) throws -> [UInt8] {
    guard !range.isEmpty else { return [] }
    return try [UInt8](unsafeUninitializedCapacity: range.count) { buffer, initialized in
      initialized = 0
      while initialized < range.count {
        let n = pread(fd, buffer.baseAddress! + initialized, range.count - initialized, off_t(range.lowerBound + initialized))
        if n < 0, errno == EINTR { continue }
        guard n > 0 else { throw POSIXError(n == 0 ? .EIO : POSIXErrorCode(rawValue: errno) ?? .EIO) }
        initialized += n
      }
    }
  }
}
