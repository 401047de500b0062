import Foundation
import GRDB
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The PostgreSQL schema keeps step with SQLite's migrations without a server: one SQL layer runs on both, so
/// a column or index a migration adds must be in `PostgresSchema.tables` too, with the same name and place.
/// (The server itself holds the roles and grants: scripts/testing/pg-privileges-check.sh.)
@Suite struct PostgresSchemaTests {
    /// Table → its columns in order, read from `PostgresSchema.tables`: a column is a line of exactly four
    /// spaces, a name and a type inside a CREATE TABLE; CHECK, UNIQUE, PRIMARY KEY lines are constraints.
    static func postgresColumns() -> [String: [String]] {
        var tables: [String: [String]] = [:]
        var current: String?
        // An UNLOGGED table is a table all the same.
        let text = PostgresSchema.tables.replacingOccurrences(of: "CREATE UNLOGGED TABLE ", with: "CREATE TABLE ")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("CREATE TABLE "), line.hasSuffix("(") {
                current = String(line.dropFirst("CREATE TABLE ".count).split(separator: " ")[0])
                tables[current!] = []
            } else if line.hasPrefix(");") {
                current = nil
            } else if let table = current, line.hasPrefix("    "), !line.hasPrefix("     "),
                      let name = line.dropFirst(4).split(separator: " ").first,
                      !["CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "CONSTRAINT", "--"].contains(String(name)) {
                tables[table]!.append(String(name))
            }
        }
        // One-line tables: `CREATE TABLE name (col type …);`
        for line in text.split(separator: "\n") where line.hasPrefix("CREATE TABLE ")
            && line.hasSuffix(");") {
            let name = String(line.dropFirst("CREATE TABLE ".count).split(separator: " ")[0])
            let inside = line.split(separator: "(", maxSplits: 1)[1]
            tables[name] = [String(inside.split(separator: " ")[0])]
        }
        return tables
    }

    @Test func everyTableHasSQLitesColumnsInSQLitesOrder() throws {
        let db = TempDatabase(), store = try Store(path: db.path)   // SQLite's, whichever engine the pass runs
        let sqlite: [String: [String]] = try store.read { tx in
            let names = try tx.values(String.self, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                  AND name NOT LIKE 'account\\_search\\_%' ESCAPE '\\'
                """)
            return try Dictionary(uniqueKeysWithValues: names.map { name in
                (name, try tx.rows(sql: "SELECT name FROM pragma_table_info(?)", arguments: [name])
                    .map { $0[0] as String })
            })
        }
        var postgres = Self.postgresColumns()
        // The two differences on purpose: FTS5's rowid is a key column and the document is the server's;
        // the version PRAGMA user_version keeps on SQLite is a table.
        #expect(postgres["account_search"]?.first == "account_id")
        #expect(postgres["account_search"]?.last == "document")
        postgres["account_search"] = postgres["account_search"].map { Array($0.dropFirst().dropLast()) }
        #expect(postgres.removeValue(forKey: "schema_info") == ["version"])
        #expect(postgres.removeValue(forKey: "sign_in_attempts") == ["key", "at"])
        #expect(Set(postgres.keys) == Set(sqlite.keys))
        for (table, columns) in sqlite {
            #expect(postgres[table] == columns, "\(table)")
        }
    }

    @Test func everyIndexOfSQLiteIsMadeByName() throws {
        let db = TempDatabase(), store = try Store(path: db.path)   // SQLite's, whichever engine the pass runs
        let indexes = try store.read { tx in
            try tx.values(String.self, sql: "SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
        }
        #expect(!indexes.isEmpty)
        for index in indexes {
            #expect(PostgresSchema.tables.contains("INDEX \(index) ON "), "\(index)")
        }
    }

    @Test func theVersionWrittenIsTheVersionDeclared() {
        #expect(PostgresSchema.finish.contains("VALUES (\(PostgresSchema.version));"))
    }

    @Test func staffSQLTakesOnlyLoginNames() {
        #expect(PostgresSchema.grantStaff("alice") == "SELECT resellerdesk.grant_staff('alice')")
        #expect(PostgresSchema.revokeStaff("john.doe") == "SELECT resellerdesk.revoke_staff('john.doe')")
        #expect(PostgresSchema.grantStaff("machine$") != nil)
        for bad in ["", "a'b", "a\\b", "-rf", "a b", "a$b", "ünï", String(repeating: "a", count: 64)] {
            #expect(PostgresSchema.grantStaff(bad) == nil, "\(bad)")
            #expect(PostgresSchema.revokeStaff(bad) == nil, "\(bad)")
        }
    }
}
