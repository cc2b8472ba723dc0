MockServerCommand.run(arguments: Array(CommandLine.arguments.dropFirst()))
