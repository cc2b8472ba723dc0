import Testing
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
