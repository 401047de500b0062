import Foundation
import Testing
@testable import ResellerCore
import DeskTestSupport

/// Data migrations are keyed by the name of the SQL migration that brings them in; desks store only how
/// many migrations they applied, so the name must resolve to the number the step used to be keyed by.
@Suite(.sqliteOnly) struct DataMigrationKeyTests {
    @Test func theFirstInvoicesStepKeepsTheVersionItWasKeyedByBefore() {
        #expect(Store.version(after: "firstInvoices") == 10)
        #expect(Store.pendingDataMigrations(after: 9).count == 1)
        #expect(Store.pendingDataMigrations(after: 10).isEmpty)
        #expect(Store.pendingDataMigrations(after: Store.migrations.count).isEmpty)
        #expect(Set(Store.migrations.map(\.name)).count == Store.migrations.count)
    }

    /// A desk that applied migration 10 under the old numeric key, holding rows the step would rewrite (an
    /// executed order's plain debit, no invoice), opens without the step running again: only the later
    /// SQL migration runs.
    @Test func aDeskMigratedUnderTheOldKeyDoesNotRunTheStepAgain() throws {
        let billing = BillingDesk()
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])
        try fx.service.store.write { tx in
            try tx.script("""
                UPDATE ledger SET invoice_id = NULL, note = NULL;
                DELETE FROM invoice_lines; DELETE FROM pending_charges; DELETE FROM invoices;
                DROP INDEX subscriptions_next_billing; DROP INDEX pending_charges_waiting;
                \(OldDesk.beforeTax)
                PRAGMA user_version = 10;
                """)
        }
        let reopened = try fx.secondService()   // opening the file migrates it
        #expect(try reopened.invoices(of: a.id).isEmpty)
        #expect(try fx.count("PRAGMA user_version") == Store.migrations.count)
        #expect(try fx.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'pending_charges_waiting'") == 1)
    }
}
