import Foundation
import GRDB

extension Store {
    /// The objects of `sqlite_schema` but SQLite's own (`sqlite_%`: its sequence and statistics tables).
    static func schemaObjects(_ db: Database) throws -> Set<SchemaObject> {
        let rows = try Row.fetchAll(db, sql: """
            SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
            """)
        return Set(rows.map { SchemaObject(type: $0[0], name: $0[1], table: $0[2], sql: $0[3]) })
    }

    /// The schema the migrations make on a fresh database: what a desk holds, and nothing more.
    static func expectedSchema() throws -> Set<SchemaObject> {
        let fresh = try DatabaseQueue()
        return try fresh.write { db in
            for migration in migrations { try db.execute(sql: migration.sql) }
            return try schemaObjects(db)
        }
    }

    /// What differs between this desk's schema and the expected one (see `SchemaDrift`); empty when none.
    public func schemaDifferences() throws(ServiceError) -> [String] {
        let expected: Set<SchemaObject>
        do { expected = try Store.expectedSchema() } catch {
            throw .storage("cannot build the expected schema: \(error)")
        }
        let actual: Set<SchemaObject>
        let database = try sqliteDatabase(for: "the schema check")
        do {
            actual = try database.read { db in try Store.schemaObjects(db) }
        } catch {
            throw Store.describe(error, path: path)
        }
        return SchemaDrift.differences(expected: expected, actual: actual)
    }
}
