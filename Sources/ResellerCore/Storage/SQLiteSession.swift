import GRDB

/// The SQLite engine's session: GRDB's connection inside the transaction GRDB opened. Every statement is
/// prepared once per connection and kept (GRDB's statement cache): the billing run repeats the same few
/// hundred thousand times.
final class SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    init(_ db: Database) { self.db = db }

    func rows(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let cursor = try Row.fetchCursor(statement, arguments: arguments.grdb)
        let columns = SQLColumns(statement.columnNames)
        var rows: [SQLRow] = []
        while limit.map({ rows.count < $0 }) ?? true, let row = try cursor.next() {
            rows.append(SQLRow(columns: columns, values: Array(row.databaseValues)))
        }
        return rows
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: arguments.grdb)
        return db.changesCount
    }

    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        _ = try execute(sql, arguments)
        return db.lastInsertedRowID
    }

    func script(_ sql: String) throws { try db.execute(sql: sql) }

    func savepoint(_ body: () throws -> Void) throws {
        try db.inSavepoint {
            try body()
            return .commit
        }
    }

    var isInsideTransaction: Bool { db.isInsideTransaction }
    var totalChanges: Int { db.totalChangesCount }
}

extension SQLArguments {
    /// GRDB's arguments, through its initializer that maps with a closure: the one an array of DatabaseValue
    /// picks maps with a key path, instantiated at run time on every call (about a tenth of the billing run's
    /// CPU, in `_swift_getKeyPath` and the key path's application).
    var grdb: StatementArguments {
        StatementArguments(values.map { Optional<any DatabaseValueConvertible>.some($0) })
    }
}
