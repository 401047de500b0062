import DeskTestSupport
import GRDB
@testable import ResellerCore

extension Fixture {
    /// Counts rows with plain SQL, to check what really is in the file.
    func count(_ sql: String) throws -> Int {
        try service.store.read { tx in try Int.fetchOne(tx.db, sql: sql) ?? -1 }
    }
}
