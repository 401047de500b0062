import GRDB

/// What a copy proved before it committed: the copy and its source compared inside the copy's transaction.
struct CopyChecked {
    /// The accounts whose ledger balance is the same on both, every account of the desk.
    var accounts = 0
    var invoices = NumberRun()
    var creditNotes = NumberRun()
    var counters: [(name: String, value: Int64)] = []
}

/// Compares the copy with its source, account by account and number by number, a page at a time on both
/// sides (a million accounts are never held at once). The first difference is thrown, naming it; the copy's
/// transaction then rolls everything back.
struct CopyCheck {
    let source: StoreTx
    let target: StoreTx
    /// The source as the messages name it.
    let sourceName: String

    func run(copied: [(table: String, rows: Int)]) throws -> CopyChecked {
        try counts(copied)
        var checked = CopyChecked()
        checked.accounts = try pages(Self.balances) { id, from, to in
            let account = AccountCode.format(id)
            guard let from, let to else {
                return "\(account) is " + (from == nil ? "not in \(sourceName)" : "not in the copy")
            }
            return "the balance of \(account) is \(describe(from)) (minor units) in \(sourceName) but \(describe(to)) "
                + "in the copy"
        }.count
        checked.invoices = try numbers("invoices")
        checked.creditNotes = try numbers("credit_notes")
        let counters = "SELECT name, value FROM counters ORDER BY name"
        let (before, after) = (try source.rows(sql: counters), try target.rows(sql: counters))
        guard before.map(\.values) == after.map(\.values) else {
            throw ServiceError.storage("the document counters differ: \(Self.list(before)) in \(sourceName), "
                                       + "\(Self.list(after)) in the copy")
        }
        checked.counters = before.map { ($0["name"], $0["value"]) }
        return checked
    }

    /// Every table holds as many rows as the source's, and as many as were written.
    private func counts(_ copied: [(table: String, rows: Int)]) throws {
        for (table, rows) in copied {
            let sql = "SELECT COUNT(*) FROM \(CopyRows.quoted(table))"
            let (from, to) = (try source.value(Int.self, sql: sql) ?? 0, try target.value(Int.self, sql: sql) ?? 0)
            guard from == rows, to == rows else {
                throw ServiceError.storage("table \(table) has \(from) rows in \(sourceName), \(rows) were copied "
                                           + "and the copy holds \(to)")
            }
        }
    }

    /// The ordered numbers of `table` (invoices, credit_notes), the same on both.
    private func numbers(_ table: String) throws -> NumberRun {
        let sql = "SELECT id, number FROM \(table) WHERE id > ? ORDER BY id LIMIT ?"
        return try pages(sql) { id, from, to in
            "\(table) id \(id) is \(from.map(describe) ?? "missing") in \(sourceName) but "
                + "\(to.map(describe) ?? "missing") in the copy"
        }
    }

    /// Each account's balance: debits less credits (`balance(of:)`), 0 without ledger entries.
    static let balances = """
        SELECT a.id, (SELECT COALESCE(SUM(CASE l.kind WHEN 'debit' THEN l.amount_minor ELSE -l.amount_minor END), 0)
                        FROM ledger l WHERE l.account_id = a.id)
          FROM accounts a WHERE a.id > ? ORDER BY a.id LIMIT ?
        """

    /// Walks `sql` (rows of an id and a value after the id bound first, in id order, as many as the second) on
    /// both sides in step; `differs` words a row whose value differs or that one side lacks (nil).
    private func pages(_ sql: String, differs: (Int64, DatabaseValue?, DatabaseValue?) -> String) throws -> NumberRun {
        var run = NumberRun()
        var after = Int64.min
        while true {
            let arguments: SQLArguments = [after, CopyRows.page]
            let from = try source.rows(sql: sql, arguments: arguments)
            let to = try target.rows(sql: sql, arguments: arguments)
            for index in 0..<max(from.count, to.count) {
                let a = index < from.count ? from[index] : nil, b = index < to.count ? to[index] : nil
                guard let a, let b, a.values == b.values else {
                    let ids = (a.map { $0[0] as Int64 }, b.map { $0[0] as Int64 })
                    let id = min(ids.0 ?? .max, ids.1 ?? .max)
                    throw ServiceError.storage(differs(id, ids.0 == id ? a?.values[1] : nil,
                                                       ids.1 == id ? b?.values[1] : nil))
                }
                run.add(a.values[1])
            }
            guard from.count == CopyRows.page, let last = from.last else { return run }
            after = last[0]
        }
    }

    private func describe(_ value: DatabaseValue) -> String {
        String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "\(value)"
    }

    private static func list(_ rows: [SQLRow]) -> String {
        rows.map { "\($0["name"] as String) \($0["value"] as Int64)" }.joined(separator: ", ")
    }
}

/// How many values a check compared, and the first and last: the numbers a copy reports.
public struct NumberRun: Sendable, Equatable {
    public private(set) var count = 0
    public private(set) var first: String?
    public private(set) var last: String?

    mutating func add(_ value: DatabaseValue) {
        let text = String.fromDatabaseValue(value) ?? Int64.fromDatabaseValue(value).map(String.init) ?? "\(value)"
        count += 1
        if first == nil { first = text }
        last = text
    }
}
