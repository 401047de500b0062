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
            peer authentication).
            """,
        subcommands: [Init.self, Grant.self, Revoke.self])

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the schema, its roles and their privileges in an empty PostgreSQL database.",
            discussion: "Run once, as a role that may create roles and owns the database (postgres, say).")
        @Argument(help: "The database, as libpq takes it: postgresql://…") var url: String

        func run() throws {
            try StorageCommand.run { () throws(ServiceError) in
                try PostgresStorage.initialize(url: url)
                print("Created the ResellerDesk schema (version \(PostgresStorage.schemaVersion)) in \(url).")
                print("Add staff with: resellerdesk storage grant LOGIN --db \(url)")
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
                print("\(login) is staff of \(url): the login connects over the server's socket as itself.")
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
                print("\(login) is no longer staff of \(url).")
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
