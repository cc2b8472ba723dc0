extension JobStatusReport {
  /// `JSONWriter.pretty(json(extra:))`, the same bytes, written without building each job's
  /// object (the jobs are most of a large report): the members around the jobs go through
  /// `JSONWriter`, each job's fixed members are written in their sorted order.
  package func prettyJSON(extra: [String: JSONValue]) -> String {
    var members = json(extra: extra, jobs: false)
    members["jobs"] = .null
    var out: [UInt8] = []
    out.reserveCapacity(256 * (entries.count + 4))
    out.append(UInt8(ascii: "{"))
    for (n, key) in JSONWriter.sortedKeys(members).enumerated() {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      Self.newline(&out, level: 1)
      Self.write(.string(key), level: 1, into: &out)
      Self.append(": ", to: &out)
      if key == "jobs" { writeJobs(into: &out) } else { Self.write(members[key]!, level: 1, into: &out) }
    }
    Self.newline(&out, level: 0)
    Self.append("}\n", to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// The `jobs` array at level 1, as `JSONWriter.pretty` writes it.
  private func writeJobs(into out: inout [UInt8]) {
    guard !entries.isEmpty else { return Self.append("[]", to: &out) }
    out.append(UInt8(ascii: "["))
    for (n, entry) in entries.enumerated() {
      if n > 0 { out.append(UInt8(ascii: ",")) }
      Self.newline(&out, level: 2)
      out.append(UInt8(ascii: "{"))
      // `jobJSON`'s members, in JSONWriter's (UTF-16) order.
      let succeeded = entry.state == "succeeded"
      let record = succeeded ? entry.box?.record : nil
      Self.member("job_id", .string(entry.jobID), first: true, into: &out)
      Self.member("lock_enforcement", record?.lockEnforcement?.json ?? .null, into: &out)
      Self.member("measures", record?.measures?.json ?? .null, into: &out)
      Self.member("output", .optional(entry.output), into: &out)
      Self.member("picked", .bool(picked.contains(entry.jobID)), into: &out)
      Self.member("reason", .optional(entry.reason), into: &out)
      Self.member("state", .string(entry.state), into: &out)
      Self.member("verdicts", .strings(succeeded ? MeasureSummary.verdicts(entry.box?.record.measures) : []), into: &out)
      Self.newline(&out, level: 2)
      out.append(UInt8(ascii: "}"))
    }
    Self.newline(&out, level: 1)
    out.append(UInt8(ascii: "]"))
  }

  /// One member of a job's object (at level 2): its key and value at level 3.
  private static func member(_ key: StaticString, _ value: JSONValue, first: Bool = false, into out: inout [UInt8]) {
    if !first { out.append(UInt8(ascii: ",")) }
    newline(&out, level: 3)
    out.append(UInt8(ascii: "\""))
    append(key, to: &out)
    append("\": ", to: &out)
    write(value, level: 3, into: &out)
  }

  /// `value` as `JSONWriter.pretty` writes it at `level`: its pretty text with each line after
  /// the first indented by the level (strings hold no raw line breaks: they are escaped).
  private static func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
    switch value {
    case .null: append("null", to: &out)
    case .bool(let b): append(b ? "true" : "false", to: &out)
    case .string(var text):
      // A string with nothing to escape is its bytes between quotes (as `JSONWriter` writes it).
      let plain = text.withUTF8 { bytes in
        guard !bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else { return false }
        out.append(0x22)
        out.append(contentsOf: bytes)
        out.append(0x22)
        return true
      }
      if !plain { out += JSONWriter.canonical(value) }
    case .array(let items) where items.isEmpty: append("[]", to: &out)
    default: JSONWriter.appendPretty(value, level: level, to: &out)
    }
  }

  private static func append(_ text: StaticString, to out: inout [UInt8]) {
    out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  private static func newline(_ out: inout [UInt8], level: Int) {
    out.append(0x0A)
    out += repeatElement(0x20, count: 2 * level)
  }
}
