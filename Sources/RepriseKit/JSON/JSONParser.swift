import Foundation

/// A strict RFC 8259 JSON parser with limits: nesting depth is capped and duplicate object keys
/// are rejected, because reprise reads manifests and job files that people and tools edit.
public struct JSONParser: Sendable {
  /// Why a document could not be parsed; `offset` is the byte offset of the problem.
  public struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public let reason: String
    /// Byte offset into the input.
    public let offset: Int
    /// One line: `<reason> at byte <offset>`.
    public var description: String { "\(reason) at byte \(offset)" }
  }

  /// Deepest nesting of arrays and objects accepted.
  public let maxDepth: Int

  /// A parser accepting up to `maxDepth` nested arrays/objects.
  public init(maxDepth: Int = 64) { self.maxDepth = maxDepth }

  /// Parses a whole document; trailing non-whitespace is an error.
  public func parse<C: Collection>(_ bytes: C) throws -> JSONValue where C.Element == UInt8 {
    if let result = try bytes.withContiguousStorageIfAvailable({ try parse(buffer: $0) }) { return result }
    return try Array(bytes).withUnsafeBufferPointer { try parse(buffer: $0) }
  }

  /// Parses `Data` without copying it.
  public func parse(_ data: Data) throws -> JSONValue {
    try data.withUnsafeBytes { raw in try parse(buffer: raw.bindMemory(to: UInt8.self)) }
  }

  /// Parses bytes in place.
  public func parse(buffer: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
    var cursor = Cursor(bytes: buffer, maxDepth: maxDepth)
    // A UTF-8 byte order mark is tolerated.
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
    cursor.skipWhitespace()
    let value = try cursor.parseValue(depth: 0)
    cursor.skipWhitespace()
    if cursor.index != buffer.count { throw cursor.fail("unexpected data after the JSON value") }
    return value
  }

  /// Parses a document whose top level is an object, keeping only the members named in `keys`
  /// (a fast path for readers that need a few members of many records, as `status` does): the
  /// other members' values are stepped over without being built, their brackets and strings
  /// matched but their contents not checked.
  package func parse(buffer: UnsafeBufferPointer<UInt8>, keepingTopLevel keys: Set<String>) throws -> JSONValue {
    try parse(buffer: buffer, keeping: KeptMembers(keys))
  }

  /// Top-level member names for `parse(buffer:keeping:)`, with their UTF-8 bytes, so that a
  /// member's name is compared in place and no `String` is made for those stepped over.
  package struct KeptMembers: Sendable {
    /// The names, in the order `parseMembers` returns their values.
    package let order: [String]
    /// Each name's position in `order`.
    let positions: [String: Int]
    /// Each name's UTF-8 bytes, in `order`.
    let bytes: [[UInt8]]
    /// True when every name is ASCII: only then is comparing bytes the same as comparing
    /// strings (an ASCII key can equal a non-ASCII name, e.g. "K" and the Kelvin sign).
    let comparesBytes: Bool

    /// The members named in `names`.
    package init(_ names: Set<String>) { self.init(ordered: Array(names)) }

    /// The members named in `names` (no name twice), their values returned in this order.
    package init(ordered names: [String]) {
      order = names
      positions = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
      bytes = names.map { Array($0.utf8) }
      comparesBytes = names.allSatisfy { $0.utf8.allSatisfy { $0 < 0x80 } }
    }

    /// The position of the kept name whose UTF-8 bytes are `key`, or nil.
    func position(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
      for (n, name) in bytes.enumerated() where name.count == key.count {
        if name.withUnsafeBufferPointer({ memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) { return n }
      }
      return nil
    }
  }

  /// `parse(buffer:keepingTopLevel:)` with the names prepared once for many documents.
  package func parse(buffer: UnsafeBufferPointer<UInt8>, keeping keys: KeptMembers) throws -> JSONValue {
    var cursor = Cursor(bytes: buffer, maxDepth: maxDepth)
    cursor.keep = keys
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
    cursor.skipWhitespace()
    let value = try cursor.parseValue(depth: 0)
    cursor.skipWhitespace()
    if cursor.index != buffer.count { throw cursor.fail("unexpected data after the JSON value") }
    return value
  }

  /// The kept members' values of a document, in `keys.order` (nil where absent), without
  /// building the object that holds them; nil when the document is not an object. Accepts and
  /// refuses exactly the documents `parse(buffer:keeping:)` does, whose object holds the same values.
  package func parseMembers(buffer: UnsafeBufferPointer<UInt8>, keeping keys: KeptMembers) throws -> [JSONValue?]? {
    var cursor = Cursor(bytes: buffer, maxDepth: maxDepth)
    cursor.keep = keys
    cursor.slots = Array(repeating: nil, count: keys.order.count)
    if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { cursor.index = 3 }
    cursor.skipWhitespace()
    let isObject = cursor.index < buffer.count && buffer[cursor.index] == UInt8(ascii: "{")
    _ = try cursor.parseValue(depth: 0)
    cursor.skipWhitespace()
    if cursor.index != buffer.count { throw cursor.fail("unexpected data after the JSON value") }
    return isObject ? cursor.slots : nil
  }

  /// Parses a string's UTF-8 bytes.
  public func parse(_ text: String) throws -> JSONValue { try parse(Array(text.utf8)) }
}

private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  let maxDepth: Int
  var index = 0
  /// Top-level members to build (nil: all); the others are skipped.
  var keep: JSONParser.KeptMembers?
  /// With `keep`: where the kept top-level members' values go (in `keep.order`) instead of an object.
  var slots: [JSONValue?]?

  init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.bytes = bytes
    self.maxDepth = maxDepth
  }

  func fail(_ reason: String) -> JSONParser.Failure { JSONParser.Failure(reason: reason, offset: index) }

  mutating func skipWhitespace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func parseValue(depth: Int) throws -> JSONValue {
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
    case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try expectWord("true"); return .bool(true)
    case UInt8(ascii: "f"): try expectWord("false"); return .bool(false)
    case UInt8(ascii: "n"): try expectWord("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
    default: throw fail("unexpected character")
    }
  }

  mutating func expectWord(_ word: StaticString) throws {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw fail("unexpected end of input") }
    for i in 0..<count where bytes[index + i] != word.utf8Start[i] { throw fail("invalid literal") }
    index += count
  }

  mutating func parseObject(depth: Int) throws -> JSONValue {
    if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    index += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
    while true {
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
      let keyOffset = index
      let key: String
      var position: Int?
      var skip = false
      if depth == 1, let keep {
        // A plain ASCII name (no escape, no control character) is compared in place, and a
        // skipped one never becomes a String; any other goes the way of every string.
        if keep.comparesBytes, let plain = plainASCIIKey() {
          position = keep.position(plain)
          key = position.map { keep.order[$0] } ?? ""
        } else {
          key = try parseString()
          position = keep.positions[key]
        }
        skip = position == nil
      } else {
        key = try parseString()
      }
      skipWhitespace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
      index += 1
      skipWhitespace()
      if skip {
        try skipValue(depth: depth)
      } else if depth == 1, slots != nil, let position {
        let value = try parseValue(depth: depth)
        if slots![position] != nil { throw JSONParser.Failure(reason: "duplicate key \"\(key)\"", offset: keyOffset) }
        slots![position] = value
      } else {
        let value = try parseValue(depth: depth)
        if members.updateValue(value, forKey: key) != nil {
          throw JSONParser.Failure(reason: "duplicate key \"\(key)\"", offset: keyOffset)
        }
      }
      skipWhitespace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "}") { index += 1; return .object(members) }
      throw fail("expected ',' or '}'")
    }
  }

  /// The bytes of the string at `index` (its opening quote) and past its closing quote, when it
  /// is all ASCII with no escape or control character (what `parseString` returns as is); nil,
  /// with `index` unmoved, otherwise.
  mutating func plainASCIIKey() -> UnsafeBufferPointer<UInt8>? {
    var scan = index + 1
    while scan < bytes.count {
      let b = bytes[scan]
      if b == UInt8(ascii: "\"") {
        let key = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<scan])
        index = scan + 1
        return key
      }
      if b == UInt8(ascii: "\\") || b < 0x20 || b >= 0x80 { return nil }
      scan += 1
    }
    return nil
  }

  /// Steps over a number as `parseNumber` reads it, failing where it fails, without building
  /// it when it surely fits (an integer of at most 18 characters, or a fraction without exponent
  /// of fewer than 300: finite as a double).
  /// Steps over a number's sign, integer part and fraction; false when it has a fraction.
  mutating func scanIntegerAndFraction() throws -> Bool {
    var isInteger = true
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
    if bytes[index] == UInt8(ascii: "0") {
      index += 1
    } else {
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      isInteger = false
      index += 1
      guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    return isInteger
  }

  mutating func skipNumber() throws {
    let start = index
    let isInteger = try scanIntegerAndFraction()
    var hasExponent = false
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") { hasExponent = true }
    if isInteger ? index - start <= 18 : !hasExponent && index - start < 300 { return }
    index = start
    _ = try parseNumber()
  }

  /// Steps over one value: strings and brackets matched, nothing built.
  mutating func skipValue(depth: Int) throws {
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "\""): try skipString()
    case UInt8(ascii: "{"), UInt8(ascii: "["):
      var level = 0
      while index < bytes.count {
        // Eight bytes at a time past those that are neither a quote nor a bracket (the
        // whitespace, names and numbers between them).
        if index + 8 <= bytes.count, !Cursor.hasStructure(word()) {
          index += 8
          continue
        }
        switch bytes[index] {
        case UInt8(ascii: "\""): try skipString(); continue
        case UInt8(ascii: "{"), UInt8(ascii: "["):
          level += 1
          if depth + level > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
        case UInt8(ascii: "}"), UInt8(ascii: "]"):
          level -= 1
          if level == 0 { index += 1; return }
        default: break
        }
        index += 1
      }
      throw fail("unexpected end of input")
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try skipNumber()
    default: _ = try parseValue(depth: depth)
    }
  }

  /// Every byte of a word set to `byte`.
  static func spread(_ byte: UInt8) -> UInt64 { UInt64(byte) &* 0x0101_0101_0101_0101 }

  /// True when some byte of `word` is zero (exact: the borrow of a zero byte reaches its top bit
  /// only where the byte was zero or a lower byte was).
  static func hasZeroByte(_ word: UInt64) -> Bool { (word &- spread(1)) & ~word & spread(0x80) != 0 }

  /// True when the eight bytes of `word` hold a quote or a bracket.
  static func hasStructure(_ word: UInt64) -> Bool {
    // `[` `]` and `{` `}` differ only in bit 5 (0x20): with it set, both pairs are `{` `}`.
    let folded = word | spread(0x20)
    return hasZeroByte(folded ^ spread(UInt8(ascii: "{"))) || hasZeroByte(folded ^ spread(UInt8(ascii: "}")))
      || hasZeroByte(word ^ spread(UInt8(ascii: "\"")))
  }

  /// True when the eight bytes of `word` hold a quote or a backslash.
  static func hasQuoteOrEscape(_ word: UInt64) -> Bool {
    hasZeroByte(word ^ spread(UInt8(ascii: "\""))) || hasZeroByte(word ^ spread(UInt8(ascii: "\\")))
  }

  /// The eight bytes at `index` (which has eight bytes after it), as one word.
  func word() -> UInt64 { UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self) }

  /// Steps over a string (at its opening quote), escapes included.
  mutating func skipString() throws {
    index += 1
    while index + 8 <= bytes.count, !Cursor.hasQuoteOrEscape(word()) { index += 8 }
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\""): index += 1; return
      case UInt8(ascii: "\\"): index += 2
      default: index += 1
      }
    }
    throw fail("unterminated string")
  }

  mutating func parseArray(depth: Int) throws -> JSONValue {
    if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
    index += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
    while true {
      skipWhitespace()
      items.append(try parseValue(depth: depth))
      skipWhitespace()
      guard index < bytes.count else { throw fail("unexpected end of input") }
      if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
      if bytes[index] == UInt8(ascii: "]") { index += 1; return .array(items) }
      throw fail("expected ',' or ']'")
    }
  }

  mutating func parseNumber() throws -> JSONValue {
    let start = index
    var isInteger = try scanIntegerAndFraction()
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      isInteger = false
      index += 1
      if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
      guard index < bytes.count, isDigit(bytes[index]) else { throw fail("invalid number") }
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
    }
    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    if isInteger, let value = Int64(text) { return .int(value) }
    guard let value = Double(text), value.isFinite else { throw JSONParser.Failure(reason: "number out of range", offset: start) }
    return .double(value)
  }

  func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

  mutating func parseString() throws -> String {
    index += 1  // opening quote
    // Fast path: no escapes, so the string is one slice of the input (one allocation, which
    // matters for multi-megabyte base64 images).
    var scan = index
    while scan < bytes.count {
      let b = bytes[scan]
      if b == UInt8(ascii: "\"") {
        guard let s = UTF8Text.decode(UnsafeBufferPointer(rebasing: bytes[index..<scan])) else {
          throw fail("invalid UTF-8 in string")
        }
        index = scan + 1
        return s
      }
      if b == UInt8(ascii: "\\") || b < 0x20 { break }
      scan += 1
    }
    var out = [UInt8]()
    var runStart = index
    while true {
      guard index < bytes.count else { throw fail("unterminated string") }
      let b = bytes[index]
      if b == UInt8(ascii: "\"") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        index += 1
        break
      }
      if b < 0x20 { throw fail("control character in string") }
      if b == UInt8(ascii: "\\") {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
        index += 1
        guard index < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
          var scalar = try parseHex4()
          if (0xD800...0xDBFF).contains(scalar) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
              throw fail("unpaired surrogate")
            }
            index += 2
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw fail("unpaired surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          } else if (0xDC00...0xDFFF).contains(scalar) {
            throw fail("unpaired surrogate")
          }
          guard let u = Unicode.Scalar(scalar) else { throw fail("invalid unicode escape") }
          out.append(contentsOf: Array(String(Character(u)).utf8))
        default: throw fail("invalid escape")
        }
        runStart = index
        continue
      }
      index += 1
    }
    guard let s = UTF8Text.decode(out) else { throw fail("invalid UTF-8 in string") }
    return s
  }

  mutating func parseHex4() throws -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail("invalid unicode escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let b = bytes[index]
      let digit: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw fail("invalid unicode escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }
}
