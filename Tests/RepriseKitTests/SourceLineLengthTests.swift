import Foundation
import RepriseKit
import RepriseTestSupport
import Testing

/// The `.swift-format` configuration's line length is one the code keeps: no Swift line in the
/// package is longer.
@Suite struct SourceLineLengthTests {
  @Test func everySwiftLineFitsTheConfiguredLength() throws {
    let root = ProcessRunner.packageRoot
    let configuration = try JSONParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: root + "/.swift-format"))))
    let limit = try #require(configuration["lineLength"]?.intValue)
    #expect(limit == 160)
    var long: [String] = []
    for folder in ["Sources", "Tests"] {
      guard let walker = FileManager.default.enumerator(atPath: root + "/" + folder) else { continue }
      while let relative = walker.nextObject() as? String {
        guard relative.hasSuffix(".swift") else { continue }
        let text = try String(contentsOfFile: root + "/" + folder + "/" + relative, encoding: .utf8)
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.count > limit {
          long.append("\(folder)/\(relative):\(n + 1) (\(line.count) columns)")
        }
      }
    }
    #expect(long.isEmpty, "lines over \(limit) columns: \(long.prefix(20))")
  }
}
