import Foundation
import Testing

/// Runs the built `resellerdesk` binary as a separate process on a temporary database.
struct CLI {
    let folder = NSTemporaryDirectory() + "resellerdesk-cli-" + UUID().uuidString
    var db: String { folder + "/cli.sqlite" }

    struct Result {
        var code: Int32
        var out: String
        var err: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(out.utf8)) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
    }

    /// The binary: $RESELLERDESK_BIN, else the debug build beside these sources.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["RESELLERDESK_BIN"], !path.isEmpty { return path }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/resellerdesk").path
    }

    /// `launcher` runs the binary through another program, e.g. `["/usr/bin/faketime", "2027-01-10"]`.
    @discardableResult
    func run(_ args: [String], environment extra: [String: String] = [:], launcher: [String] = []) throws -> Result {
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
        extra.forEach { env[$0.key] = $0.value }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(code: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    enum CLIError: Error, CustomStringConvertible {
        case missingBinary(String)
        var description: String {
            switch self { case .missingBinary(let p): "no resellerdesk binary at \(p): run `swift build` first or set RESELLERDESK_BIN" }
        }
    }
}

/// Runs a program and returns stdout and stderr together.
@discardableResult
func shell(_ args: String..., allowFailure: Bool = false) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = Array(args)
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    if !allowFailure && p.terminationStatus != 0 { Issue.record("\(args.joined(separator: " ")) failed: \(text)") }
    return text
}
