import Foundation

/// The floor of the billing run on SQLite (issue #27): the time the `sqlite3` tool takes to write the very rows
/// the run wrote, into the same schema (every index and trigger), in one transaction with `synchronous = FULL`.
/// A copy of the desk is taken before the run; after it, one script copies the run's new rows into the copy from
/// the finished desk and moves the same next billing dates and counter. No parsing of values, no checks, no
/// per-account savepoints: what SQLite itself needs to store the result.
struct SQLiteFloor {
    let path: String
    /// The largest id of each table the run appends to, before the run.
    let before: [String: Int]
    static let appended = ["invoices", "invoice_lines", "ledger", "audit_events", "outbox"]

    /// Copies the desk at `desk` (its WAL checkpointed into the file first) to `path`.
    static func copyBefore(_ desk: String, to path: String) throws -> SQLiteFloor {
        let source = BenchDesk.sqlite(path: desk)
        _ = try source.query("PRAGMA wal_checkpoint(TRUNCATE);")
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        try FileManager.default.copyItem(atPath: desk, toPath: path)
        var before: [String: Int] = [:]
        for table in appended { before[table] = try source.count("SELECT COALESCE(MAX(id), 0) FROM \(table)") }
        return SQLiteFloor(path: path, before: before)
    }

    /// Writes into the copy what the run wrote into `desk`; the seconds the sqlite3 process took.
    func write(rowsOf desk: String, through day: String) throws -> Double {
        var script = """
            PRAGMA synchronous = FULL;
            PRAGMA foreign_keys = ON;
            ATTACH '\(desk.replacingOccurrences(of: "'", with: "''"))' AS run;
            BEGIN IMMEDIATE;

            """
        for table in Self.appended {
            script += "INSERT INTO main.\(table) SELECT * FROM run.\(table) WHERE id > \(before[table]!) ORDER BY id;\n"
        }
        script += """
            UPDATE main.subscriptions SET next_billing_date =
              (SELECT r.next_billing_date FROM run.subscriptions r WHERE r.id = subscriptions.id)
             WHERE next_billing_date <= '\(day)';
            UPDATE main.counters SET value = (SELECT value FROM run.counters r WHERE r.name = counters.name);
            COMMIT;

            """
        let start = Date()
        _ = try BenchDesk.tool("/usr/bin/sqlite3", ["-bail", path], input: script)
        let seconds = Date().timeIntervalSince(start)
        let copy = BenchDesk.sqlite(path: path), run = BenchDesk.sqlite(path: desk)
        for table in Self.appended {
            let sql = "SELECT COUNT(*) FROM \(table)"
            guard try copy.count(sql) == run.count(sql) else {
                fail("the sqlite3 floor wrote a different number of \(table) rows than the run")
            }
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        return seconds
    }
}
