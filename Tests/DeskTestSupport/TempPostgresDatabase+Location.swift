import ResellerCore

extension TempPostgresDatabase {
    /// The database as `--db`, `storage.url` and `storage copy` take it, a postgresql:// URL (a conninfo of
    /// key=value pairs would be read as a SQLite file's name): see `PostgresServer.uri(database:)`.
    public var location: String { server.uri(database: name) }
}

extension TempPostgresDatabase {
    /// A new database holding an unused desk, as `storage init` leaves it: copied from the process's template
    /// (tests initialising at once would race to create the same server-wide roles).
    public static func desk() throws -> TempPostgresDatabase {
        try TempPostgresDatabase(template: try PostgresTemplate.name())
    }
}
