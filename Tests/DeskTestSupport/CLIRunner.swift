import Foundation
import ResellerCore

/// Runs the built `resellerdesk` binary as a separate process on a temporary database.
public struct CLI: Sendable {
    public init() {}

    /// The folder the desk and the test's files are in: the TempDatabase's, removed with it when the test ends
    /// (each test's folder of its own once stayed behind in /tmp, gigabytes over a day of test runs).
    public var folder: String { desk.folder }
    private let desk = TempDatabase()
    /// The desk every run uses: a SQLite file in `folder`, or on the PostgreSQL pass (`TestEngine`) a database
    /// of the test server, made on first use.
    public var db: String {
        guard !TestEngine.isSQLite else { return folder + "/cli.sqlite" }
        do {
            // The folder a test writes its files in, which a SQLite desk's first open makes.
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            return try desk.location
        } catch {
            preconditionFailure("no PostgreSQL desk for the CLI: \(error)")
        }
    }

    /// The desk, opened in this process as another process would.
    public func openStore() throws -> Store {
        try Store(location: db)
    }

    public struct Result: Sendable {
        public var code: Int32
        public var out: String
        public var err: String
        public var json: Any? { try? JSONSerialization.jsonObject(with: Data(out.utf8)) }
        public var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// The repository these sources are in (its scripts/ hold the tests' Python oracles).
    public static var root: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The binary: $RESELLERDESK_BIN, else the debug build beside these sources.
    public static var binary: String {
        if let path = ProcessInfo.processInfo.environment["RESELLERDESK_BIN"], !path.isEmpty { return path }
        return root + "/.build/debug/resellerdesk"
    }

    /// `launcher` runs the binary through another program, e.g. `["/usr/bin/faketime", "2027-01-10"]`.
    @discardableResult
    public func run(_ args: [String], environment extra: [String: String] = [:],
                    launcher: [String] = []) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: CLI.binary) else {
            throw CLIError.missingBinary(CLI.binary)
        }
        let p = Process()
        let command = launcher + [CLI.binary] + args
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        var env = ProcessInfo.processInfo.environment
        env["RESELLERDESK_DB"] = db
        env["SUDO_USER"] = "carol"
        // Hermetic: never the system configuration of a desk installed on this machine.
        env["RESELLERDESK_SYSTEM_CONFIG"] = folder + "/no-system-config.toml"
        // A desk without a seller cannot invoice: every run has one, outside the EU so that billing figures
        // stay net; a test of tax passes TestSeller.environment(TestSeller.greek), which wins key by key.
        TestSeller.environment(TestSeller.outsideEU).forEach { env[$0.key] = $0.value }
        extra.forEach { env[$0.key] = $0.value }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self),
                      err: String(decoding: e, as: UTF8.self))
    }

    public enum CLIError: Error, CustomStringConvertible {
        case missingBinary(String)
        public var description: String {
            switch self {
            case .missingBinary(let p):
                "no resellerdesk binary at \(p): run `swift build` first or set RESELLERDESK_BIN"
            }
        }
    }
}
