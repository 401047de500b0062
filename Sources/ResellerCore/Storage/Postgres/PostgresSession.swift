import GRDB
import Synchronization

/// The PostgreSQL engine's session: one pooled connection inside the transaction the pool began. Statements
/// arrive with SQLite's `?` marks and are numbered once per text (the connection then prepares each text once).
final class PostgresSession: SQLSession {
    let connection: PGConnection
    var dialect: SQLDialect { .postgresql }
    private(set) var totalChanges = 0
    private var savepoints = 0

    init(_ connection: PGConnection) { self.connection = connection }

    func rows(_ sql: String, _ arguments: SQLArguments, limit: Int?) throws -> [SQLRow] {
        let result = try connection.query(Self.numbered(sql), arguments.values)
        let columns = SQLColumns(result.columns)
        let rows = limit.map { Array(result.rows.prefix($0)) } ?? result.rows
        return rows.map { SQLRow(columns: columns, values: $0) }
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws -> Int {
        let changed = try connection.query(Self.numbered(sql), arguments.values).affectedRows
        totalChanges += changed
        return changed
    }

    /// PostgreSQL has no "last inserted row": the INSERT returns the id it gave.
    func insert(_ sql: String, _ arguments: SQLArguments) throws -> Int64 {
        let result = try connection.query(Self.numbered(sql + " RETURNING id"), arguments.values)
        totalChanges += result.affectedRows
        guard let first = result.rows.first, let id = Int64.fromDatabaseValue(first[0]) else {
            throw ServiceError.storage("an insert returned no id")
        }
        return id
    }

    func script(_ sql: String) throws { try connection.execute(script: sql) }

    func savepoint(_ body: () throws -> Void) throws {
        savepoints += 1
        let name = "s\(savepoints)"
        defer { savepoints -= 1 }
        try connection.execute(script: "SAVEPOINT \(name)")
        do {
            try body()
        } catch {
            // A failed statement leaves the transaction unusable until rolled back to before it.
            if !connection.isBroken {
                try connection.execute(script: "ROLLBACK TO SAVEPOINT \(name); RELEASE SAVEPOINT \(name)")
            }
            throw error
        }
        try connection.execute(script: "RELEASE SAVEPOINT \(name)")
    }

    var isInsideTransaction: Bool { connection.transactionIsUsable }

    /// Each distinct text is numbered once; the storage code has a few hundred.
    private static func numbered(_ sql: String) -> String {
        if let known = cache.withLock({ $0[sql] }) { return known }
        let numbered = Placeholders.numbered(sql)
        cache.withLock { $0[sql] = numbered }
        return numbered
    }

    private static let cache = Mutex<[String: String]>([:])
}
