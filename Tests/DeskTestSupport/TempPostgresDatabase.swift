import Foundation

/// A fresh database on the shared test server, dropped when the test ends: the PostgreSQL twin of
/// `TempDatabase`.
public final class TempPostgresDatabase: Sendable {
    public let server: PostgresServer
    public let name: String
    /// The conninfo of the database for libpq, as the superuser.
    public var url: String { server.url(database: name) }

    /// The conninfo with `parameters` added (`["user": "clerk"]`).
    public func url(with parameters: KeyValuePairs<String, String>) -> String {
        server.url(database: name, with: parameters)
    }

    /// On `server`, or the tests' shared one.
    public init(template: String? = nil, on server: PostgresServer? = nil) throws {
        self.server = try server ?? PostgresServer.shared
        // Lower case: an unquoted name in psql or a conninfo folds to it.
        name = "rdtest_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try self.server.createDatabase(name, template: template)
    }

    /// Runs `sql` with psql in this database.
    @discardableResult
    public func psql(_ sql: String) throws -> String { try server.psql(sql, database: name) }

    deinit { try? server.dropDatabase(name) }
}
