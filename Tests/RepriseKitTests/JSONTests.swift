import Testing
import Foundation
@testable import RepriseKit

@Suite struct JSONParserTests {
  @Test func parsesEveryKind() throws {
    let value = try JSONParser().parse(#"{"a":[1,-2.5,true,false,null,"x\u00e9\n"],"b":{"c":"\ud83d\ude00"}}"#)
    #expect(value["a"] == .array([.int(1), .double(-2.5), .bool(true), .bool(false), .null, .string("xé\n")]))
    #expect(value["b"]?["c"] == .string("😀"))
  }

  @Test(arguments: [
    "", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "\"\\x\"", "\"abc", "tru", "{\"a\" 1}",
    "[1] 2", "\"\u{01}\"", "\"\\ud800\"", "NaN", "1e999",
  ])
  func rejectsMalformed(_ text: String) {
    #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(text) }
  }

  @Test func rejectsDuplicateKeys() {
    #expect(throws: JSONParser.Failure(reason: "duplicate key \"a\"", offset: 7)) { try JSONParser().parse(#"{"a":1,"a":2}"#) }
  }

  @Test func capsNestingDepth() throws {
    let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(throws: JSONParser.Failure.self) { try JSONParser().parse(deep) }
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    _ = try JSONParser().parse(ok)
  }
}

@Suite struct JSONWriterTests {
  @Test func canonicalSortsByUTF16AndEscapesMinimally() {
    // RFC 8785 §3.2.3: keys sort by UTF-16 code units, so U+1F600 (D83D...) sorts before U+E000.
    let value: JSONValue = .object([
      "\u{E000}": .int(1), "😀": .int(2), "b": .string("x/y\"\\\u{08}\u{1F}é"), "B": .null, "a10": .bool(true), "a9": .array([]),
    ])
    #expect(JSONWriter.canonicalString(value) == "{\"B\":null,\"a10\":true,\"a9\":[],\"b\":\"x/y\\\"\\\\\\b\\u001fé\",\"😀\":2,\"\u{E000}\":1}")
  }

  @Test func numbersFollowECMAScript() {
    #expect(JSONWriter.formatDouble(1e16) == "10000000000000000")
    #expect(JSONWriter.formatDouble(1e-7) == "1e-7")
    #expect(JSONWriter.formatDouble(0.0387243) == "0.0387243")
    #expect(JSONWriter.formatDouble(1.5) == "1.5")
    #expect(JSONWriter.formatDouble(1e21) == "1e+21")
    #expect(JSONWriter.formatDouble(1.2345678901234568e20) == "123456789012345680000")
  }

  @Test func theFastNumberTextEqualsTheOneBuiltFromDigits() {
    var values: [Double] = [1, -1, 0.5, 100, 1e15, 1e16, 1e17, 9007199254740992, 9007199254740994, 2251799813685248.5, 123456789012345.6]
    for exponent in -330...310 {
      values.append(pow(10, Double(exponent)))
      values.append(-3.7 * pow(10, Double(exponent)))
    }
    var state: UInt64 = 0x2545_F491_4F6C_DD1D
    func next() -> UInt64 {
      state ^= state << 13
      state ^= state >> 7
      state ^= state << 17
      return state
    }
    for _ in 0..<50_000 {
      values.append(Double(bitPattern: next()))  // any double, NaN and infinities included
      // Decimals as measures and costs hold them: a few digits at some scale.
      let digits = Double(next() % 1_000_000)
      values.append(digits / pow(10, Double(next() % 12)))
      values.append(Double(Int64(bitPattern: next()) >> Int64(next() % 63)))
    }
    let wrong = values.filter { JSONWriter.formatDouble($0) != JSONWriter.formatDoubleFromDigits($0) }
    #expect(wrong.isEmpty, "first that differ: \(wrong.prefix(5).map { "\($0): \(JSONWriter.formatDouble($0)) vs \(JSONWriter.formatDoubleFromDigits($0))" })")
  }

  /// RFC 8785 Appendix B, checked against node's `String(Number)` (the ECMAScript oracle).
  static let appendixB: [(UInt64, String)] = [
    (0x0000_0000_0000_0000, "0"), (0x8000_0000_0000_0000, "0"), (0x0000_0000_0000_0001, "5e-324"),
    (0x8000_0000_0000_0001, "-5e-324"), (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
    (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"), (0x4340_0000_0000_0000, "9007199254740992"),
    (0xC340_0000_0000_0000, "-9007199254740992"), (0x4430_0000_0000_0000, "295147905179352830000"),
    (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"), (0x44B5_2D02_C7E1_4AF6, "1e+23"),
    (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"), (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
    (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"), (0x444B_1AE4_D6E2_EF50, "1e+21"),
    (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"), (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
    (0x41B3_DE43_5555_5553, "333333333.3333332"), (0x41B3_DE43_5555_5554, "333333333.33333325"),
    (0x41B3_DE43_5555_5555, "333333333.3333333"), (0x41B3_DE43_5555_5556, "333333333.3333334"),
    (0x41B3_DE43_5555_5557, "333333333.33333343"), (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
    (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
  ]

  @Test(arguments: appendixB)
  func rfc8785AppendixBNumbers(bits: UInt64, expected: String) {
    #expect(JSONWriter.formatDouble(Double(bitPattern: bits)) == expected)
    #expect(JSONWriter.canonicalString(.double(Double(bitPattern: bits))) == expected)
  }

  @Test func smallNumbersArePlainDownTo1eMinus6() {
    // Each checked with node: String(x).
    #expect(JSONWriter.formatDouble(0.00001) == "0.00001")
    #expect(JSONWriter.formatDouble(0.0001) == "0.0001")
    #expect(JSONWriter.formatDouble(-0.000015) == "-0.000015")
    #expect(JSONWriter.formatDouble(1.23e-18) == "1.23e-18")
    #expect(JSONWriter.formatDouble(-1.5e-7) == "-1.5e-7")
    #expect(JSONWriter.formatDouble(0.1 + 0.2) == "0.30000000000000004")
    #expect(JSONWriter.formatDouble(100) == "100")
    #expect(JSONWriter.formatDouble(123.456) == "123.456")
  }

  @Test func integersBeyond2To53AreCanonicalAsTheDoubleTheyReadAs() {
    #expect(JSONWriter.canonicalString(.int(9_007_199_254_740_993)) == "9007199254740992")
    #expect(JSONWriter.canonicalString(.int(-9_007_199_254_740_993)) == "-9007199254740992")
    #expect(JSONWriter.canonicalString(.int(9_007_199_254_740_992)) == "9007199254740992")
    #expect(JSONWriter.canonicalString(.int(Int64.max)) == "9223372036854776000")
    #expect(JSONWriter.canonicalString(.int(123_456_789)) == "123456789")
    // Files people read keep the digits they were given.
    #expect(JSONWriter.pretty(.int(9_007_199_254_740_993)) == "9007199254740993\n")
  }

  @Test func nonFiniteNumbersAreNotSerializable() {
    for value in [Double.nan, .infinity, -.infinity] {
      #expect(throws: JSONWriter.NonFiniteNumber.self) { try JSONWriter.canonicalChecked(.array([.int(1), .object(["x": .double(value)])])) }
    }
    #expect(throws: Never.self) { try JSONWriter.canonicalChecked(.double(1.5)) }
  }

  /// The canonical bytes and their SHA-256 as two independent implementations computed them:
  /// node (`JSON.stringify` over keys sorted by UTF-16 code units) and a Python JCS encoder.
  @Test func canonicalDocumentHashMatchesAnIndependentImplementation() {
    let value: JSONValue = .object([
      "numbers": .array([.double(0.00001), .double(1e21), .double(1e-7), .double(333333333.3333332), .int(9_007_199_254_740_993), .int(-7)]),
      "text": .string("crab \u{e9}\u{1F980} \"q\"\n"), "b": .bool(true), "n": .null, "\u{20ac}": .int(1),
    ])
    let canonical = JSONWriter.canonicalString(value)
    #expect(canonical == #"{"b":true,"n":null,"numbers":[0.00001,1e+21,1e-7,333333333.3333332,9007199254740992,-7],"text":"crab é🦀 \"q\"\n","€":1}"#)
    #expect(SHA256.hash(JSONWriter.canonical(value)).hexString == "29af07f8d384725120a0a671e715e39a55fe2abc4440b1d932bb39122b9246e9")
  }

  @Test func prettyIsSortedIndentedWithTrailingNewline() {
    let value: JSONValue = .object(["b": .array([.int(1), .object([:])]), "a": .string("x")])
    #expect(JSONWriter.pretty(value) == "{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {}\n  ]\n}\n")
  }

  @Test func roundTripsThroughTheParser() throws {
    let value: JSONValue = .object(["k": .array([.string("line\nbreak\t\u{0}"), .int(-9_007_199_254_740_991), .double(0.25)])])
    #expect(try JSONParser().parse(JSONWriter.canonical(value)) == value)
    #expect(try JSONParser().parse(JSONWriter.pretty(value)) == value)
  }
}

@Suite struct WordDiffTests {
  @Test func marksRemovedAndAddedWords() {
    #expect(WordDiff.render("a red crab logo", "a blue crab logo") == "a [-red-] {+blue+} crab logo")
    #expect(WordDiff.render("same", "same") == "same")
    #expect(WordDiff.render("x", "x y z") == "x {+y z+}")
  }
}
