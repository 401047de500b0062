import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// The account detail's Subscriptions and Invoices sections, the invoice as it prints, the quantity dialog,
/// the cancel choice and the Billing screen, over the demo reseller (proration on, billing day the 1st,
/// partial charges on the order day) with a clock the test moves.
@Suite struct BillingScreensTests {
    static func service() throws -> (ResellerService, TestClock, Int64) {
        let clock = TestClock(DemoDesk.noon)                            // 2026-11-29
        let service = try DemoDesk.service(clock: clock)
        return (service, clock, try service.findAccount("ACC-000001").id)
    }

    static func content(_ service: ResellerService, _ id: Int64) throws -> AccountDetailContent {
        var c = try DemoDesk.content(service, id)
        c.billing = try service.accountBilling(id)
        return c
    }

    /// Three subscriptions ordered 2026-11-29 (each order's first invoice, INV-000001 to 3), renewed on
    /// 2026-12-01 (INV-000004); on 2026-12-10 the VMs are raised to 5
    /// (charged at once), DNS is cancelled now (a credit note) and the awareness training lowered from
    /// the next period.
    static func billed() throws -> (ResellerService, TestClock, Int64) {
        let (service, clock, id) = try service()
        try DemoDesk.order(service, id, "VM-2C4G", 2)
        try DemoDesk.order(service, id, "DNS-ZONE", 3)
        try DemoDesk.order(service, id, "M365-BP", 10)
        let run = try service.billingRun(through: CalendarDay(year: 2026, month: 12, day: 1)!, by: .staff("alice"))
        #expect(run.invoices.count == 1 && run.failures.isEmpty)
        clock.set("2026-12-10")
        let subs = try service.subscriptions(of: id)
        func sub(_ code: String) -> Subscription { subs.first { $0.productCode == code }! }
        _ = try service.setQuantity(subscriptionId: sub("VM-2C4G").id, quantity: 5, by: .staff("alice"))
        _ = try service.cancelSubscription(sub("DNS-ZONE").id, now: true, by: .staff("alice"))
        _ = try service.setQuantity(subscriptionId: sub("M365-BP").id, quantity: 4, by: .staff("alice"))
        return (service, clock, id)
    }

    @Test func subscriptionsSectionShowsQuantityNextBillingAndStatus() throws {
        let (service, _, id) = try Self.billed()
        var s = AccountDetailScreen(try Self.content(service, id), section: .subscriptions)
        let text = s.render(width: 80, height: 24).text
        #expect(text.contains("For") && text.contains("Next bill"))
        let rows = text.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("VM-2C4G") && $0.contains(" 5 ") && $0.contains("2027-01-01") })
        #expect(rows.contains { $0.contains("DNS-ZONE") && $0.contains("Canceled 2026-12-10") })
        #expect(rows.contains { $0.contains("M365-BP") && $0.contains("10→4") })
        try expectGolden(s.render(width: 80, height: 24), "account-detail-subscriptions-80x24")
        // The keys act on the highlighted subscription; a canceled one says why not.
        let subs = s.content.billing.subscriptions
        #expect(subs.map(\.productCode) == ["VM-2C4G", "DNS-ZONE", "M365-BP"])
        #expect(s.update(.char("q"), height: 24) == [.changeQuantity(subs[0])])
        _ = s.update(.down, height: 24)
        #expect(s.update(.char("q"), height: 24).isEmpty)
        #expect(s.notice == "Highlight an Active subscription first (↑/↓).")
        #expect(s.update(.char("X"), height: 24).isEmpty)
        #expect(s.notice == "Highlight a subscription not yet canceled first (↑/↓).")
    }

    @Test func theCancelChoiceAsksWhenThenConfirms() throws {
        let (service, _, id) = try Self.billed()
        var s = AccountDetailScreen(try Self.content(service, id), section: .subscriptions)
        let vm = try #require(s.content.billing.subscriptions.first { $0.productCode == "VM-2C4G" })
        #expect(s.content.billing.subscriptions.first?.id == vm.id)       // the first row, highlighted
        #expect(s.update(.char("X"), height: 24).isEmpty)
        let choice = joined(s.render(width: 80, height: 24))
        #expect(choice.contains("Cancel VM-2C4G for Aegean Cloud Partners: e at the end of its current period · "
                                + "n now (credits the unused days) · any other key keeps it"))
        try expectGolden(s.render(width: 80, height: 24), "account-detail-cancel-choice-80x24")
        #expect(s.update(.char("n"), height: 24).isEmpty)
        #expect(joined(s.render(width: 80, height: 24))
            .contains("a credit note for the unused days is issued. y/n"))
        #expect(s.update(.char("y"), height: 24)
                == [.cancelSubscription(accountId: id, subscriptionId: vm.id, now: true)])
        // e: at the period end; any other key keeps it.
        _ = s.update(.char("X"), height: 24)
        _ = s.update(.char("e"), height: 24)
        #expect(s.update(.char("y"), height: 24)
                == [.cancelSubscription(accountId: id, subscriptionId: vm.id, now: false)])
        _ = s.update(.char("X"), height: 24)
        #expect(s.update(.escape, height: 24).isEmpty)
        #expect(s.notice == "Not canceled.")
    }

    @Test func theServiceRefusesChangesOfASuspendedAccountClearly() throws {
        let (service, _, id) = try Self.billed()
        _ = try service.changeStatus(id, StatusForm(.suspend, reason: "unpaid"), by: .staff("alice"))
        let vm = try #require(try service.subscriptions(of: id).first { $0.productCode == "VM-2C4G" })
        do {
            _ = try service.setQuantity(subscriptionId: vm.id, quantity: 6, by: .staff("alice"))
            Issue.record("a suspended account's quantity changed")
        } catch {
            // What the detail's notice shows (DetailEffects: error.description).
            #expect(error.description == "subscription: ACC-000001 is suspended: its subscriptions cannot change "
                    + "until it is active")
            var s = AccountDetailScreen(try Self.content(service, id), section: .subscriptions)
            s.notify(error.description)
            #expect(joined(s.render(width: 80, height: 24))
                .contains("cannot change until it is active"))
        }
    }

    @Test func theQuantityDialogNamesTheFieldOfABadQuantity() throws {
        let (service, _, id) = try Self.billed()
        let vm = try #require(try service.subscriptions(of: id).first { $0.productCode == "VM-2C4G" })
        var d = QuantityDialog.quantity(of: vm, today: service.today)
        #expect(d.model.quantity == "5")
        for _ in 0..<5 { _ = d.update(.backspace) }
        for c in "0" { _ = d.update(.char(c)) }
        #expect(d.update(.ctrl("s")).isEmpty)                                  // refused before the service is asked
        #expect(d.errors["quantity"] == "quantity must be a whole number from 1 to 100000, not \"0\"")
        let text = joined(d.render(width: 80, height: 24))
        #expect(text.contains("Quantity: quantity must be a whole number from 1 to 100000, not \"0\""))
        try expectGolden(d.render(width: 80, height: 24), "quantity-dialog-error-80x24")
        _ = d.update(.backspace)
        for c in "7" { _ = d.update(.char(c)) }
        #expect(d.update(.ctrl("s")) == [.save(SubscriptionQuantityForm(quantity: 7))])
        // A raise above the credit (#21): the runtime asks; n keeps the dialog and what was typed, y confirms.
        d.confirm("It costs 93.00 EUR; 10.00 EUR available. Raise above the credit? y/n")
        #expect(d.render(width: 80, height: 24).text.contains("It costs 93.00 EUR; 10.00 EUR available. Raise above"))
        #expect(d.update(.char("n")).isEmpty && d.message == "Not changed." && d.model.quantity == "7")
        d.confirm("It costs 93.00 EUR; 10.00 EUR available. Raise above the credit? y/n")
        #expect(d.update(.char("y")) == [.confirmed(SubscriptionQuantityForm(quantity: 7))])
    }

    @Test func invoicesSectionListsInvoicesAndCreditNotesNewestFirst() throws {
        let (service, _, id) = try Self.billed()
        var s = AccountDetailScreen(try Self.content(service, id), section: .invoices)
        let text = s.render(width: 80, height: 24).text
        let rows = text.split(separator: "\n").map(String.init)
        let numbers = rows.compactMap { r in r.split(separator: " ").first.map(String.init) }
            .filter { $0.hasPrefix("INV-") || $0.hasPrefix("CRN-") }
        // Newest first; the invoice of the raise and the credit note of the cancellation share their day.
        #expect(Array(numbers.prefix(3)) == ["INV-000005", "CRN-000001", "INV-000004"])
        #expect(rows.contains { $0.contains("CRN-000001") && $0.contains("Credit note") })
        #expect(rows.contains { $0.contains("INV-000004") && $0.contains("2026-12-01") && $0.contains("Open") })
        try expectGolden(s.render(width: 80, height: 24), "account-detail-invoices-80x24")

        // Enter opens the highlighted one as it prints.
        guard case .viewDocument(let doc)? = s.update(.enter, height: 24).first else {
            Issue.record("Enter did not open the invoice")
            return
        }
        #expect(doc.number == "INV-000005" && doc.kind == .invoice)
        var view = DocumentScreen(doc, accountCode: "ACC-000001")
        let shown = view.render(width: 80, height: 24).text
        #expect(shown.contains("ResellerDesk · ACC-000001 · Invoice INV-000005"))
        #expect(shown.contains("INVOICE INV-000005") && shown.contains("VAT O 0 % on 68.13"))
        #expect(shown.contains("VM-2C4G Cloud VM, 2 vCPU / 4 GB RAM (added units)"))
        try expectGolden(view.render(width: 80, height: 24), "invoice-view-80x24")
        #expect(view.update(.escape, height: 24) == [.back])
        #expect(view.update(.char("?"), height: 24) == [.help])
    }

    @Test func aLongDocumentScrolls() throws {
        let (service, _, id) = try Self.billed()
        let invoice = try #require(try service.invoices(of: id).first)
        var many = invoice
        many.draft.lines = Array(repeating: invoice.draft.lines[0], count: 20)
        let account = try service.account(id)
        var view = DocumentScreen(InvoiceDocument(invoice: many, account: account), accountCode: account.code)
        #expect(view.render(width: 80, height: 24).text.contains("lines 1–22 of"))
        _ = view.update(.end, height: 24)
        let end = view.render(width: 80, height: 24).text
        #expect(end.contains(TaxRules.outOfScopeNote) && !end.contains("Bill to"))
        _ = view.update(.home, height: 24)
        #expect(view.top == 0)
    }

    @Test func tabsFit80ColumnsWithEverySection() throws {
        let (service, _, id) = try Self.billed()
        let content = try Self.content(service, id)
        for section in AccountDetailSection.ID.allCases {
            let row = String(AccountDetailScreen(content, section: section).render(width: 80, height: 24).text
                .split(separator: "\n")[1])
            for name in ["Overview", "Contacts", "Lists", "Orders", "Subs", "Invoices", "Ledger", "History",
                         "Customers"] {
                #expect(row.contains(name), "\(section): \(row)")
            }
            #expect(DisplayWidth.of(row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)) <= 79)
        }
        // At 120 columns every tab has its full name and count.
        let wide = AccountDetailScreen(content).render(width: 120, height: 30).text.split(separator: "\n")[1]
        #expect(wide.contains(" Subscriptions 3 ") && wide.contains(" Invoices 6 ") && wide.contains(" Price lists 1 "))
    }

    @Test func billingScreenForecastRunAndReport() throws {
        let (service, _, id) = try Self.billed()
        let day = CalendarDay(year: 2027, month: 1, day: 1)!
        let forecast = try service.billingForecast(through: day)
        #expect(forecast.accounts == 1 && forecast.invoices == 1)
        var s = BillingScreen(through: day, forecast: forecast)
        let text = s.render(width: 80, height: 24).text
        #expect(text.contains("Forecast of a run through 2027-01-01"))
        #expect(text.contains("Accounts to bill  1") && text.contains("Invoices          1"))
        #expect(text.contains("Total incl. VAT   net 242.40 + VAT 0.00 = " + forecast.totals[0].display))
        try expectGolden(s.render(width: 80, height: 24), "billing-forecast-80x24")

        #expect(s.update(.char("t"), height: 24) == [.chooseThrough(day)])
        #expect(s.update(.char("r"), height: 24).isEmpty)
        #expect(joined(s.render(width: 80, height: 24))
            .contains("Run the billing through 2027-01-01? It issues 1 invoice to 1 account"))
        #expect(s.update(.char("y"), height: 24) == [.run(through: day)])
        s.progressed(0, of: 1)
        #expect(s.render(width: 80, height: 24).text.contains("Billing 0/1 accounts…"))
        let report = try service.billingRun(through: day, by: .staff("alice")) { done, total in
            s.progressed(done, of: total)
        }
        #expect(s.progress?.done == 1 && s.progress?.total == 1)
        s.finished(BillingRunSummary(report, through: day))
        let done = s.render(width: 80, height: 24).text
        #expect(done.contains("Billing run through 2027-01-01: done"))
        #expect(done.contains("Invoices issued   1 (INV-000006)") && done.contains("INV-000006  ACC-000001"))
        try expectGolden(s.render(width: 80, height: 24), "billing-report-80x24")
        // Done: r says why it will not run again; Ctrl-R reads the forecast, which now has nothing due.
        #expect(s.update(.char("r"), height: 24).isEmpty)
        #expect(s.notice == "The run is done: Ctrl-R reads the forecast again.")
        #expect(s.update(.ctrl("r"), height: 24) == [.reload(through: day)])
        s.show(try service.billingForecast(through: day))
        #expect(s.update(.char("r"), height: 24).isEmpty)
        #expect(s.notice == "Nothing is due through 2027-01-01: the run would issue no invoice.")
        _ = id
    }

    @Test func theThroughDialogNamesABadDate() throws {
        let day = CalendarDay(year: 2027, month: 1, day: 1)!
        var d = ThroughDialog.through(day)
        for _ in 0..<5 { _ = d.update(.backspace) }
        for c in "02-30" { _ = d.update(.char(c)) }
        #expect(d.model.through == "2027-02-30")
        #expect(d.update(.ctrl("s")).isEmpty)
        #expect(d.errors["through"] == "through must be a date as YYYY-MM-DD, not \"2027-02-30\"")
        try expectGolden(d.render(width: 80, height: 24), "billing-through-error-80x24")
        for _ in 0..<2 { _ = d.update(.backspace) }
        for c in "28" { _ = d.update(.char(c)) }
        let day28 = CalendarDay(year: 2027, month: 2, day: 28)
        #expect(d.update(.ctrl("s")) == [.save(BillingThroughForm(through: day28))])
    }
}
