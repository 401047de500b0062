import Foundation
@testable import ResellerCore
import Synchronization
import Testing

/// The engine the service tests run on: SQLite, or PostgreSQL when `RESELLERDESK_TEST_ENGINE=postgresql`
/// (`scripts/test` runs the service suite once on each).
public enum TestEngine: Sendable {
    case sqlite, postgresql

    public static let current: TestEngine =
        ProcessInfo.processInfo.environment["RESELLERDESK_TEST_ENGINE"] == "postgresql" ? .postgresql : .sqlite

    public static var isSQLite: Bool { current == .sqlite }
}

/// A fresh desk for one test, removed when the test ends: a real SQLite file in a temporary folder, or on
/// PostgreSQL a new database copied from a template that holds the schema (`storage init`'s), on the test server.
public final class TempDatabase: Sendable {
    public let folder: String
    /// The SQLite file (also the folder's place for what a test writes beside the desk).
    public var path: String { folder + "/resellerdesk.sqlite" }
    private let database = Mutex<TempPostgresDatabase?>(nil)

    public init() {
        folder = NSTemporaryDirectory() + "resellerdesk-test-" + UUID().uuidString
    }

    /// The desk on the test engine; on PostgreSQL every open of one TempDatabase is the same database.
    public func open(journal: Journal = .system) throws -> Store {
        try Store(location: try location, journal: journal)
    }

    /// Where the desk is, as `--db` takes it: the file, or the PostgreSQL URL.
    public var location: String {
        get throws { TestEngine.isSQLite ? path : try postgres().location }
    }

    private func postgres() throws -> TempPostgresDatabase {
        try database.withLock { database in
            if database == nil {
                database = try TempPostgresDatabase(template: try PostgresTemplate.name())
                // The folder tests write beside the desk, which a SQLite desk's Store makes.
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            }
            return database!
        }
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}

/// The database every test database is copied from: the schema `storage init` makes, made once per process.
enum PostgresTemplate {
    private static let made = Mutex<String?>(nil)

    static func name() throws -> String {
        try made.withLock { name in
            if let name { return name }
            let template = "desk_template_\(getpid())"
            let server = try PostgresServer.shared
            try server.createDatabase(template)
            try PostgresStorage.initialize(url: server.url(database: template))
            name = template
            return template
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// A test of what only a SQLite desk has (its file, PRAGMAs, migrations from older files, backup through
    /// SQLite): it runs on the SQLite pass of the suite and is shown as skipped, with this reason, on PostgreSQL's.
    public static var sqliteOnly: Self {
        .enabled(if: TestEngine.isSQLite, "a SQLite desk's own: its file, PRAGMAs, old files, backup")
    }
}

extension Trait where Self == ConditionTrait {
    /// A test of what only a PostgreSQL desk has (what several hosts share through it): it runs on the
    /// PostgreSQL pass of the suite (`scripts/test` runs both) and is shown as skipped on SQLite's.
    public static var postgresOnly: Self {
        .enabled(if: !TestEngine.isSQLite, "a PostgreSQL desk's own: what several hosts share through it")
    }
}
