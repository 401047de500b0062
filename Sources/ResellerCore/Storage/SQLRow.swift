import Foundation
import GRDB

/// One row as either engine returns it: the statement's column names, shared by its rows, and the values.
/// Read like GRDB's Row (`row["name"]`, `row[0]`, typed by the caller, an Optional reading NULL as nil), so the
/// storage code reads both engines with one text. A missing column or a NULL read as a non-optional is a
/// programming error and traps, as in GRDB.
struct SQLRow {
    let columns: SQLColumns
    let values: [DatabaseValue]

    subscript<Value: DatabaseValueConvertible>(_ index: Int) -> Value {
        Self.decode(values[index], column: columns.names[index])
    }

    subscript<Value: DatabaseValueConvertible>(_ name: String) -> Value {
        Self.decode(values[columns.index(of: name)], column: name)
    }

    private static func decode<Value: DatabaseValueConvertible>(_ value: DatabaseValue, column: String) -> Value {
        if Value.self == Date.self || Value.self == Date?.self, let date = StoredDate.parse(value) {
            return date as! Value   // Value is Date or Date?, checked just above
        }
        guard let decoded = Value.fromDatabaseValue(value) else {
            preconditionFailure("column \(column): cannot read \(value) as \(Value.self)")
        }
        return decoded
    }
}

/// The column names of one result. A row looks a name up by a scan, as GRDB does: results have few columns,
/// and most are read once.
final class SQLColumns: Sendable {
    let names: [String]

    init(_ names: [String]) { self.names = names }

    func find(_ name: String) -> Int? {
        if let i = names.firstIndex(of: name) { return i }
        // PostgreSQL folds unquoted names to lower case, SQLite keeps them as written.
        return names.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    func index(of name: String) -> Int {
        guard let i = find(name) else { preconditionFailure("no column \(name) in \(names)") }
        return i
    }
}
