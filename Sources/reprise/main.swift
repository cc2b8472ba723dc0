import Foundation
import RepriseCLI

TerminationSignal.install()
let context = CommandContext(
  environment: ProcessInfo.processInfo.environment,
  currentDirectory: FileManager.default.currentDirectoryPath,
  console: Console.standard())
exit(await RepriseCommandLine.run(Array(CommandLine.arguments.dropFirst()), context: context).rawValue)
