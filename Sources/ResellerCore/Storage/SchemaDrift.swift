import Foundation

/// One object of a database's schema as `sqlite_schema` lists it: a table, index, trigger or view.
public struct SchemaObject: Hashable, Sendable {
    public let type: String
    public let name: String
    public let table: String
    public let sql: String?
}

/// How a desk's schema differs from the one the migrations make. Any member of the desk's group can change
/// the file directly (for example a trigger that quietly deletes their own audit rows), so `doctor` names
/// every object the migrations would not have made, and every one they made that is missing or changed.
public enum SchemaDrift {
    public static func differences(expected: Set<SchemaObject>, actual: Set<SchemaObject>) -> [String] {
        let wanted = Dictionary(expected.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let found = Dictionary(actual.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String] = []
        for name in found.keys.sorted() {
            let object = found[name]!
            guard let expected = wanted[name] else {
                out.append("\(object.type) \(name) on \(object.table) is not made by the migrations (added by hand)")
                continue
            }
            if expected != object { out.append("\(object.type) \(name) differs from what the migrations make") }
        }
        for name in wanted.keys.sorted() where found[name] == nil {
            out.append("\(wanted[name]!.type) \(name) is missing")
        }
        return out
    }
}
