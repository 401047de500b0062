import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The batch statements of a billing run: an IN list over any number of ids, a multi-row INSERT over any
/// number of rows, on either engine.
@Suite struct RowBatchesTests {
    /// 600 ids cross the 256-id chunks, and 600 − 512 = 88 pads the last to 128 with repeats: every id found
    /// once, none twice, whatever the order given.
    @Test func anInListOverManyIdsFindsEachOnce() throws {
        let fx = try Fixture()
        let ids = (1...600).map { Int64($0 * 3) }.shuffled()
        let found = try fx.service.store.read { tx in
            try tx.rows(forIds: ids, after: [1000]) { marks in """
                WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000)
                SELECT x FROM n WHERE x IN (\(marks)) AND x > ? ORDER BY x
                """
            }.map { $0[0] as Int64 }
        }
        #expect(found.count == Set(found).count)
        #expect(Set(found) == Set(ids.filter { $0 > 1000 }))
        #expect(try fx.service.store.read { tx in try tx.rows(forIds: []) { "SELECT 1 WHERE 1 IN (\($0))" } }.isEmpty)
    }

    /// 120 rows are three statements (50, 50, 20); RETURNING gives back every row.
    @Test func aMultiRowInsertWritesAndReturnsEveryRow() throws {
        let fx = try Fixture()
        let returned = try fx.service.store.write { tx in
            try tx.insertRows("INSERT INTO counters (name, value)", width: 2,
                              (1...120).map { ["batch\($0)", Int64($0)] }, returning: "name, value")
        }
        #expect(returned.count == 120)
        #expect(Set(returned.map { "\($0[0] as String)=\($0[1] as Int64)" })
                    == Set((1...120).map { "batch\($0)=\($0)" }))
        #expect(try fx.count("SELECT SUM(value) FROM counters WHERE name LIKE 'batch%'") == 7260)
    }
}
