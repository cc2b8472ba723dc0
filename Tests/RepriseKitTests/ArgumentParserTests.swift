import Testing
@testable import RepriseCLI
@testable import RepriseKit

@Suite struct ArgumentParserTests {
  let parser = ArgumentParser(options: [
    .value("count", "N", ""), .value("prompt", "TEXT", ""), .repeatable("must-keep", "TEXT", ""),
    .toggle("lock-palette", ""), .flag("dry-run", ""), .rest("on-complete", "CMD ARG...", ""),
  ])

  @Test func restOptionTakesEverythingAfterIt() throws {
    let parsed = try parser.parse(["--count", "2", "--on-complete", "notify", "--count", "9", "--", "a b"])
    #expect(parsed.value("count") == "2", "options after --on-complete belong to the hook")
    #expect(parsed.list("on-complete") == ["notify", "--count", "9", "--", "a b"])
    #expect(try parser.parse(["--on-complete=sh", "-c", "echo"]).list("on-complete") == ["sh", "-c", "echo"])
    #expect(throws: RepriseError.usage("option '--on-complete' needs a command after it (CMD ARG...)")) { try parser.parse(["--on-complete"]) }
  }

  @Test func acceptsBothValueForms() throws {
    let parsed = try parser.parse(["--count", "3", "--prompt=a=b"])
    #expect(parsed.value("count") == "3")
    #expect(parsed.value("prompt") == "a=b")
  }

  @Test func repeatableKeepsOrder() throws {
    #expect(try parser.parse(["--must-keep", "a", "--must-keep=b c"]).list("must-keep") == ["a", "b c"])
  }

  @Test func togglesHaveNegativeForm() throws {
    #expect(try parser.parse(["--lock-palette"]).toggle("lock-palette") == true)
    #expect(try parser.parse(["--no-lock-palette"]).toggle("lock-palette") == false)
    #expect(try parser.parse([]).toggle("lock-palette") == nil)
    #expect(throws: RepriseError.usage("options '--lock-palette' and '--no-lock-palette' contradict each other")) {
      try parser.parse(["--lock-palette", "--no-lock-palette"])
    }
  }

  @Test func doubleDashEndsOptions() throws {
    let parsed = try parser.parse(["--dry-run", "--", "--count", "-x"])
    #expect(parsed.flag("dry-run"))
    #expect(parsed.positionals == ["--count", "-x"])
    #expect(parsed.value("count") == nil)
  }

  @Test func valuesMayStartWithADash() throws {
    #expect(try parser.parse(["--prompt", "-dark- mode"]).value("prompt") == "-dark- mode")
  }

  @Test(arguments: [
    (["--cuont", "3"], "unknown option '--cuont' (did you mean '--count'?)"),
    (["--lock-palete"], "unknown option '--lock-palete' (did you mean '--lock-palette'?)"),
    (["--zzzzzz"], "unknown option '--zzzzzz'"),
    (["--count"], "option '--count' needs a value (N)"),
    (["--dry-run=yes"], "option '--dry-run' takes no value"),
    (["--count", "1", "--count", "2"], "option '--count' was given twice; give it once"),
    (["-c"], "unknown option '-c'"),
  ])
  func errorsNameTheOption(arguments: [String], message: String) {
    #expect(throws: RepriseError.usage(message)) { try parser.parse(arguments) }
  }
}

@Suite struct CommandLineTests {
  @Test func unknownCommandSuggestsAndExits64() async {
    let result = await runCLI(["varaints"], in: "/")
    #expect(result.code == 64)
    #expect(result.err.hasPrefix("error: unknown command 'varaints' (did you mean 'variants'?)\nUsage:"))
  }

  @Test func unknownOptionPrintsTheCommandUsage() async {
    let result = await runCLI(["variants", "--cuont", "3"], in: "/")
    #expect(result.code == 64)
    #expect(result.err.hasPrefix("error: unknown option '--cuont' (did you mean '--count'?)\nUsage:\n  reprise variants --prompt TEXT"))
    #expect(result.out.isEmpty)
  }

  @Test func helpFormsAllAgree() async {
    let a = await runCLI(["help", "variants"], in: "/")
    let b = await runCLI(["variants", "--help"], in: "/")
    #expect(a.code == 0 && b.code == 0)
    #expect(a.out == b.out)
    #expect(a.out.contains("--[no-]lock-palette"))
  }

  @Test func versionNamesTheSchema() async {
    let result = await runCLI(["--version"], in: "/")
    #expect(result.out == "reprise \(RepriseCommandLine.version) (writes reprise.manifest/1)\n")
  }

  @Test func noArgumentsIsAUsageError() async {
    #expect(await runCLI([], in: "/").code == 64)
  }
}
