import ArgumentParser
import Foundation

struct StorefrontCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storefront", abstract: "The web storefront for resellers' storefront users.",
        subcommands: [StorefrontServeCommand.self])
}

/// Starts `resellerdesk-storefront`, built beside this binary. The HTTP server is a program of its own so
/// that the terminal front, started many times a day, carries none of it.
struct StorefrontServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Serve the storefront on the same database as the terminals (Ctrl-C or SIGTERM stops it).")
    @OptionGroup var global: GlobalOptions
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080

    func run() throws {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let server = me.deletingLastPathComponent().appendingPathComponent("resellerdesk-storefront").path
        guard FileManager.default.isExecutableFile(atPath: server) else {
            Console.error("storefront: \(server) is missing; build it with: swift build --product resellerdesk-storefront")
            throw ExitCode(3)
        }
        let args = [server, "--host", host, "--port", String(port)] + (global.db.map { ["--db", $0] } ?? [])
        let argv = args.map { strdup($0) } + [nil]
        execv(server, argv)
        Console.error("storefront: cannot start \(server): \(String(cString: strerror(errno)))")
        throw ExitCode(3)
    }
}
