import ArgumentParser
import Foundation
import ResellerCore

/// What a command needs: the service on the chosen database, the staff actor, and how to answer.
struct CLIContext {
    let service: ResellerService
    let config: ConfigFile
    let actor: Actor
    let json: Bool

    /// Opens the database and runs `body`; a refused operation prints its field errors and exits 1,
    /// a database failure exits 3. Never a stack trace.
    static func run(_ global: GlobalOptions, json: Bool, _ body: (CLIContext) throws(ServiceError) -> Void) throws {
        try run(db: global.db, json: json, body)
    }

    static func run(db: String?, json: Bool, _ body: (CLIContext) throws(ServiceError) -> Void) throws {
        do {
            let (service, config) = try openDesk(db: db)
            try body(CLIContext(service: service, config: config, actor: .currentStaff(), json: json))
        } catch {
            try fail(error, json: json)
        }
    }

    /// The configuration read and the service on the desk it names (or `db`), schema brought up to date. No
    /// actor: the terminal opens the desk this way and looks the login up only when it writes.
    static func openDesk(db: String?) throws(ServiceError) -> (ResellerService, ConfigFile) {
        let config = try ConfigFile.load()
        let settings = try ServiceSettings(config)
        let store = try Store(config: config, explicitPath: db, connections: .one)   // one thing at a time
        return (ResellerService(store: store, settings: settings), config)
    }

    /// Tells `error` as every command does, then exits: 3 for a database failure, else 1.
    static func fail(_ error: ServiceError, json: Bool) throws -> Never {
        report(error, json: json)
        if case .storage = error { throw ExitCode(3) }
        throw ExitCode(1)
    }

    static func report(_ error: ServiceError, json: Bool) {
        if json {
            let errors = error.fieldErrors.map { ["field": $0.field, "message": $0.message] }
            JSON.print(["errors": errors])
        } else {
            for e in error.fieldErrors { Console.error("\(e.field): \(e.message)") }
        }
    }

    func say(_ line: String) { if !json { print(line) } }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalSafe.line(line) + "\n").utf8))
    }
}

/// Plain output may hold stored names and emails: it goes through the same sanitizer as the terminal.
enum TerminalSafe {
    static func line(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { Sanitizer.clean(String($0)) }.joined(separator: "\n")
    }
}

import TerminalKit

enum JSON {
    static func print(_ value: Any) {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        Swift.print(String(decoding: data, as: UTF8.self))
    }
}
