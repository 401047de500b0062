import Foundation

/// Who else has a desk open, for what must run with the desk offline (`storage copy`).
extension Store {
    /// The process holding the SQLite desk at `path` open, or nil: the holder of the shared lock on its -shm
    /// file's dead man switch (see `restore`). Only probed, never taken: a lock of our own on that byte would
    /// be undone, by POSIX rules, the moment SQLite closed any descriptor of the file in this process.
    static func sqliteHolder(of path: String) -> String? {
        let shm = open(path + "-shm", O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard shm >= 0 else { return nil }   // no -shm: nobody has opened it since it was last closed whole
        defer { close(shm) }
        return holder(of: shm)
    }

    /// The other connections of resellerdesk programs to this PostgreSQL database, as one phrase each, or empty.
    /// Every resellerdesk connection names itself "resellerdesk" (PGConnection's fallback_application_name). A
    /// program that has just closed its connection is gone from the list within moments, so a list that is not
    /// empty is looked at again for up to two seconds, each time afresh (a transaction keeps its first view).
    static func postgresHolders(_ tx: StoreTx) throws -> [String] {
        var holders = try postgresConnections(tx)
        var waited = 0
        while !holders.isEmpty && waited < 20 {
            usleep(100_000)
            waited += 1
            _ = try tx.rows(sql: "SELECT pg_stat_clear_snapshot()")
            holders = try postgresConnections(tx)
        }
        return holders
    }

    private static func postgresConnections(_ tx: StoreTx) throws -> [String] {
        try tx.rows(sql: """
            SELECT pid, usename, application_name, host(client_addr) AS address
              FROM pg_catalog.pg_stat_activity
             WHERE datname = current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'resellerdesk%'
             ORDER BY pid
            """).map { row in
            // The address is shown to the desk's owner only for its own connections (pg_read_all_stats for all).
            let from = (row["address"] as String?).map { " from \($0)" } ?? ""
            return "\(row["application_name"] as String) of \(row["usename"] as String? ?? "?")\(from) "
                + "(server process \(row["pid"] as Int64))"
        }
    }
}
