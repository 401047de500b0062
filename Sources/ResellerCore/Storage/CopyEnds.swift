import Foundation

/// The two ends of a copy and what each must be: two desks, not one; the source there; both offline (no other
/// resellerdesk program has either open); this program's schema on both; and the target empty.
enum CopyEnds {
    /// The tables a new desk holds rows in before anyone uses it (`storage init` and SQLite's migrations write
    /// them): an unused desk's counters at 0 and the shipped tax rates, which the source's replace.
    static let seeded: Set<String> = ["counters", "tax_rates"]

    static func open(_ location: String, journal: Journal) throws(ServiceError) -> Store {
        try Store(location: location, journal: journal)
    }

    static func refuseSame(_ source: String, _ target: String, named: String) throws(ServiceError) {
        var a = stat(), b = stat()
        let sameFile = !DatabaseLocation.isPostgres(source) && stat(source, &a) == 0 && stat(target, &b) == 0
            && a.st_dev == b.st_dev && a.st_ino == b.st_ino
        if source == target || sameFile { throw sameDesk(named) }
    }

    /// Opening a SQLite path that is not there would make a new, empty desk of it: say so instead.
    static func refuseMissing(_ source: String) throws(ServiceError) {
        guard !DatabaseLocation.isPostgres(source), !FileManager.default.fileExists(atPath: source) else { return }
        throw .notFound(field: "from", message: "there is no desk at \(source)")
    }

    static func refuseSQLiteInUse(_ location: String, flag: String) throws(ServiceError) {
        guard !DatabaseLocation.isPostgres(location), let holder = Store.sqliteHolder(of: location) else { return }
        throw .refused(field: flag, message: "the desk \(location) is in use by \(holder); stop the services (sudo "
                       + "systemctl stop resellerdesk-mail resellerdesk-storefront resellerdesk-backup.timer "
                       + "resellerdesk-billing.timer) and ask everyone to leave resellerdesk, then copy again")
    }

    /// Inside both transactions, before the first row: every refusal leaves both desks as they were.
    static func prepare(source: (tx: StoreTx, name: String), target: (tx: StoreTx, name: String)) throws {
        if source.tx.dialect == .postgresql && target.tx.dialect == .postgresql,
           try identity(source.tx) == identity(target.tx) {
            throw sameDesk(target.name)
        }
        for (end, flag) in [(source, "from"), (target, "to")] {
            switch end.tx.dialect {
            case .sqlite:
                // The migrations brought an older file up to date; a newer one may hold columns unknown here.
                let version = try end.tx.value(Int.self, sql: "PRAGMA user_version") ?? 0
                guard version == Store.migrations.count else {
                    throw ServiceError.refused(field: flag, message: "\(end.name) has schema version \(version), "
                                               + "newer than this resellerdesk knows (\(Store.migrations.count))")
                }
            case .postgresql:
                try refuseUnlessOwner(end.tx, flag: flag, name: end.name)
                let holders = try Store.postgresHolders(end.tx)
                guard holders.isEmpty else {
                    throw ServiceError.refused(field: flag, message: "the desk \(end.name) is in use by "
                                               + holders.joined(separator: "; ") + "; stop every resellerdesk "
                                               + "program using it (terminals, storefront, mail, billing), then "
                                               + "copy again")
                }
            }
        }
        if target.tx.dialect == .postgresql {
            // Nobody writes the target until the copy commits; readers may wait or read the empty desk. A client
            // that holds a table (a psql left in a transaction) stops the copy instead of hanging it.
            try target.tx.script("SET LOCAL lock_timeout = '10s'; LOCK TABLE "
                                 + Store.copyTables.map { CopyRows.quoted($0.name) }.joined(separator: ", ")
                                 + " IN EXCLUSIVE MODE")
        }
        let held = try contents(target.tx)
        guard held.isEmpty else {
            throw ServiceError.refused(field: "to", message: "\(target.name) is not empty: it holds "
                                       + held.joined(separator: ", ") + "; a desk is copied only into an empty one "
                                       + "(a new SQLite file, or a PostgreSQL database after storage init)")
        }
        for table in seeded { try target.tx.execute(sql: "DELETE FROM \(table)") }
    }

    /// What a desk holds beyond its seed, as "3 accounts", "counter invoice at 12": empty for an unused desk.
    static func contents(_ tx: StoreTx) throws -> [String] {
        var held: [String] = []
        for table in Store.copyTables where !seeded.contains(table.name) {
            let rows = try tx.value(Int.self, sql: "SELECT COUNT(*) FROM \(CopyRows.quoted(table.name))") ?? 0
            if rows > 0 { held.append("\(rows) \(table.name)") }
        }
        for row in try tx.rows(sql: "SELECT name, value FROM counters WHERE value <> 0 ORDER BY name") {
            held.append("counter \(row["name"] as String) at \(row["value"] as Int64)")
        }
        let rates = try tx.value(Int.self, sql: "SELECT COUNT(*) FROM tax_rates WHERE created_by <> 'system'") ?? 0
        if rates > 0 { held.append("\(rates) tax_rates set by staff") }
        return held
    }

    /// A copy reads the storefront's secrets and writes the audit with its actors as they were, which on
    /// PostgreSQL only the desk's owner may (a staff member's audit row would be rewritten as theirs).
    private static func refuseUnlessOwner(_ tx: StoreTx, flag: String, name: String) throws {
        guard try tx.value(Bool.self, sql: "SELECT pg_has_role(session_user, 'resellerdesk_owner', 'MEMBER')") == true
        else {
            let role = try tx.value(String.self, sql: "SELECT session_user") ?? "?"
            throw ServiceError.refused(field: flag, message: "\(role) may not copy \(name): a copy reads and writes "
                                       + "every table, the audit and the storefront's secrets included; run it as "
                                       + "the administrator who ran storage init (a member of resellerdesk_owner)")
        }
    }

    /// One server instance and one database of it: two URLs may name the same one (a host and a socket).
    private static func identity(_ tx: StoreTx) throws -> String? {
        try tx.value(String.self, sql: """
            SELECT pg_postmaster_start_time()::text || ' ' || oid::text
              FROM pg_database WHERE datname = current_database()
            """)
    }

    private static func sameDesk(_ name: String) -> ServiceError {
        .refused(field: "to", message: "the source and the target are the same desk (\(name)); name another target")
    }
}
