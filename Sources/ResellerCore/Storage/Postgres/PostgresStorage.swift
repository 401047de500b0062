import GRDB

/// The administrator's side of a PostgreSQL desk: `storage init`, `grant`, `revoke`, and the check every open
/// makes. The schema is made whole by `storage init` (it creates roles, which a staff login may not), never by
/// a process that merely opens the desk, as a SQLite desk migrates itself.
public enum PostgresStorage {
    public static let schemaVersion = PostgresSchema.version

    /// Creates the schema, roles and grants in one transaction: a failure leaves the database as it was.
    public static func initialize(url: String) throws(ServiceError) {
        try administer(url) { c in
            try c.execute(script: "BEGIN; " + PostgresSchema.initScript + "\nCOMMIT;")
        }
    }

    public static func grant(login: String, url: String) throws(ServiceError) {
        guard let sql = PostgresSchema.grantStaff(login) else { throw badLogin(login) }
        try administer(url) { c in _ = try c.query(sql, []) }
    }

    public static func revoke(login: String, url: String) throws(ServiceError) {
        guard let sql = PostgresSchema.revokeStaff(login) else { throw badLogin(login) }
        try administer(url) { c in _ = try c.query(sql, []) }
    }

    /// Refuses a database without the desk's schema, or with another version of it, naming what to run.
    /// (The table is read directly: PostgreSQL resolves every name of a statement before it runs, so a query
    /// that looked for the schema first failed on a database without it, as "database error: relation … does
    /// not exist".) The URL is named without its password.
    static func check(_ c: PGConnection, url: String) throws {
        let named = DatabaseLocation.named(url)
        let found = Result { () throws(PGError) in try c.query("SELECT version FROM resellerdesk.schema_info", []) }
        if case .failure(let error) = found, error.isUndefinedTable {
            throw ServiceError.storage("\(named) holds no ResellerDesk desk: its administrator runs "
                                       + "`resellerdesk storage init \(named)` once")
        }
        let version = try found.get().rows.first.flatMap { Int.fromDatabaseValue($0[0]) } ?? 0
        guard version == schemaVersion else {
            throw ServiceError.storage("the desk \(named) has schema version \(version), this resellerdesk knows "
                                       + "\(schemaVersion): install the matching version of resellerdesk")
        }
    }

    private static func administer(_ url: String, _ body: (PGConnection) throws -> Void) throws(ServiceError) {
        do {
            try body(try PGConnection(conninfo: url))
        } catch let error as ServiceError {
            throw error
        } catch {
            throw Store.describePostgres(error, url: url)
        }
    }

    private static func badLogin(_ login: String) -> ServiceError {
        .invalid([FieldError("login", "\(login) is not a Unix login name (letters, digits, "
                             + "'.', '_' and '-', at most 63 bytes, not starting with '-')")])
    }
}
