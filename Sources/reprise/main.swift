import Foundation
import RepriseCLI

let context = CommandContext(
  environment: ProcessInfo.processInfo.environment,
  currentDirectory: FileManager.default.currentDirectoryPath,
  console: Console.standard())
exit(RepriseCommandLine.run(Array(CommandLine.arguments.dropFirst()), context: context))
