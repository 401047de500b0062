import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The billing run on a real SQLite file with the fixed clock (issue #12).
@Suite struct BillingServiceTests {
    let billing = BillingDesk()

    /// Worked example 1 (issue #12): proration on, billing day the 1st, on order day.
    @Test func theOrdersFirstChargeIsItsFirstInvoiceAndTheRunInvoicesEachRenewalOnce() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        let o = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])
        #expect(o.total.decimalString == "42.58")   // 22/31 of 60.00
        let subs = try fx.service.subscriptions(of: a.id)
        #expect(subs.count == 1)
        #expect(subs[0].nextBillingDate == billing.day("2027-02-01")
                && subs[0].quantity(on: billing.day("2027-01-10")) == 2)
        #expect(subs[0].forAccountName == "Aegean Cloud Partners")
        let first = try fx.service.invoice(number: "INV-000001")
        #expect(first.draft.total.decimalString == "42.58")
        #expect(first.draft.date == billing.day("2027-01-10") && first.draft.dueDate == billing.day("2027-02-09"))
        let line = try #require(first.draft.lines.first)
        #expect(line.periodStart == billing.day("2027-01-10") && line.periodEnd == billing.day("2027-01-31"))
        #expect(line.daysCharged == 22 && line.daysInPeriod == 31 && line.subscriptionId == subs[0].id)

        #expect(try fx.service.billingRun(through: billing.day("2027-01-31"), by: staff).invoices.isEmpty)
        try billing.on(fx, "2027-02-01")
        let run = try fx.service.billingRun(by: staff)
        #expect(run.failures.isEmpty)
        #expect(run.invoices.map(\.number) == ["INV-000002"])
        let invoice = try fx.service.invoice(number: "inv-000002")
        #expect(invoice.draft.total.decimalString == "60.00")
        #expect(invoice.draft.date == billing.day("2027-02-01") && invoice.draft.dueDate == billing.day("2027-03-03"))
        #expect(invoice.draft.lines.map { "\($0.periodStart!)..\($0.periodEnd!)" } == ["2027-02-01..2027-02-28"])
        // The ledger: one debit per invoice, each counted once.
        let ledger = try fx.service.statement(of: a.id)
        #expect(ledger.map(\.kind) == [.invoice, .invoice])
        #expect(ledger.last?.balanceAfter.decimalString == "102.58")
        #expect(ledger.map(\.description) == ["Invoice INV-000001", "Invoice INV-000002"])
        let mails = try fx.service.outbox().filter { $0.kind == .invoice }
        #expect(mails.map(\.toAddress) == ["accounts@aegean.example", "accounts@aegean.example"])
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'invoice' AND action = 'issue'") == 2)

        // Again: nothing. Then March, numbered without a gap.
        #expect(try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff).invoices.isEmpty)
        #expect(try fx.service.billingRun(through: billing.day("2027-02-28"), by: staff).invoices.isEmpty)
        let march = try fx.service.billingRun(through: billing.day("2027-03-01"), by: staff)
        #expect(march.invoices.map(\.number) == ["INV-000003"])
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 3)
    }

    /// Worked example 2: the same order with "on next billing day".
    /// Billing day "day of first order": the first order fixes the day (the 10th), a later order is charged to
    /// it, and the run renews both on it (each subscription keeps the scheme it was ordered under).
    @Test func theFirstOrdersDayIsEveryLaterSubscriptionsBillingDay() throws {
        let (fx, a) = try billing.setUp(billingDay: "first-order")
        try billing.on(fx, "2027-01-10")
        #expect(try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)]).total.decimalString
                == "30.00")
        try billing.on(fx, "2027-01-20")
        #expect(try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)]).total.decimalString
                == "20.32")   // 21 days of the 31 from 2027-01-10 to 2027-02-09
        #expect(try fx.service.subscriptions(of: a.id).map(\.nextBillingDate)
                == [billing.day("2027-02-10"), billing.day("2027-02-10")])
        try billing.on(fx, "2027-02-10")
        let run = try fx.service.billingRun(by: staff)
        #expect(run.failures.isEmpty)
        let lines = try #require(run.invoices.first).draft.lines
        #expect(run.invoices.count == 1 && lines.map { "\($0.periodStart!)..\($0.periodEnd!)" }
                == ["2027-02-10..2027-03-09", "2027-02-10..2027-03-09"])
        #expect(lines.map(\.amount.decimalString) == ["30.00", "30.00"])
    }

    @Test func onNextBillingDayTheFirstChargeJoinsTheFirstWholePeriodOnOneInvoice() throws {
        let fx = try Fixture()
        var f = AccountForm()
        f.name = "Aegean Cloud Partners"; f.email = "accounts@aegean.example"; f.country = "GR"; f.type = "Reseller"
        f.enableOrdering = true; f.creditLimit = "1000"; f.prorateBilling = true; f.billingDay = "first"
        f.partialChargesInvoicing = "onNextBillingDay"
        let a = try fx.service.createAccount(f, by: staff)
        _ = try fx.priceList("Backup EUR", csv: BillingDesk.csv)
        _ = try fx.service.assignPriceLists(a.id, names: ["Backup EUR"], by: staff)
        try billing.on(fx, "2027-01-10")
        let o = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2),
                                  OrderRequestLine(productCode: "SETUP", quantity: 1)])
        #expect(o.status == .executed && o.total.decimalString == "192.58")
        // The preview said so: both wait for the billing day, the one-time item too (docs/domain.md#invoicing).
        #expect(o.lines.map(\.invoiceDay) == [billing.day("2027-02-01"), billing.day("2027-02-01")])
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 0)
        #expect(try fx.service.statement(of: a.id).isEmpty)
        #expect(try fx.service.availableCredit(a.id)?.text == "807.42")   // already lower by 192.58
        #expect(try fx.service.billingRun(through: billing.day("2027-01-31"), by: staff).invoices.isEmpty)
        let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(run.invoices.count == 1)
        let invoice = try #require(run.invoices.first)
        #expect(invoice.number == "INV-000001" && invoice.draft.total.decimalString == "252.58")
        #expect(invoice.draft.date == billing.day("2027-02-01"))
        #expect(invoice.draft.lines.prefix(2).map { "\($0.periodStart!)..\($0.periodEnd!) \($0.amount.decimalString)" }
                == ["2027-01-10..2027-01-31 42.58", "2027-02-01..2027-02-28 60.00"])
        #expect(invoice.draft.lines.map(\.productCode) == ["BK", "BK", "SETUP"])
        #expect(try fx.service.availableCredit(a.id)?.text == "747.42")
        #expect(try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff).invoices.isEmpty)
    }

    /// An annual item in a leap year: the first period is 22/366 of the year's price, then whole years from
    /// the billing day; the order's invoice and each renewal once.
    @Test func anAnnualItemInALeapYearIsChargedByTheDaysOfThatYear() throws {
        let (fx, a) = try billing.setUp()
        let csv = "code,description,billing_period,price\nAN,Annual support,annual,366.00"
        _ = try fx.priceList("Annual EUR", csv: csv)
        _ = try fx.service.assignPriceLists(a.id, names: ["Annual EUR"], by: staff)
        try billing.on(fx, "2028-01-10")
        let o = try billing.order(fx, a, [OrderRequestLine(productCode: "AN", quantity: 1)])
        #expect(o.total.decimalString == "22.00")   // 22/366 of 366.00
        let first = try fx.service.invoice(number: "INV-000001")
        #expect(first.draft.lines.map { "\($0.periodStart!)..\($0.periodEnd!) \($0.daysCharged!)/\($0.daysInPeriod!)" }
                == ["2028-01-10..2028-01-31 22/366"])
        let renewals = try fx.service.billingRun(through: billing.day("2029-02-01"), by: staff).invoices
        #expect(renewals.map { "\($0.draft.date) \($0.draft.total.decimalString)" }
                == ["2028-02-01 366.00", "2029-02-01 366.00"])
        #expect(renewals.map { "\($0.draft.lines[0].periodStart!)..\($0.draft.lines[0].periodEnd!)" }
                == ["2028-02-01..2029-01-31", "2029-02-01..2030-01-31"])
        #expect(try fx.service.billingRun(through: billing.day("2030-01-31"), by: staff).invoices.isEmpty)
    }

    /// The Billing screen's forecast: what a run would issue over the desk, issuing nothing; an account that
    /// cannot be billed is named with why, and the others still counted.
    @Test func theForecastCountsTheDeskAndNamesWhatCannotBeBilled() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])
        let customer = try fx.service.createEndCustomer(resellerId: a.id, name: "Taverna Nikos",
                                                        email: "nikos@taverna.example", country: "GR", by: staff)
        _ = try billing.order(fx, a, for: customer.id, [OrderRequestLine(productCode: "BK", quantity: 1)])
        let forecast = try fx.service.billingForecast(through: billing.day("2027-03-01"))
        #expect(forecast.accounts == 1 && forecast.invoices == 2 && forecast.failures.isEmpty)
        #expect(forecast.totals.map(\.display) == ["180.00 EUR"])   // (60.00 + 30.00) × February and March
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 2)   // the orders' own; the forecast issued none
        try fx.service.store.write { tx in try tx.execute(sql: "UPDATE subscriptions SET currency = 'USD'") }
        let broken = try fx.service.billingForecast(through: billing.day("2027-03-01"))
        #expect(broken.accounts == 0 && broken.failures.count == 1)
        #expect(broken.failures.first?.hasPrefix("ACC-000001: ") == true)
    }

    /// A one-time item is charged once, on the order's first invoice beside the first period.
    @Test func aOneTimeItemIsOnTheOrdersFirstInvoiceOnly() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        let o = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2),
                                  OrderRequestLine(productCode: "SETUP", quantity: 1)])
        #expect(o.total.decimalString == "192.58")
        #expect(try fx.service.subscriptions(of: a.id).count == 1)   // the one-time item creates none
        let first = try fx.service.invoice(number: "INV-000001")
        #expect(first.draft.total.decimalString == "192.58")
        #expect(first.draft.lines.map(\.productCode) == ["BK", "SETUP"])
        #expect(first.draft.lines[1].periodStart == nil)
        let run = try fx.service.billingRun(through: billing.day("2027-03-01"), by: staff)
        #expect(run.invoices.map(\.draft.total.decimalString) == ["60.00", "60.00"])
    }

    @Test func theUniqueKeyRefusesAPeriodInvoicedTwiceEvenPastTheCheck() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
        _ = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        // Rewind the subscription as a buggy run would: the database itself refuses the second line, and the
        // whole invoice (number included) rolls back.
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE subscriptions SET next_billing_date = '2027-02-01'")
        }
        let again = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        #expect(again.invoices.isEmpty)
        #expect(again.failures.count == 1)
        // The order's first invoice and February's: nothing more, and no number spent.
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 2)
        #expect(try fx.count("SELECT value FROM counters WHERE name = 'invoice'") == 2)
        #expect(try fx.count("SELECT COUNT(*) FROM ledger WHERE invoice_id IS NOT NULL") == 2)
    }

    @Test func twoRunsAtOnceIssueEachInvoiceOnceWithGaplessNumbers() throws {
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        for _ in 0..<3 { _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)]) }
        let other = try fx.secondService()
        let services = [fx.service, other]
        let issued = RunCounter()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let report = try? services[i].billingRun(through: billing.day("2027-04-01"), by: staff)
            issued.add(report?.invoices.count ?? -100)
        }
        // Three orders invoiced at once (INV-1..3), then three months (February to April), one invoice each
        // for the one account: 3 in all, whoever won.
        #expect(issued.value == 3)
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 6)
        #expect(try fx.count("SELECT COUNT(*) FROM invoice_lines") == 12)
        let numbers = try fx.service.invoices(of: a.id).map(\.number)
        #expect(numbers == (1...6).map { "INV-00000\($0)" })
    }

    @Test func separateInvoicesSplitByTheAccountItIsFor() throws {
        for separate in [false, true] {
            let (fx, a) = try billing.setUp(separate: separate)
            try billing.on(fx, "2027-01-10")
            let customer = try fx.service.createEndCustomer(resellerId: a.id, name: "Taverna Nikos",
                                                            email: "nikos@taverna.example", country: "GR", by: staff)
            _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
            _ = try billing.order(fx, a, for: customer.id, [OrderRequestLine(productCode: "BK", quantity: 3)])
            let run = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
            if separate {
                #expect(run.invoices.map(\.draft.forAccountId) == [a.id, customer.id])
                #expect(run.invoices.map(\.draft.total.decimalString) == ["30.00", "90.00"])
            } else {
                #expect(run.invoices.count == 1)
                #expect(run.invoices[0].draft.lines.map(\.forAccountName) == ["Aegean Cloud Partners", "Taverna Nikos"])
                #expect(run.invoices[0].draft.total.decimalString == "120.00")
            }
        }
    }

    @Test func withoutProrationTheRunCatchesUpClampedToTheMonthsEnd() throws {
        let (fx, a) = try billing.setUp(billingDay: nil)
        try billing.on(fx, "2027-01-31")
        let o = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
        #expect(o.total.decimalString == "30.00")
        // Worked example 3: 30.00 that day for 31 January – 27 February, then the 28th, then 31 March.
        let first = try fx.service.invoice(number: "INV-000001")
        #expect(first.draft.total.decimalString == "30.00" && first.draft.date == billing.day("2027-01-31"))
        #expect(first.draft.lines.map { "\($0.periodStart!)..\($0.periodEnd!)" } == ["2027-01-31..2027-02-27"])
        #expect(first.draft.lines[0].daysCharged == nil)
        #expect(try fx.service.subscriptions(of: a.id).first?.nextBillingDate == billing.day("2027-02-28"))
        let preview = try fx.service.billingPreview(accountId: a.id, through: billing.day("2027-03-31"))
        #expect(preview.map(\.date.description) == ["2027-02-28", "2027-03-31"])
        #expect(try fx.count("SELECT COUNT(*) FROM invoices") == 1)   // a preview issues nothing
        let run = try fx.service.billingRun(through: billing.day("2027-03-31"), by: staff)
        #expect(run.invoices.map { "\($0.draft.lines[0].periodStart!)..\($0.draft.lines[0].periodEnd!)" }
                == ["2027-02-28..2027-03-30", "2027-03-31..2027-04-29"])
    }

    @Test func invoicesGoToTheBillToContacts() throws {
        let (fx, a) = try billing.setUp()
        var c = ContactForm()
        c.lastName = "Papadopoulou"; c.email = "billing@aegean.example"; c.billTo = true
        _ = try fx.service.addContact(to: a.id, c, by: staff)
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 1)])
        _ = try fx.service.billingRun(through: billing.day("2027-02-01"), by: staff)
        let mails = try fx.service.outbox().filter { $0.kind == .invoice }
        #expect(mails.map(\.toAddress) == ["billing@aegean.example", "billing@aegean.example"])
        #expect(mails.map(\.subject).sorted() == ["Invoice INV-000001 for Aegean Cloud Partners",
                                         "Invoice INV-000002 for Aegean Cloud Partners"])
    }
}

import Synchronization

final class RunCounter: Sendable {
    private let m = Mutex(0)
    func add(_ n: Int) { m.withLock { $0 += n } }
    var value: Int { m.withLock { $0 } }
}
