import ArgumentParser
import Foundation
import ResellerCore

/// `resellerdesk storage …`: the PostgreSQL desk's schema and staff, run by its administrator.
struct StorageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "storage",
        abstract: "Set up a PostgreSQL desk and its staff (an administrator's commands).",
        discussion: """
            A desk on PostgreSQL 15 or later is named by storage.url in the configuration, --db or RESELLERDESK_DB \
            (postgresql://…, as libpq reads it). `storage init` creates its schema and roles once; `storage grant` \
            and `storage revoke` add and remove staff logins (Unix logins, connecting over the server's socket with \
            peer authentication). `storage copy` moves a whole desk between engines while it is offline.
            """,
        subcommands: [Init.self, Grant.self, Revoke.self, Copy.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the schema, its roles and their privileges in an empty PostgreSQL database.",
            discussion: "Run once, as a role that may create roles and owns the database (postgres, say).")
        @Argument(help: "The database, as libpq takes it: postgresql://…") var url: String

        func run() throws {
            try StorageCommand.run { () throws(ServiceError) in
                try PostgresStorage.initialize(url: url)
                let named = DatabaseLocation.named(url)   // never the password, which a URL may hold
                print("Created the ResellerDesk schema (version \(PostgresStorage.schemaVersion)) in \(named).")
                print("Add staff with: resellerdesk storage grant LOGIN --db \(named)")
            }
        }
    }

    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a Unix login staff of the PostgreSQL desk (a role in resellerdesk_staff).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's Unix login.") var login: String

        func run() throws {
            try StorageCommand.run { () throws(ServiceError) in
                let url = try StorageCommand.url(global)
                try PostgresStorage.grant(login: login, url: url)
                print("\(login) is staff of \(DatabaseLocation.named(url)): the login connects over the server's "
                      + "socket as itself.")
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a login from the PostgreSQL desk's staff; what it did stays in the audit.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The staff member's Unix login.") var login: String

        func run() throws {
            try StorageCommand.run { () throws(ServiceError) in
                let url = try StorageCommand.url(global)
                try PostgresStorage.revoke(login: login, url: url)
                print("\(login) is no longer staff of \(DatabaseLocation.named(url)).")
            }
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy a whole desk into an empty one, SQLite and PostgreSQL either way, with the desk offline.",
            discussion: """
                Every table is copied in one transaction on the target, ids kept, and checked before it commits: \
                each table's row count, each account's ledger balance, the invoice and credit-note numbers and \
                the counters; any difference copies nothing. Refused while a resellerdesk program has either desk \
                open, when the target holds anything, or when both name the same desk. A PostgreSQL target needs \
                `storage init` first, and a PostgreSQL end is copied by a member of resellerdesk_owner.
                """)
        @Option(help: "The desk to copy: a SQLite file or postgresql://…") var from: String
        @Option(help: "The empty desk to copy into: a new SQLite file, or postgresql://… after storage init.")
        var to: String
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            for (flag, value) in [("--from", from), ("--to", to)]
            where value.trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("\(flag) needs a desk: a SQLite file or a postgresql:// URL")
            }
        }

        func run() throws {
            do {
                let report = try Store.copy(from: from, to: to, by: .currentStaff())
                json ? StorageCommand.showJSON(report) : StorageCommand.show(report)
            } catch {
                CLIContext.report(error, json: json)
                if case .storage = error { throw ExitCode(3) }
                throw ExitCode(1)
            }
        }
    }

    /// The PostgreSQL desk the options and configuration name; a SQLite desk has no roles to manage.
    static func url(_ global: GlobalOptions) throws(ServiceError) -> String {
        let config = try ConfigFile.load()
        let (location, source) = DatabaseLocation.resolve(explicit: global.db, config: config)
        guard DatabaseLocation.isPostgres(location) else {
            throw .refused(field: "db", message: "the desk (\(location), from \(source)) is a SQLite file, whose "
                           + "staff are the Unix group of its folder; storage grant and revoke are for a "
                           + "PostgreSQL desk (postgresql://…)")
        }
        return location
    }

    static func run(_ body: () throws(ServiceError) -> Void) throws {
        do {
            try body()
        } catch {
            CLIContext.report(error, json: false)
            if case .storage = error { throw ExitCode(3) }
            throw ExitCode(1)
        }
    }
}
