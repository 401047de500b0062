import GRDB

/// Statements over many rows at once, in a few fixed shapes: a billing run's batch reads and writes each table
/// in a handful of statements instead of one or more per account.
extension StoreTx {
    /// The rows of `sql(marks)` over every id, where `marks` stands in an `IN (…)` list between the arguments
    /// `before` and `after`. The ids go in chunks of at most 256, each padded with its own last id to a power of
    /// two (IN ignores the repeat), so the statement has at most nine shapes, each prepared once and kept in the
    /// statement cache. Each id is in exactly one chunk: rows ordered within the statement stay ordered per id.
    func rows(forIds ids: [Int64], before: [(any DatabaseValueConvertible)?] = [],
              after: [(any DatabaseValueConvertible)?] = [], _ sql: (_ marks: String) -> String) throws -> [SQLRow] {
        var found: [SQLRow] = []
        for (marks, arguments) in Self.idChunks(ids, before, after) {
            found += try rows(sql: sql(marks), arguments: arguments)
        }
        return found
    }

    /// `rows(forIds:)` for a statement that changes rows.
    func execute(forIds ids: [Int64], before: [(any DatabaseValueConvertible)?] = [],
                 after: [(any DatabaseValueConvertible)?] = [], _ sql: (_ marks: String) -> String) throws {
        for (marks, arguments) in Self.idChunks(ids, before, after) {
            try execute(sql: sql(marks), arguments: arguments)
        }
    }

    private static func idChunks(_ ids: [Int64], _ before: [(any DatabaseValueConvertible)?],
                                 _ after: [(any DatabaseValueConvertible)?]) -> [(String, SQLArguments)] {
        stride(from: 0, to: ids.count, by: 256).map { start in
            var chunk = Array(ids[start..<min(start + 256, ids.count)])
            var width = 1
            while width < chunk.count { width *= 2 }
            chunk += Array(repeating: chunk.last!, count: width - chunk.count)
            return (SQLMarks.list(width),
                    SQLArguments(before + chunk.map { $0 as (any DatabaseValueConvertible)? } + after))
        }
    }

    /// Inserts `rows` (each `width` values, in the order of `head`'s columns) 50 to a statement; with `returning`,
    /// the rows of its RETURNING clause, in no promised order.
    @discardableResult
    func insertRows(_ head: String, width: Int, _ rows: [[(any DatabaseValueConvertible)?]],
                    returning: String? = nil) throws -> [SQLRow] {
        var returned: [SQLRow] = []
        for start in stride(from: 0, to: rows.count, by: 50) {
            let chunk = rows[start..<min(start + 50, rows.count)]
            let sql = head + " VALUES " + SQLMarks.tuples(chunk.count, width: width)
            let arguments = SQLArguments(chunk.joined())
            if let returning {
                returned += try self.rows(sql: sql + " RETURNING " + returning, arguments: arguments)
            } else {
                try execute(sql: sql, arguments: arguments)
            }
        }
        return returned
    }
}
