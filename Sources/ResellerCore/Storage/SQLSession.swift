import GRDB

/// Which SQL the database speaks. The storage code is one text for both; the few places where they differ ask
/// this (search, row locks, "insert unless present"), and each such place says why.
enum SQLDialect: Sendable {
    case sqlite, postgresql
}

/// One connection inside one transaction (or read), as the storage code sees it on either engine.
protocol SQLSession: AnyObject {
    var dialect: SQLDialect { get }
    /// The rows of one statement; `limit` stops reading after that many (a `fetchOne`).
    func rows(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow]
    /// Runs one statement and returns how many rows it changed.
    @discardableResult func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int
    /// Runs one INSERT into a table with an `id` key and returns the new row's id.
    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64
    /// Several statements without arguments (a migration, a schema).
    func script(_ sql: String) throws
    /// Runs `body` in a savepoint: when it throws, what it wrote is rolled back and the error rethrown.
    func savepoint(_ body: () throws -> Void) throws
    /// False once the engine has rolled the whole transaction back by itself (a full disk, an I/O error).
    var isInsideTransaction: Bool { get }
    /// Rows changed by every statement of this session so far.
    var totalChanges: Int { get }
}

extension StoreTx {
    var dialect: SQLDialect { session.dialect }

    func rows(sql: String, arguments: SQLArguments = []) throws -> [SQLRow] {
        try session.rows(sql, arguments, limit: nil)
    }

    func row(sql: String, arguments: SQLArguments = []) throws -> SQLRow? {
        try session.rows(sql, arguments, limit: 1).first
    }

    /// The first column of the first row; nil when there is no row or the value is NULL.
    func value<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String,
                                                arguments: SQLArguments = []) throws -> Value? {
        try session.rows(sql, arguments, limit: 1).first.flatMap { $0[0] as Value? }
    }

    /// The first column of every row, NULLs left out.
    func values<Value: DatabaseValueConvertible>(_ type: Value.Type, sql: String,
                                                 arguments: SQLArguments = []) throws -> [Value] {
        try session.rows(sql, arguments, limit: nil).compactMap { $0[0] as Value? }
    }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments = []) throws -> Int {
        try session.execute(sql, arguments)
    }

    func insert(sql: String, arguments: SQLArguments = []) throws -> Int64 {
        try session.insert(sql, arguments)
    }
}

extension StoreTx {
    /// Several statements without arguments (a migration, a schema).
    func script(_ sql: String) throws { try session.script(sql) }
}
