import ResellerCore

extension TempPostgresDatabase {
    /// The database as `--db`, `storage.url` and `storage copy` take it, a postgresql:// URL (a conninfo of
    /// key=value pairs would be read as a SQLite file's name): the tests' own cluster over 127.0.0.1, where it
    /// trusts the superuser; an external server (RESELLERDESK_TEST_PG) as its URL gives it.
    public var location: String {
        if DatabaseLocation.isPostgres(url) { return url }
        if let port = server.port { return "postgresql://postgres@127.0.0.1:\(port)/\(name)" }
        return url
    }
}

extension TempPostgresDatabase {
    /// A new database holding an unused desk, as `storage init` leaves it: copied from the process's template
    /// (tests initialising at once would race to create the same server-wide roles).
    public static func desk() throws -> TempPostgresDatabase {
        try TempPostgresDatabase(template: try PostgresTemplate.name())
    }
}
