import GRDB

/// What `doctor` reports of a PostgreSQL desk: the server, who this login is to the desk, the schema's version,
/// and whether the privileges `storage init` gave still hold (an administrator can loosen them by hand).
public struct PostgresHealth: Sendable {
    public let serverVersion: String
    public let login: String
    /// The desk's groups this login is a member of (resellerdesk_staff, …), or "superuser".
    public let roles: [String]
    public let schemaVersion: Int
    /// Each privilege that is not as `storage init` set it, in words; empty when all hold.
    public let loosened: [String]
}

extension Store {
    /// The PostgreSQL desk's health; nil on a SQLite desk.
    public func postgresHealth() throws(ServiceError) -> PostgresHealth? {
        guard case .postgresql = engine else { return nil }
        return try read { tx in
            let row = try tx.row(sql: """
                SELECT current_setting('server_version'), session_user,
                       (SELECT rolsuper FROM pg_roles WHERE rolname = session_user),
                       (SELECT version FROM schema_info)
                """)!
            let groups = try tx.values(String.self, sql: """
                SELECT rolname FROM pg_roles WHERE rolname LIKE 'resellerdesk\\_%'
                   AND pg_has_role(session_user, oid, 'MEMBER') ORDER BY rolname
                """)
            let superuser: Bool = row[2]
            return PostgresHealth(serverVersion: row[0], login: row[1], roles: superuser ? ["superuser"] : groups,
                                  schemaVersion: row[3], loosened: try Self.loosenedPrivileges(tx))
        }
    }

    /// The promises of the roles, each a query that is true when it holds (PostgresSchema's grants).
    static let privilegePromises: [(promise: String, holds: String)] = [
        ("staff may not change or erase the audit", """
            NOT has_table_privilege('resellerdesk_staff', 'audit_events', 'UPDATE')
            AND NOT has_table_privilege('resellerdesk_staff', 'audit_events', 'DELETE')
            AND NOT has_table_privilege('resellerdesk_staff', 'audit_events', 'TRUNCATE')
            """),
        ("staff may not read password hashes",
         "NOT has_column_privilege('resellerdesk_staff', 'storefront_users', 'password_hash', 'SELECT')"),
        ("staff may not read sessions", "NOT has_table_privilege('resellerdesk_staff', 'sessions', 'SELECT')"),
        ("staff may not read link-token hashes",
         "NOT has_column_privilege('resellerdesk_staff', 'tokens', 'token_hash', 'SELECT')"),
        ("staff may not change the ledger", """
            NOT has_table_privilege('resellerdesk_staff', 'ledger', 'UPDATE')
            AND NOT has_table_privilege('resellerdesk_staff', 'ledger', 'DELETE')
            """),
        ("the audit's actor is written by the database", """
            EXISTS (SELECT FROM pg_trigger WHERE tgrelid = 'audit_events'::regclass AND NOT tgisinternal
                    AND tgenabled = 'O')
            """),
        ("every table belongs to resellerdesk_owner", """
            NOT EXISTS (SELECT FROM pg_tables WHERE schemaname = 'resellerdesk'
                        AND tableowner <> 'resellerdesk_owner')
            """),
    ]

    private static func loosenedPrivileges(_ tx: StoreTx) throws -> [String] {
        try privilegePromises.compactMap { promise, holds in
            try tx.value(Bool.self, sql: "SELECT " + holds) == true ? nil : "not so: " + promise
        }
    }
}
