import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// `setQuantity` and `cancelSubscription` on a real SQLite file with the fixed clock (issue #12, Billing →
/// Changes): 30.00 monthly × 2 ordered 2027-01-10, billing day the 1st, so 42.58 is paid at the order.
@Suite struct SubscriptionChangeServiceTests {
    let billing = BillingDesk()

    @Test func aRaiseOnOrderDayIsInvoicedAtOnceForTheRestOfThePeriod() throws {
        let (fx, a, sub) = try billing.ordered()
        try billing.on(fx, "2027-01-20")
        let raised = try fx.service.setQuantity(subscriptionId: sub, quantity: 5, by: staff)
        // 3 added units × 30.00 for 20–31 January: 12/31 of 90.00 = 34.838… → 34.84.
        let invoice = try #require(raised.invoice)
        #expect(invoice.number == "INV-000002" && invoice.draft.total.decimalString == "34.84")
        let line = try #require(invoice.draft.lines.first)
        #expect(line.quantity == 3 && line.daysCharged == 12 && line.daysInPeriod == 31)
        #expect(line.periodStart == billing.day("2027-01-20") && line.periodEnd == billing.day("2027-01-31"))
        #expect(try fx.service.statement(of: a.id).last?.balanceAfter.decimalString == "77.42")
        #expect(try fx.count("SELECT COUNT(*) FROM pending_charges WHERE invoice_id IS NULL") == 0)
        #expect(try fx.count("""
            SELECT COUNT(*) FROM audit_events WHERE entity = 'subscription' AND action = 'set-quantity'
            """) == 1)
        // February is invoiced with the new quantity, once.
        let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.map(\.draft.total.decimalString) == ["150.00"])
        #expect(try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff).invoices.isEmpty)
    }

    @Test func aRaiseOnNextBillingDayWaitsForTheRenewalAndSpendsCreditMeanwhile() throws {
        let (fx, a, sub) = try billing.ordered(partial: "onNextBillingDay", creditLimit: "1000")
        #expect(try fx.service.availableCredit(a.id)?.text == "957.42")
        try billing.on(fx, "2027-01-20")
        let raised = try fx.service.setQuantity(subscriptionId: sub, quantity: 5, by: staff)
        #expect(raised.invoice == nil)
        #expect(raised.charge?.invoiceDate == billing.day("2027-02-01"))
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 0)
        // Executed but not invoiced: already spent (docs/domain.md#credit), by the same rule in every list;
        // the order's own first charge (42.58) waits for the billing day too.
        #expect(try fx.service.availableCredit(a.id)?.text == "922.58")
        let summary = try #require(try fx.service.searchAccounts("").rows.first { $0.account.id == a.id })
        #expect(summary.uninvoiced.decimalString == "77.42" && summary.availableCredit?.text == "922.58")
        let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.count == 1)
        #expect(run.invoices.first?.draft.total.decimalString == "227.42")   // 42.58 + 150.00 + 34.84
        #expect(run.invoices.first?.draft.lines.count == 3)
        #expect(try fx.service.billingRun(through: billing.day("2027-03-01"), by: staff).invoices
                    .map(\.draft.total.decimalString) == ["150.00"])
        #expect(try fx.count("SELECT COUNT(*) FROM invoice_lines WHERE kind = 'charge'") == 2)
        #expect(try fx.service.availableCredit(a.id)?.text == "622.58")
    }

    @Test func aLoweringCountsFromTheNextPeriodWithNothingCharged() throws {
        let (fx, a, sub) = try billing.ordered()
        try billing.on(fx, "2027-01-20")
        let lowered = try fx.service.setQuantity(subscriptionId: sub, quantity: 1, by: staff)
        #expect(lowered.charge == nil && lowered.invoice == nil && lowered.effective == billing.day("2027-02-01"))
        let stored = try #require(try fx.service.subscriptions(of: a.id).first)
        #expect(stored.quantity(on: billing.day("2027-01-31")) == 2
                && stored.quantity(on: billing.day("2027-02-01")) == 1)
        let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.map(\.draft.total.decimalString) == ["30.00"])
    }

    @Test func aCancelEndsAtThePeriodEndAndNothingIsBilledAfter() throws {
        let (fx, a, sub) = try billing.ordered()
        try billing.on(fx, "2027-01-20")
        let ended = try fx.service.cancelSubscription(sub, now: false, by: staff)
        #expect(ended.subscription.status == .ending && ended.subscription.endDate == billing.day("2027-01-31"))
        #expect(ended.creditNote == nil)
        #expect(try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff).invoices.isEmpty)
        #expect(try fx.service.subscriptions(of: a.id).first?.status == .ending)
        #expect(throws: ServiceError.self) { try fx.service.cancelSubscription(sub, now: false, by: staff) }
    }

    @Test func cancelNowCreditsTheUnusedDaysWithAGaplessCreditNote() throws {
        let (fx, a, sub) = try billing.ordered()
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
        _ = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)   // 90.00 for February
        try billing.on(fx, "2027-02-10")
        let result = try fx.service.cancelSubscription(sub, now: true, by: staff)
        #expect(result.subscription.status == .canceled && result.subscription.endDate == billing.day("2027-02-10"))
        // 11–28 February unused: 18/28 of 60.00 = 38.571… → 38.57.
        let note = try #require(result.creditNote)
        #expect(note.number == "CRN-000001" && note.draft.total.decimalString == "38.57")
        #expect(note.draft.lines.first?.daysCharged == 18 && note.draft.lines.first?.daysInPeriod == 28)
        let ledger = try fx.service.statement(of: a.id)
        #expect(ledger.last?.kind == .creditNote && ledger.last?.description == "Credit note CRN-000001")
        // 42.58 + 21.29 (the second order) + 90.00 − 38.57.
        #expect(ledger.last?.balanceAfter.decimalString == "115.30")
        #expect(try fx.service.outbox().filter { $0.kind == .creditNote }.map(\.subject)
                == ["Credit note CRN-000001 for Aegean Cloud Partners"])
        #expect(try fx.service.creditNote(number: "crn-000001").draft.total.decimalString == "38.57")
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'creditNote'") == 1)
        // The next one takes the next number; March is never billed for the cancelled subscription.
        let second = try #require(try fx.service.subscriptions(of: a.id).last).id
        #expect(try fx.service.cancelSubscription(second, now: true, by: staff).creditNote?.number == "CRN-000002")
        #expect(try fx.service.billingRun(through: billing.day("2027-03-01"), by: staff).invoices.isEmpty)
    }

    /// A raise is a purchase (issue #21): above the available credit staff must confirm it, and until they
    /// do nothing is written; a lowering buys nothing and is never refused for credit.
    @Test func staffRaiseAboveTheAvailableCreditOnlyWhenTheyConfirm() throws {
        let (fx, a, sub) = try billing.ordered(creditLimit: "60")
        #expect(try fx.service.availableCredit(a.id)?.text == "17.42")
        try billing.on(fx, "2027-01-20")
        let preview = try fx.service.previewQuantity(subscriptionId: sub, quantity: 5, by: staff)
        #expect(preview.aboveCredit && preview.cost?.decimalString == "34.84")
        #expect(preview.availableCredit?.decimalString == "17.42")
        func refusal(_ body: () throws -> Void) -> String {
            do { try body(); return "" } catch let e as ServiceError { return e.messagesByField["quantity"] ?? "\(e)" }
            catch { return "\(error)" }
        }
        let refused = refusal { _ = try fx.service.setQuantity(subscriptionId: sub, quantity: 5, by: staff) }
        #expect(refused.contains("34.84") && refused.contains("17.42") && refused.contains("above the credit"),
                "\(refused)")
        #expect(try fx.count("SELECT COUNT(*) FROM pending_charges WHERE order_id IS NULL") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE action = 'set-quantity'") == 0)
        let raised = try fx.service.setQuantity(subscriptionId: sub, quantity: 5, aboveCredit: true, by: staff)
        #expect(raised.invoice?.draft.total.decimalString == "34.84")
        #expect(try fx.service.availableCredit(a.id)?.text == "-17.42")
        _ = try fx.service.setQuantity(subscriptionId: sub, quantity: 1, by: staff)
        // On a period's first day, before it is invoiced, the added units are the whole period's (the
        // renewal bills them): 2 more × 30.00 = 60.00, above what is left.
        try billing.on(fx, "2027-02-01")
        let first = refusal { _ = try fx.service.setQuantity(subscriptionId: sub, quantity: 3, by: staff) }
        #expect(first.contains("60.00"), "\(first)")
    }

    @Test func badChangesAreRefusedNamingTheField() throws {
        let (fx, a, sub) = try billing.ordered()
        func field(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let e as ServiceError { return e.fieldErrors.first?.field } catch {
                return "?"
            }
        }
        #expect(field { _ = try fx.service.setQuantity(subscriptionId: sub, quantity: 0, by: staff) } == "quantity")
        #expect(field { _ = try fx.service.setQuantity(subscriptionId: sub, quantity: 2, by: staff) } == "quantity")
        #expect(field { _ = try fx.service.setQuantity(subscriptionId: 99, quantity: 3, by: staff) }
                == "subscription")
        _ = try fx.service.changeStatus(a.id, StatusForm(.suspend, reason: "unpaid"), by: staff)
        #expect(field { _ = try fx.service.cancelSubscription(sub, now: true, by: staff) } == "subscription")
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'subscription' AND action <> 'create'")
                == 0)
    }
    /// A run through a later date had already invoiced February: cancelling at period end then ends with
    /// February, which was charged and is not credited, not with January (the days paid for were lost).
    @Test func cancellingAtPeriodEndKeepsThePeriodsAlreadyInvoiced() throws {
        let (fx, _, id) = try billing.ordered()   // BK × 2 on 2027-01-10, January invoiced with the order
        #expect(try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff).invoices.count == 1)
        try billing.on(fx, "2027-01-25")
        let result = try fx.service.cancelSubscription(id, now: false, by: staff)
        #expect(result.subscription.status == .ending && result.subscription.endDate == billing.day("2027-02-28"))
        #expect(result.creditNote == nil)
        #expect(try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff).invoices.isEmpty)
    }
}

/// "Over credit limit after billing" goes to the account manager once per run, never from a run that
/// issued nothing (issue #12).
@Suite struct OverCreditAfterBillingTests {
    @Test func theAccountManagerHearsOncePerRun() throws {
        let billing = BillingDesk()
        let (fx, a, _) = try billing.ordered(creditLimit: "100")   // 42.58 paid at the order
        func warnings() throws -> [OutboxMessage] {
            try fx.service.outbox().filter { $0.kind == .overCreditAfterBilling }
        }
        // February's 60.00 leaves 102.58 owed of 100.00: one email for the run, whatever it issued.
        _ = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(try warnings().count == 1)
        #expect(try warnings().first?.toAddress == "\(a.fields.accountManager)@" + fx.service.settings.staffMailDomain)
        #expect(try warnings().first?.subject == "Aegean Cloud Partners is over its credit limit after billing")
        _ = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(try warnings().count == 1)
        // Two months in one run: still one email.
        _ = try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff)
        #expect(try warnings().count == 2)
    }

    @Test func withinTheLimitNobodyIsEmailed() throws {
        let billing = BillingDesk()
        let (fx, _, _) = try billing.ordered(creditLimit: "1000")
        _ = try fx.service.billingRun(through: billing.day("2027-04-01"), by: staff)
        #expect(try fx.service.outbox().filter { $0.kind == .overCreditAfterBilling }.isEmpty)
    }

}
