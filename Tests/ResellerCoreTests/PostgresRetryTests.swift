import Foundation
import Testing
import DeskTestSupport
import GRDB
@testable import ResellerCore

/// A PostgreSQL write that loses a conflict runs again for as long as its budget of time lasts, not a count of
/// tries: on a busy desk a storefront order lost more than 10 in a row while a statement import ran, and the
/// buyer was answered 503 (the soak, on a slow machine).
@Suite(.postgresOnly) struct PostgresRetryTests {
    static let conflict = PGError(sqlState: "40001",
                                  message: "could not serialize access due to read/write dependencies")

    @Test func aWriteThatLosesFifteenConflictsInARowStillCommits() throws {
        let fx = try Fixture()
        let pool = PostgresPool(conninfo: fx.service.store.path)
        var lost = 0
        let answer = try pool.transaction(readOnly: false, isolation: .serializable) { session in
            if lost < 15 {
                lost += 1
                throw Self.conflict
            }
            return try Int64.fromDatabaseValue(session.connection.query("SELECT 1 + 1").rows[0][0])
        }
        #expect(lost == 15 && answer == 2)
    }

    @Test func aWriteStillLosingWhenItsBudgetIsSpentIsRefusedWhole() throws {
        let fx = try Fixture()
        let pool = PostgresPool(conninfo: fx.service.store.path, retryBudget: .milliseconds(200))
        var tries = 0
        let started = ContinuousClock.now
        #expect(throws: PGError.self) {
            try pool.transaction(readOnly: false, isolation: .serializable) { _ in
                tries += 1
                throw Self.conflict
            }
        }
        #expect(tries > 1 && ContinuousClock.now - started < .seconds(2), "\(tries) tries")
        #expect(Store.describePostgres(Self.conflict, url: fx.service.store.path).description
            .contains("stayed busy with other hosts' changes; nothing was saved, try again"))
    }
}
