extension StoreTx {
    /// The logins `storage grant` made staff of a PostgreSQL desk (roles that may log in, in resellerdesk_staff).
    func staffRoles() throws -> [String] {
        try values(String.self, sql: """
            SELECT rolname FROM pg_catalog.pg_roles
             WHERE rolcanlogin AND NOT rolsuper AND pg_catalog.pg_has_role(oid, 'resellerdesk_staff', 'MEMBER')
             ORDER BY rolname
            """)
    }
}
