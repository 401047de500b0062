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
    static func check(_ c: PGConnection, url: String) throws {
        let found = try c.query("""
            SELECT (SELECT version FROM resellerdesk.schema_info)
              FROM pg_catalog.pg_namespace WHERE nspname = 'resellerdesk'
            """, [])
        guard let row = found.rows.first else {
            throw ServiceError.storage("\(url) holds no ResellerDesk desk: its administrator runs "
                                       + "`resellerdesk storage init \(url)` once")
        }
        let version = Int.fromDatabaseValue(row[0]) ?? 0
        guard version == schemaVersion else {
            throw ServiceError.storage("the desk \(url) has schema version \(version), this resellerdesk knows "
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
