import Foundation
import GRDB
import Testing
import DeskTestSupport
@testable import ResellerCore

/// `doctor`'s schema check: a desk holds what the migrations make, and any change made beside them is named.
@Suite(.sqliteOnly) struct SchemaDriftTests {
    @Test func aDeskHoldsTheMigrationsSchemaAndEveryChangeIsNamed() throws {
        let fx = try Fixture()
        #expect(try fx.service.store.schemaDifferences() == [])
        try fx.service.store.write { tx in
            try tx.script("""
                DROP INDEX sessions_user;
                CREATE INDEX sessions_user ON sessions(user_id, id_hash);
                CREATE VIEW every_session AS SELECT * FROM sessions;
                DROP TRIGGER IF EXISTS nothing_here;
                """)
            try tx.execute(sql: "DROP INDEX \(try tx.value(String.self, sql: """
                SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND name <> 'sessions_user'
                ORDER BY name LIMIT 1
                """)!)")
        }
        let differences = try fx.service.store.schemaDifferences()
        #expect(differences.count == 3, "\(differences)")
        #expect(differences.contains("index sessions_user differs from what the migrations make"))
        #expect(differences.contains(
            "view every_session on every_session is not made by the migrations (added by hand)"))
        #expect(differences.contains { $0.hasPrefix("index ") && $0.hasSuffix(" is missing") }, "\(differences)")
    }
}
