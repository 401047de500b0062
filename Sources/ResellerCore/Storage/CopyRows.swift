import GRDB

/// Moves one table's rows from a source transaction to a target one, a page at a time, so memory stays the
/// same at a thousand rows or a million: each page is read after the last key of the one before (an index
/// range on either engine, where an OFFSET would rescan the table) and written by a few multi-row INSERTs.
enum CopyRows {
    /// Rows read per page.
    static let page = 1_000
    /// Values bound to one INSERT: SQLite's default limit is 32,766 (PostgreSQL's 65,535).
    static let valuesPerInsert = 32_000

    /// Copies every row of `table` in key order and returns how many.
    static func copy(_ table: CopyTable, from source: StoreTx, to target: StoreTx) throws -> Int {
        let read = table.columns(on: source.dialect), written = table.columns(on: target.dialect)
        let key = table.key(on: source.dialect).map { read.firstIndex(of: $0)! }
        let first = select(table, source.dialect, after: false), next = select(table, source.dialect, after: true)
        let rowsPerInsert = max(1, min(page, valuesPerInsert / written.count))
        var copied = 0
        var last: [DatabaseValue]?
        while true {
            let rows = try source.rows(sql: last == nil ? first : next,
                                       arguments: SQLArguments(values: (last ?? []) + [Int64(page).databaseValue]))
            var start = 0
            while start < rows.count {
                let batch = rows[start..<min(start + rowsPerInsert, rows.count)]
                try target.execute(sql: insert(table.name, written, rows: batch.count),
                                   arguments: SQLArguments(values: batch.flatMap(\.values)))
                start += batch.count
            }
            copied += rows.count
            guard rows.count == page, let end = rows.last else { return copied }
            last = key.map { end.values[$0] }
        }
    }

    /// A page of `table` in key order: the first, or the one after the key bound first (a row value, which
    /// both engines compare column by column and answer from the primary key's index).
    static func select(_ table: CopyTable, _ dialect: SQLDialect, after: Bool) -> String {
        let key = table.key(on: dialect).map(quoted)
        let keyList = key.count == 1 ? key[0] : "(" + key.joined(separator: ", ") + ")"
        let marks = key.count == 1 ? "?" : SQLMarks.tuple(key.count)
        return "SELECT " + table.columns(on: dialect).map(quoted).joined(separator: ", ")
            + " FROM " + quoted(table.name)
            + (after ? " WHERE \(keyList) > \(marks)" : "") + " ORDER BY " + key.joined(separator: ", ") + " LIMIT ?"
    }

    static func insert(_ table: String, _ columns: [String], rows: Int) -> String {
        "INSERT INTO \(quoted(table)) (" + columns.map(quoted).joined(separator: ", ") + ") VALUES "
            + SQLMarks.tuples(rows, width: columns.count)
    }

    /// Names as written, on both engines: `key`, `at` and `number` are column names here. FTS5's `rowid` is
    /// no column, and is named bare.
    static func quoted(_ name: String) -> String { name == "rowid" ? name : "\"" + name + "\"" }
}
