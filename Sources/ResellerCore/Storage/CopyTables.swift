import GRDB

/// One table `storage copy` moves: its columns as both engines name them (PostgresSchema mirrors SQLite's
/// column for column), the key it is read in order of, and how its ids are numbered.
struct CopyTable: Sendable, Equatable {
    let name: String
    /// The columns both engines share; for the search table, without its key (see `isSearch`).
    let columns: [String]
    /// The primary key's columns, in key order: pages are read after the last row's key.
    let key: [String]
    /// An `id` INTEGER PRIMARY KEY: an identity on PostgreSQL, whose next value the copy moves past the ids.
    let hasIdentity: Bool
    /// SQLite numbers it with AUTOINCREMENT (sqlite_sequence): an id once given is never given again.
    let autoincrement: Bool
    /// The search index: FTS5 keys its rows by `rowid`, PostgreSQL's table by `account_id` (`searchKey`), and
    /// PostgreSQL's generated `document` is the server's to compute, so it is neither read nor written.
    let isSearch: Bool

    /// The columns read and written on `dialect`, the key first for the search table.
    func columns(on dialect: SQLDialect) -> [String] { isSearch ? [dialect.searchKey] + columns : columns }

    func key(on dialect: SQLDialect) -> [String] { isSearch ? [dialect.searchKey] : key }
}

extension Store {
    /// Every table of the desk, each after the tables its foreign keys name: derived once from the schema the
    /// migrations make (an in-memory database), so a table or column a migration adds is copied with no list
    /// to keep. Left out: SQLite's own tables (sqlite_sequence) and FTS5's shadow tables, which SQLite keeps
    /// from the search table's rows; PostgreSQL's `schema_info`, which `storage init` writes, and its
    /// `sign_in_attempts`, the storefront's throttle of the last minutes.
    static let copyTables: [CopyTable] = {
        do {
            let fresh = try DatabaseQueue()
            return try fresh.write { db in
                for migration in migrations { try db.execute(sql: migration.sql) }
                return try describeTables(db)
            }
        } catch {
            preconditionFailure("the migrations' schema cannot be read: \(error)")
        }
    }()

    private static func describeTables(_ db: Database) throws -> [CopyTable] {
        // table_list (SQLite 3.37) says which tables are FTS5's shadows; sqlite_schema's order is creation order.
        let kinds = try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
            SELECT name, type FROM pragma_table_list WHERE schema = 'main'
            """).map { ($0[0] as String, $0[1] as String) })
        let created = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            ORDER BY rowid
            """)
        var tables: [CopyTable] = []
        var references: [String: Set<String>] = [:]
        for row in created {
            let name: String = row[0], sql: String = row[1]
            guard let kind = kinds[name], kind == "table" || kind == "virtual" else { continue }
            let info = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?)", arguments: [name])
            let key = info.filter { ($0[2] as Int) > 0 }.sorted { ($0[2] as Int) < ($1[2] as Int) }
                .map { $0[0] as String }
            let isSearch = kind == "virtual"
            tables.append(CopyTable(
                name: name, columns: info.map { $0[0] as String }, key: key,
                hasIdentity: key == ["id"] && info.contains { ($0[0] as String, $0[1] as String) == ("id", "INTEGER") },
                autoincrement: sql.uppercased().contains("AUTOINCREMENT"), isSearch: isSearch))
            references[name] = Set(try String.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)",
                                                       arguments: [name]))
            // PostgreSQL's search table names its account by a foreign key FTS5 cannot have.
            if isSearch { references[name, default: []].insert("accounts") }
        }
        return CopyOrder.sorted(tables, references: references)
    }
}

/// The order tables are written in: each after every table it references, else in the order the schema made
/// them. A table's references to itself (a parent account, a reversed payment) need no order between tables:
/// rows are written in id order, and each names an earlier row.
enum CopyOrder {
    static func sorted(_ tables: [CopyTable], references: [String: Set<String>]) -> [CopyTable] {
        var placed: Set<String> = []
        var order: [CopyTable] = []
        var waiting = tables
        while !waiting.isEmpty {
            guard let next = waiting.firstIndex(where: { table in
                (references[table.name] ?? []).subtracting([table.name]).isSubset(of: placed)
            }) else {
                preconditionFailure("the schema's foreign keys form a cycle among \(waiting.map(\.name))")
            }
            let table = waiting.remove(at: next)
            placed.insert(table.name)
            order.append(table)
        }
        return order
    }
}
