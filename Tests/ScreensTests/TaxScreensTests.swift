import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// Where money shows on the terminal, on a Greek seller's desk (DOMAIN.md's worked examples, 2027-01-10, no
/// proration: the first whole month invoiced on the order day): totals are gross, and where an invoice is shown
/// its tax is broken down (#23, item 6).
@Suite struct TaxScreensTests {
    static let csv = """
        code,description,billing_period,price,tax_class
        SVC,Cloud service,monthly,10.00,standard
        RED,E-book service,monthly,10.00,reduced
        """

    /// A Greek reseller with an address (so Bill to reads as printed) on the list; unlimited credit unless
    /// `credit`, tax exempt with `exempt`.
    static func desk(seller: Seller = TestSeller.greek, day: String = "2027-01-10", credit: String? = nil,
                     exempt: String? = nil) throws -> (Fixture, Account) {
        try WorkedExampleDesk.desk(seller: seller, day: day, csv: csv, credit: credit, exempt: exempt) { f in
            f.name = "Aegean Cloud Partners"; f.email = "accounts@aegean.example"
            f.street = "Leoforos Kifisias 44"; f.postcode = "151 25"; f.city = "Athens"; f.country = "GR"
            f.registrationNumber = "EL094512306"
        }
    }

    static func order(_ fx: Fixture, _ a: Account, _ lines: [(String, Int)]) throws -> Order {
        try WorkedExampleDesk.order(fx, a, lines)
    }

    static func content(_ fx: Fixture, _ a: Account) throws -> AccountDetailContent {
        var c = try DemoDesk.content(fx.service, a.id)
        c.billing = try fx.service.accountBilling(a.id)
        return c
    }

    /// The grid's rows without their trailing spaces.
    static func rows(_ g: Grid) -> [String] {
        g.text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
    }

    /// DOMAIN.md's last example: 100.00 standard + 50.00 reduced, so the invoice has two VAT rows.
    @Test func theInvoiceShowsSellerBuyerEachLinesVATNetEachRateAndTheGrossTotal() throws {
        let (fx, a) = try Self.desk()
        _ = try Self.order(fx, a, [("SVC", 10), ("RED", 5)])
        var s = AccountDetailScreen(try Self.content(fx, a), section: .invoices)
        let list = s.render(width: 80, height: 24)
        #expect(Self.rows(list)[2].contains("Total incl. VAT"))
        #expect(list.text.contains("INV-000001 2027-01-10 2027-02-09      180.50 EUR"))
        // Highlighted, the row uncut says what the gross total is made of.
        #expect(Self.rows(list)[22].hasPrefix(" INV-000001 · net 150.00 + VAT 30.50 = 180.50 EUR · Open"))
        try expectGolden(list, "account-detail-invoices-greek-80x24")

        guard case .viewDocument(let doc)? = s.update(.enter, height: 24).first else {
            Issue.record("Enter did not open the invoice")
            return
        }
        var view = DocumentScreen(doc, accountCode: a.code)
        let whole = view.lines(width: 80)
        for wanted in ["From     Hellenic Cloud Distribution S.A.", "         VAT ID EL094259216",
                       "Bill to  Aegean Cloud Partners (ACC-000001)", "         VAT ID EL094512306",
                       "Aegean Cloud Partners · SVC Cloud service", "Aegean Cloud Partners · RED E-book service"] {
            #expect(whole.contains { $0.hasPrefix(wanted) }, "\(wanted) in\n\(whole.joined(separator: "\n"))")
        }
        func line(_ start: String) -> String? { whole.first { $0.hasPrefix(start) } }
        #expect(whole.contains { $0.hasSuffix("10 × 10.00  S 24 %        100.00") })
        #expect(whole.contains { $0.hasSuffix("5 × 10.00  S 13 %         50.00") })
        #expect(line("Net")?.hasSuffix(" 150.00") == true)
        #expect(line("VAT S 24 % on 100.00")?.hasSuffix(" 24.00") == true)
        #expect(line("VAT S 13 % on 50.00")?.hasSuffix(" 6.50") == true)
        #expect(line("Total")?.hasSuffix(" 180.50 EUR") == true)
        #expect(whole.allSatisfy { DisplayWidth.of($0) <= 78 })
        try expectGolden(view.render(width: 80, height: 24), "invoice-view-greek-80x24")
        _ = view.update(.end, height: 24)
        let end = view.render(width: 80, height: 24)
        #expect(end.text.contains("VAT S 13 % on 50.00") && end.text.contains("IBAN GR16"))
        try expectGolden(end, "invoice-view-greek-end-80x24")
    }

    /// An exempt account's invoice prints its reason whole under the totals, wrapped at 80 columns; the
    /// overview's Tax row cuts it with "…" to stay on its one line.
    @Test func aLongExemptionReasonIsCutInTheOverviewAndWrappedOnTheInvoice() throws {
        let reason = "Article 27 §1 of the Greek VAT Code (Law 2859/2000): supplies to diplomatic missions and "
            + "international organisations recognised by the Hellenic Republic"
        let (fx, a) = try Self.desk(exempt: reason)
        _ = try Self.order(fx, a, [("SVC", 10)])
        let overview = AccountDetailScreen(try Self.content(fx, a)).render(width: 80, height: 24)
        let tax = try #require(Self.rows(overview).first { $0.hasPrefix("   Tax ") })
        #expect(tax.hasPrefix("   Tax             E 0 % · Article 27 §1 of the Greek VAT Code"))
        #expect(tax.hasSuffix("…"), "\(tax)")
        #expect(DisplayWidth.of(tax) == 79)
        try expectGolden(overview, "account-detail-overview-exempt-80x24")

        let invoice = try #require(try fx.service.invoices(of: a.id).first)
        var view = DocumentScreen(InvoiceDocument(invoice: invoice, account: try fx.service.account(a.id)),
                                  accountCode: a.code)
        let lines = view.lines(width: 80)
        #expect(lines.contains { $0.hasSuffix("10 × 10.00  E 0 %        100.00") })
        #expect(lines.contains { $0.hasPrefix("VAT E 0 % on 100.00") && $0.hasSuffix(" 0.00") })
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 78 })
        // The reason, whole: its words in order over its lines.
        let start = try #require(lines.firstIndex { $0.hasPrefix("Article 27 §1") })
        #expect(lines[start...].prefix(3).joined(separator: " ").split(separator: " ").joined(separator: " ")
                    .hasPrefix(reason))
        _ = view.update(.end, height: 24)
        try expectGolden(view.render(width: 80, height: 24), "invoice-view-exempt-end-80x24")
    }

    /// An account whose tax cannot be computed says why in the overview, in the warning colour, whole.
    @Test func aMissingSellerOrRateShowsWhyNothingCanBeInvoiced() throws {
        var incomplete = TestSeller.greek
        incomplete.vatId = nil
        let (fx, a) = try Self.desk(seller: incomplete)
        let g = AccountDetailScreen(try Self.content(fx, a)).render(width: 80, height: 24)
        let rows = Self.rows(g)
        let at = try #require(rows.firstIndex { $0.hasPrefix("   Tax ") })
        #expect(rows[at].hasPrefix("   Tax             nothing can be invoiced until the seller is configured:"))
        #expect(rows[at...].prefix(2).joined().contains("company.vat_id in [company] of the configuration"))
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 80 })
        #expect(rows[at + 2].hasPrefix("   Address"))
        let roles = g.roles.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(roles[at].contains("W") && roles[at + 1].contains("W"), "\(g.roles)")
        try expectGolden(g, "account-detail-overview-no-seller-80x24")

        // Before the shipped rates are in force (2026-01-01), Greece has none: the row says which and how to set it.
        let (early, b) = try Self.desk(day: "2025-12-31")
        let text = AccountDetailScreen(try Self.content(early, b)).render(width: 80, height: 24).text
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Tax no standard tax rate of Greece is in force on 2025-12-31; set one with "
                              + "`resellerdesk tax rate set GR standard RATE --from DATE`"), "\(text)")
    }

    /// DOMAIN.md: a credit limit of 120.00 holds an order of 100.00 net, 124.00 gross. The Submitted orders
    /// screen shows the gross total, what it is made of, and asks naming the gross amount.
    @Test func aHeldOrderIsShownAndAskedAboutGross() throws {
        let (fx, a) = try Self.desk(credit: "120.00")
        let held = try Self.order(fx, a, [("SVC", 10)])
        #expect(held.status == .submitted && held.total.decimalString == "124.00")
        #expect(held.net?.decimalString == "100.00")
        let rows = try DemoDesk.submittedRows(fx.service)
        var s = SubmittedOrdersScreen(rows)
        let list = s.render(width: 80, height: 24)
        #expect(Self.rows(list)[1].contains("Total incl. VAT"))
        #expect(Self.rows(list)[2].hasSuffix(" 124.00 EUR 120.00 EUR"))
        #expect(joined(list).contains("net 100.00 + VAT 24.00 = 124.00 EUR · available 120.00 EUR"))
        try expectGolden(list, "submitted-orders-greek-80x24")
        s.askAboveCredit(orderId: held.id, available: try #require(rows.first?.available.flatMap {
            if case .amount(let m) = $0 { m } else { nil }
        }))
        #expect(joined(s.render(width: 80, height: 24)).contains(
            "ORD-000001 totals 124.00 EUR incl. VAT but Aegean Cloud Partners has only 120.00 EUR available. "
            + "Execute it 4.00 EUR above the credit? y/n"))
        #expect(s.update(.char("y"), height: 24) == [.execute(orderId: held.id, aboveCredit: true)])

        // The account's Orders say the same.
        let orders = AccountDetailScreen(try Self.content(fx, a), section: .orders).render(width: 80, height: 24)
        #expect(Self.rows(orders)[2].contains("Total incl. VAT"))
        #expect(Self.rows(orders)[3].contains(" Submitted ") && Self.rows(orders)[3].hasSuffix(" 124.00 EUR"))
    }

    /// The forecast's totals are gross (its drafts are taxed), split into net and VAT; so is the report's.
    @Test func theBillingForecastIsGrossAndTheReportBreaksItDown() throws {
        let (fx, a) = try Self.desk()
        _ = try Self.order(fx, a, [("SVC", 10), ("RED", 5)])
        let day = CalendarDay(year: 2027, month: 2, day: 10)!
        let forecast = try fx.service.billingForecast(through: day)
        var s = BillingScreen(through: day, forecast: forecast)
        #expect(s.render(width: 80, height: 24).text.contains("Total incl. VAT   net 150.00 + VAT 30.50 = 180.50 EUR"))
        _ = s.update(.char("r"), height: 24)
        #expect(joined(s.render(width: 80, height: 24)).contains("It issues 1 invoice to 1 account (180.50 EUR incl. "
                                                                 + "VAT) and emails them. y/n"))
        #expect(s.update(.char("y"), height: 24) == [.run(through: day)])
        let report = try fx.service.billingRun(through: day, by: staff)
        s.finished(BillingRunSummary(report, through: day))
        let done = s.render(width: 80, height: 24)
        #expect(done.text.contains("Total incl. VAT   net 150.00 + VAT 30.50 = 180.50 EUR"))
        let rows = Self.rows(done)
        let header = try #require(rows.firstIndex { $0.hasPrefix(" Invoices:") })
        #expect(rows[header].hasSuffix("Net       VAT  Total incl. VAT"))
        #expect(rows[header + 1] == "   INV-000002  ACC-000001  2027-02-10      150.00     30.50       180.50 EUR")
        try expectGolden(done, "billing-report-greek-80x24")
    }
}
