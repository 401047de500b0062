import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A desk from before billing invoiced first charges (issue #12: "an executed order of today becomes its
/// subscriptions, and its debit becomes its first invoice"), opened by this version.
@Suite(.sqliteOnly) struct FirstInvoiceMigrationTests {
    let billing = BillingDesk()

    /// Rewrites the file to what the versions before wrote: each executed order's first charge a plain ledger
    /// debit tied to the order, no invoice, no waiting charge; the first order from before subscriptions
    /// existed, the second from after (it kept its subscription). The schema goes back to version 9.
    func oldDesk() throws -> (Fixture, Account) {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2),
                                      OrderRequestLine(productCode: "SETUP", quantity: 1)])   // 192.58
        try billing.on(fx, "2027-01-20")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])      // 12/31 → 11.61
        try fx.service.store.write { tx in
            try tx.script("""
                UPDATE ledger SET order_id = (SELECT o.id FROM orders o JOIN invoices i ON i.number = ledger.note
                                               WHERE o.order_day = i.invoice_date),
                                  invoice_id = NULL, note = NULL;
                DELETE FROM invoice_lines; DELETE FROM pending_charges; DELETE FROM invoices;
                DELETE FROM audit_events WHERE entity = 'invoice';
                DELETE FROM subscriptions WHERE order_id = 1;
                UPDATE counters SET value = 0 WHERE name = 'invoice';
                DELETE FROM outbox;
                DROP INDEX pending_charges_order; ALTER TABLE pending_charges DROP COLUMN order_id;
                DROP INDEX subscriptions_next_billing; DROP INDEX pending_charges_waiting;
                \(OldDesk.beforeTax)
                PRAGMA user_version = 9;
                """)
        }
        return (fx, a)
    }

    @Test func eachOrdersDebitBecomesItsFirstInvoiceAndTheRunGoesOnFromThere() throws {
        let (fx, a) = try oldDesk()
        #expect(try fx.count("SELECT COUNT(*) FROM ledger WHERE order_id IS NOT NULL AND invoice_id IS NULL") == 2)
        let reopened = try fx.secondService()   // opening the file migrates it
        let invoices = try reopened.invoices(of: a.id)
        #expect(invoices.map(\.number) == ["INV-000001", "INV-000002"])
        #expect(invoices.map(\.draft.total.decimalString) == ["192.58", "11.61"])
        #expect(invoices.map(\.draft.date.description) == ["2027-01-10", "2027-01-20"])
        #expect(invoices[0].draft.lines.map(\.productCode) == ["BK", "SETUP"])
        #expect(invoices[0].draft.lines[0].daysCharged == 22 && invoices[1].draft.lines[0].daysCharged == 12)
        // The statement keeps its amounts and balance; each debit now names its invoice.
        let ledger = try reopened.statement(of: a.id)
        #expect(ledger.map(\.kind) == [.invoice, .invoice])
        #expect(ledger.map(\.line) == ["Invoice INV-000001", "Invoice INV-000002"])
        #expect(ledger.last?.balanceAfter.decimalString == "204.19")
        // The order from before subscriptions has one now; nobody is emailed for charges of long ago.
        let subs = try reopened.subscriptions(of: a.id)
        #expect(subs.map(\.orderId) == [2, 1])
        #expect(subs.allSatisfy { $0.nextBillingDate == billing.day("2027-02-01") })
        #expect(try reopened.outbox().isEmpty)
        // Each line's first charge names its order and its invoice.
        #expect(try fx.count("""
            SELECT COUNT(*) FROM pending_charges WHERE order_id IS NOT NULL AND invoice_id IS NOT NULL
            """) == 3)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'invoice' AND action = 'issue'") == 2)

        // The first periods are not invoiced again: February is 90.00 (3 × 30.00), once.
        let run = try reopened.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.map(\.number) == ["INV-000003"])
        #expect(run.invoices.map(\.draft.total.decimalString) == ["90.00"])
        // Opening again migrates nothing twice.
        let third = try fx.secondService()
        #expect(try third.invoices(of: a.id).count == 3)
    }
}
