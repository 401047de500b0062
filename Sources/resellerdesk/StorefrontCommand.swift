import ArgumentParser
import Foundation

struct StorefrontCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storefront", abstract: "The web storefront for resellers' storefront users.",
        subcommands: [Serve.self])
}

extension StorefrontCommand {
    /// Starts `resellerdesk-storefront`, built beside this binary. The HTTP server is a program of its own so
    /// that the terminal front, started many times a day, carries none of it.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            abstract: "Serve the storefront on the same database as the terminals (Ctrl-C or SIGTERM stops it).")
        @OptionGroup var global: GlobalOptions
        @Option(help: "The address to listen on.") var host = "127.0.0.1"
        @Option(help: "The port to listen on.") var port = 8080

        func run() throws {
            guard let server = Self.serverPath() else {
                let me = Self.ownPath ?? "resellerdesk"
                Console.error("storefront: resellerdesk-storefront is not installed beside \(me) "
                              + "nor in ../lib/resellerdesk; reinstall the package, or build it with: "
                              + "swift build --product resellerdesk-storefront")
                throw ExitCode(3)
            }
            let args = [server, "--host", host, "--port", String(port)] + (global.db.map { ["--db", $0] } ?? [])
            let argv = args.map { strdup($0) } + [nil]
            execv(server, argv)
            Console.error("storefront: cannot start \(server): \(String(cString: strerror(errno)))")
            throw ExitCode(3)
        }

        /// This program's own file, from the kernel (`/proc/self/exe`): never argv[0] or the current folder,
        /// which whoever starts it controls.
        static var ownPath: String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
            guard n > 0 else { return nil }
            return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        /// The server beside this binary (a build folder), else in `../lib/resellerdesk` (the Debian package:
        /// /usr/bin/resellerdesk and /usr/lib/resellerdesk/resellerdesk-storefront).
        static func serverPath() -> String? {
            guard let me = ownPath else { return nil }
            let dir = URL(fileURLWithPath: me).deletingLastPathComponent()
            return [dir.appendingPathComponent("resellerdesk-storefront"),
                    dir.appendingPathComponent("../lib/resellerdesk/resellerdesk-storefront").standardizedFileURL]
                .map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
        }
    }
}
