/// Where the two engines' SQL differs, in one place. Everything else the storage code writes is the SQL both
/// speak: `ON CONFLICT DO NOTHING`, `RETURNING`, `COALESCE(SUM(…), 0)`, dates as text compared as text.
extension SQLDialect {
    /// The search table's key: FTS5 keys its rows by rowid; PostgreSQL's table has a column.
    var searchKey: String { self == .sqlite ? "rowid" : "account_id" }

    /// Locks the rows a SELECT reads until the transaction ends. SQLite has one writer at a time, so its write
    /// transactions hold every row already. NO KEY UPDATE: a row is locked against another change, not against
    /// the key-share lock a foreign key check takes (an invoice line naming an end customer's account, which
    /// another host's run has locked to bill it, waits for nothing: else two runs deadlock over the counter).
    var forUpdate: String { self == .sqlite ? "" : " FOR NO KEY UPDATE" }

    /// Locks the rows a SELECT reads and passes over those another transaction holds: two billing runs or two
    /// deliverers on two hosts take different rows instead of waiting for, then repeating, each other's.
    var forUpdateSkipLocked: String { self == .sqlite ? "" : " FOR NO KEY UPDATE SKIP LOCKED" }
}
