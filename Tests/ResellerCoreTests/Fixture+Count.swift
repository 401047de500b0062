import DeskTestSupport
import GRDB
@testable import ResellerCore

extension Fixture {
    /// Counts rows with plain SQL, to check what really is in the file.
    func count(_ sql: String) throws -> Int {
        try service.store.read { tx in try tx.value(Int.self, sql: sql) ?? -1 }
    }
}
