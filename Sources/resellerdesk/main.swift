import ArgumentParser
import Foundation

// Exit codes are part of the scripting contract: 0 success, 1 validation or business error,
// 2 usage error, 3 database error. ArgumentParser's own usage failures are mapped to 2 here.
let arguments = Array(CommandLine.arguments.dropFirst())
// Staff start the full-screen front many times a day over SSH: with no subcommand it opens without
// ArgumentParser, whose reflection costs milliseconds before the first frame.
if arguments.isEmpty || arguments == ["--mono"], isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 {
    do {
        try ResellerDesk.openTerminal(db: nil, mono: !arguments.isEmpty)
        Foundation.exit(0)
    } catch let exit as ExitCode {
        Foundation.exit(exit.rawValue)
    }
}
do {
    var command = try ResellerDesk.parseAsRoot(arguments)
    try command.run()
} catch let exit as ExitCode {
    Foundation.exit(exit.rawValue)
} catch {
    let code = ResellerDesk.exitCode(for: error)
    let message = ResellerDesk.fullMessage(for: error)
    if code == .success {
        print(message)
        Foundation.exit(0)
    }
    FileHandle.standardError.write(Data((message + "\n").utf8))
    Foundation.exit(2)
}
