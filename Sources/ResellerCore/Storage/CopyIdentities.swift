import GRDB

/// A copy keeps every id, and so must keep numbering after them: a new account of the copy gets the code after
/// the last one ever given on the source, never a code a deleted row once had (AUTOINCREMENT's promise).
enum CopyIdentities {
    /// The highest id `table` has given on the source's engine: its largest id, or more where rows were deleted
    /// (SQLite's sqlite_sequence, PostgreSQL's identity sequence); 0 when it never gave one.
    static func highWater(of table: CopyTable, on tx: StoreTx) throws -> Int64 {
        let largest = try tx.value(Int64.self, sql: "SELECT MAX(id) FROM \(CopyRows.quoted(table.name))") ?? 0
        let given: Int64?
        switch tx.dialect {
        case .sqlite:
            let sequence = "SELECT seq FROM sqlite_sequence WHERE name = ?"
            given = table.autoincrement ? try tx.value(Int64.self, sql: sequence, arguments: [table.name]) : nil
        case .postgresql:
            // NULL until the sequence has given a first value.
            given = try tx.value(Int64.self, sql: "SELECT pg_sequence_last_value(pg_get_serial_sequence(?, 'id'))",
                                 arguments: [table.name])
        }
        return max(largest, given ?? 0)
    }

    /// Makes the target's next id of `table` follow `highWater`. On PostgreSQL setval is not undone by a
    /// rollback, so the copy calls this last, once every check has passed.
    static func continueAfter(_ highWater: Int64, table: CopyTable, on tx: StoreTx) throws {
        switch tx.dialect {
        case .sqlite:
            // Without AUTOINCREMENT SQLite takes the largest id plus one, which the copied rows already set.
            guard table.autoincrement, highWater > 0 else { return }
            try tx.execute(sql: "DELETE FROM sqlite_sequence WHERE name = ?", arguments: [table.name])
            try tx.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)",
                           arguments: [table.name, highWater])
        case .postgresql:
            let sql = highWater > 0 ? "SELECT setval(pg_get_serial_sequence(?, 'id'), ?, true)"
                : "SELECT setval(pg_get_serial_sequence(?, 'id'), ?, false)"   // the next id is 1
            _ = try tx.rows(sql: sql, arguments: [table.name, max(highWater, 1)])
        }
    }
}
