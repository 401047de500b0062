import DeskTestSupport
import Foundation
import Testing
@testable import ResellerCore

/// DOMAIN.md's worked examples of "The seller and tax", as written there: a seller in Greece (GR standard 24 %,
/// reduced 13 %), 10 × 10.00 monthly, one whole month, invoiced on the order day.
@Suite struct TaxWorkedExampleTests {
    /// A reseller of `country` on the worked examples' desk (`WorkedExampleDesk`).
    static func desk(country: String = "GR", vat: String = "", exempt: String? = nil,
                     credit: String? = nil) throws -> (Fixture, Account) {
        try WorkedExampleDesk.desk(credit: credit, exempt: exempt) { f in
            f.name = "Reseller in \(country)"; f.email = "accounts@reseller.example"; f.country = country
            f.registrationNumber = vat
        }
    }

    static func order(_ fx: Fixture, _ a: Account, _ lines: [(String, Int)]) throws -> Order {
        try WorkedExampleDesk.order(fx, a, lines)
    }

    /// The one invoice of the account after ordering `lines`: its amounts and the tax of its lines.
    static func invoiced(_ lines: [(String, Int)] = [("SVC", 10)], country: String = "GR", vat: String = "",
                         exempt: String? = nil) throws -> Invoice {
        let (fx, a) = try desk(country: country, vat: vat, exempt: exempt)
        _ = try order(fx, a, lines)
        return try #require(try fx.service.invoices(of: a.id).first)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String, country: String, vat = "", exempt: String? = nil, lines: [(String, Int)] = [("SVC", 10)]
        var taxes: [String], net: String, tax: String, total: String, note: String?
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "Greek reseller", country: "GR", taxes: ["S 24 % on 100.00 = 24.00"], net: "100.00",
             tax: "24.00", total: "124.00", note: nil),
        Case(name: "German reseller, VAT ID DE valid", country: "DE", vat: "DE 136.695.976",
             taxes: ["AE 0 % on 100.00 = 0.00"], net: "100.00", tax: "0.00", total: "100.00",
             note: TaxRules.reverseChargeNote),
        Case(name: "Greek reseller, tax exempt", country: "GR", exempt: "Article 27 §1",
             taxes: ["E 0 % on 100.00 = 0.00"], net: "100.00", tax: "0.00", total: "100.00", note: "Article 27 §1"),
        Case(name: "French account without VAT ID", country: "FR", taxes: ["S 20 % on 100.00 = 20.00"],
             net: "100.00", tax: "20.00", total: "120.00", note: nil),
        Case(name: "US reseller", country: "US", taxes: ["O 0 % on 100.00 = 0.00"], net: "100.00", tax: "0.00",
             total: "100.00", note: TaxRules.outsideEUNote),
        Case(name: "Greek: 3 lines of 0.35", country: "GR", lines: [("P1", 1), ("P2", 1), ("P3", 1)],
             taxes: ["S 24 % on 1.05 = 0.25"], net: "1.05", tax: "0.25", total: "1.30", note: nil),
        Case(name: "Greek: 100.00 standard + 50.00 reduced", country: "GR", lines: [("SVC", 10), ("RED", 5)],
             taxes: ["S 24 % on 100.00 = 24.00", "S 13 % on 50.00 = 6.50"], net: "150.00", tax: "30.50",
             total: "180.50", note: nil),
    ]

    @Test(arguments: cases)
    func theWorkedExample(_ c: Case) throws {
        let invoice = try Self.invoiced(c.lines, country: c.country, vat: c.vat, exempt: c.exempt)
        let a = invoice.draft.amounts
        #expect(a.taxes.map { "\($0.category.rawValue) \($0.rate) % on \($0.taxable.decimalString) = "
                                + $0.tax.decimalString } == c.taxes)
        #expect(a.net.decimalString == c.net && a.tax.decimalString == c.tax && a.total.decimalString == c.total)
        #expect(a.notes == (c.note.map { [$0] } ?? []))
        #expect(!a.issuedBeforeTax && a.seller == TestSeller.greek)
        // Each line keeps its net and carries its category and rate.
        #expect(invoice.draft.lines.allSatisfy { $0.tax != nil })
        #expect(invoice.draft.lines.reduce(0) { $0 + $1.amount.minor } == a.net.minor)
    }

    @Test func reverseChargeCarriesBothVATIDsAndTheLedgerIsDebitedTheTotal() throws {
        let (fx, a) = try Self.desk(country: "DE", vat: "de136695976")
        #expect(try fx.service.account(a.id).fields.registrationNumber == "DE136695976")
        _ = try Self.order(fx, a, [("SVC", 10)])
        let doc = try fx.service.invoiceDocument(number: "INV-000001", by: staff)
        #expect(doc.seller.contains("VAT ID EL094259216") && doc.billTo.contains("VAT ID DE136695976"))
        #expect(doc.notes == [TaxRules.reverseChargeNote])
        let (gr, ga) = try Self.desk()
        _ = try Self.order(gr, ga, [("SVC", 10)])
        #expect(try gr.service.statement(of: ga.id).last?.balanceAfter.decimalString == "124.00")
        let text = try gr.service.invoiceDocument(number: "INV-000001", by: staff).text().joined(separator: "\n")
        #expect(text.contains("VAT S 24 % on 100.00") && text.contains("124.00 EUR"))
        #expect(!text.contains("exclude tax"))
    }

    /// The credit check counts gross: 124.00 is above a 120.00 limit, though the net 100.00 would fit.
    @Test func aGreekResellerWithACreditLimitOf120IsHeld() throws {
        let (fx, a) = try Self.desk(credit: "120.00")
        let preview = try fx.service.previewOrder(accountId: a.id, customerAccountId: nil,
                                                  lines: [OrderRequestLine(productCode: "SVC", quantity: 10)])
        #expect(preview.net.decimalString == "100.00" && preview.tax.decimalString == "24.00")
        #expect(preview.total.decimalString == "124.00" && !preview.withinCredit)
        let o = try Self.order(fx, a, [("SVC", 10)])
        #expect(o.status == .submitted && o.total.decimalString == "124.00" && o.net?.decimalString == "100.00")
        // The order keeps its preview's breakdown, for its page.
        #expect(try fx.service.order(o.id).taxes.map { "\($0.category.rawValue) \($0.rate) \($0.tax.decimalString)" }
                == ["S 24 24.00"])
        #expect(try fx.service.invoices(of: a.id).isEmpty)
    }

    @Test func aRateChangeDatedInTheFutureLeavesTodaysInvoiceAlone() throws {
        let (fx, a) = try Self.desk()
        try fx.service.setTaxRate(country: "GR", taxClass: "standard", rate: "25", from: "2027-02-01", by: staff)
        _ = try Self.order(fx, a, [("SVC", 10)])
        #expect(try fx.service.invoices(of: a.id).map(\.draft.amounts.tax.decimalString) == ["24.00"])
        // The renewal on the new rate's first day bears it.
        fx.clock.set("2027-02-10")
        _ = try fx.service.billingRun(by: staff)
        #expect(try fx.service.invoices(of: a.id).map(\.draft.amounts.tax.decimalString) == ["24.00", "25.00"])
        #expect(try fx.service.taxRates(country: "GR").map { "\($0.taxClass.rawValue) \($0.rate) \($0.from)" }
                == ["reduced 13 2026-01-01", "standard 24 2026-01-01", "standard 25 2027-02-01"])
    }

    /// The Billing screen's forecast counts gross, split into net and tax.
    @Test func theForecastIsGrossWithItsNetAndTax() throws {
        let (fx, a) = try Self.desk()
        _ = try Self.order(fx, a, [("SVC", 10), ("RED", 5)])
        let f = try fx.service.billingForecast(through: CalendarDay(year: 2027, month: 2, day: 10)!)
        #expect(f.invoices == 1)
        #expect([f.nets, f.taxes, f.totals].map { $0.map(\.decimalString) } == [["150.00"], ["30.50"], ["180.50"]])
    }

    @Test func aCreditNoteAfterCancelNowCarriesTheInvoicesRate() throws {
        let (fx, a) = try Self.desk()
        _ = try Self.order(fx, a, [("SVC", 10)])
        // A rate change after the invoice does not touch what the credit note credits.
        try fx.service.setTaxRate(country: "GR", taxClass: "standard", rate: "25", from: "2027-01-15", by: staff)
        fx.clock.set("2027-01-20")
        let sub = try #require(try fx.service.subscriptions(of: a.id).first)
        let result = try fx.service.cancelSubscription(sub.id, now: true, by: staff)
        let note = try #require(result.creditNote)
        #expect(note.draft.amounts.taxes.map { "\($0.category.rawValue) \($0.rate)" } == ["S 24"])
        #expect(note.draft.lines.allSatisfy { $0.tax?.rate == TaxPercent(hundredths: 2400) })
        #expect(note.draft.creditedInvoiceNumber == "INV-000001")
        // 20 of 31 days (2027-01-21 – 2027-02-09 of the period 2027-01-10 – 2027-02-09): 100.00 × 20/31 = 64.52
        // net, 24 % of it 15.48, 80.00 credited to the ledger.
        let amounts = note.draft.amounts
        #expect([amounts.net, amounts.tax, amounts.total].map(\.decimalString) == ["64.52", "15.48", "80.00"])
        #expect(try fx.service.statement(of: a.id).last?.balanceAfter.decimalString == "44.00")
    }

    @Test func nothingIsInvoicedWhileTheSellerIsIncomplete() throws {
        var seller = TestSeller.greek
        seller.vatId = nil
        let fx = try Fixture(seller: seller)
        let a = try fx.reseller(unlimited: true)
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        do {
            _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                          lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)], by: staff)
            Issue.record("an order invoiced with no seller VAT ID")
        } catch {
            #expect(error.fieldErrors.map(\.field) == ["company.vat_id"])
            #expect(error.fieldErrors.first?.message.contains("set company.vat_id") == true)
        }
        #expect(try fx.service.invoices(of: a.id).isEmpty && fx.service.outbox().isEmpty)
    }

    /// A desk whose seller is not configured yet (an upgraded desk, a new team install) still shows its accounts,
    /// their standing and dashboards; only the estimate of the next invoice waits, saying why.
    @Test func aDeskWithoutASellerStillShowsItsAccounts() throws {
        let (fx, a) = try Self.desk()
        _ = try Self.order(fx, a, [("SVC", 10)])
        var settings = ServiceSettings.test
        settings.seller = Seller()
        let bare = ResellerService(store: try fx.db.open(), settings: settings, clock: { fx.clock.now })
        let standing = try bare.billingStanding(accountId: a.id)
        #expect(standing.nextInvoice == nil && standing.nextInvoiceProblem?.contains("set company.name") == true)
        let detail = try bare.accountDetail(a.id)
        #expect(detail.taxTreatment == nil && detail.taxProblem?.contains("company.vat_id") == true)
        #expect(try bare.searchAccounts("").rows.map(\.account.id) == [a.id])
        #expect(try fx.service.billingStanding(accountId: a.id).nextInvoice?.total.decimalString == "124.00")
    }

    @Test func theTaxAnAccountGetsTodayIsShownBeforeAnythingIsInvoiced() throws {
        let (fx, a) = try Self.desk(country: "DE", vat: "DE136695976")
        let t = try fx.service.taxTreatment(of: a.id)
        #expect(t.category == .reverseCharge && t.rate == .zero && t.reason == TaxRules.reverseChargeNote)
        let (gr, ga) = try Self.desk()
        #expect(try gr.service.taxTreatment(of: ga.id) == TaxTreatment(category: .standard,
                                                                       rate: TaxPercent(hundredths: 2400),
                                                                       reason: nil))
    }
}

/// The two pure functions behind the examples, on their own.
@Suite struct TaxRulesTests {
    static let rates = TaxRateTable(EUVATRates.rates.flatMap { r in
        [TaxRate(country: r.country, taxClass: .standard, rate: try! TaxPercent.parse(r.standard),
                 from: EUVATRates.inForce),
         TaxRate(country: r.country, taxClass: .reduced, rate: try! TaxPercent.parse(r.reduced),
                 from: EUVATRates.inForce)]
    })
    static let day = CalendarDay(year: 2027, month: 1, day: 10)!

    @Test func theFiveRulesInOrder() throws {
        func t(_ buyer: TaxRules.Buyer, _ c: TaxClass = .standard, seller: String = "GR") throws -> String {
            let x = try TaxRules.treatment(sellerCountry: seller, buyer: buyer, taxClass: c, on: Self.day,
                                           rates: Self.rates)
            return "\(x.category.rawValue) \(x.rate)" + (x.reason.map { " \($0)" } ?? "")
        }
        #expect(try t(.init(country: "GR", exemptionReason: "Art. 27")) == "E 0 Art. 27")
        #expect(try t(.init(country: "DE", validVATId: "DE136695976", exemptionReason: "X")) == "E 0 X")
        #expect(try t(.init(country: "GR")) == "S 24")
        #expect(try t(.init(country: "GR"), .reduced) == "S 13")
        #expect(try t(.init(country: "GR"), .zero) == "Z 0")
        #expect(try t(.init(country: "GR"), .exempt) == "E 0 Exempt supply")
        #expect(try t(.init(country: "DE", validVATId: "DE136695976")) == "AE 0 \(TaxRules.reverseChargeNote)")
        #expect(try t(.init(country: "FR")) == "S 20")
        #expect(try t(.init(country: "US")) == "O 0 \(TaxRules.outsideEUNote)")
        // A seller outside the EU applies the first two rules and [O] to everything else.
        #expect(try t(.init(country: "FR"), seller: "CH") == "O 0 \(TaxRules.outOfScopeNote)")
        do { _ = try t(.init(country: "CH"), seller: "CH"); Issue.record("a missing rate was taxed") } catch {
            #expect((error as? FieldError)?.field == "taxRate")
        }
    }

    /// Rounded half up once per category and rate, on the summed nets (BR-CO-17), never per line.
    @Test func taxIsRoundedOncePerCategoryAndRate() throws {
        let s24 = TaxTreatment(category: .standard, rate: TaxPercent(hundredths: 2400), reason: nil)
        let s13 = TaxTreatment(category: .standard, rate: TaxPercent(hundredths: 1300), reason: nil)
        func eur(_ m: Int64) -> Money { Money(minor: m, currency: "EUR") }
        let three = try InvoiceTotals(lines: [(eur(35), s24), (eur(35), s24), (eur(35), s24)], currency: "EUR")
        #expect(three.tax.minor == 25 && three.total.minor == 130)
        let mixed = try InvoiceTotals(lines: [(eur(10_000), s24), (eur(5_000), s13)], currency: "EUR")
        #expect(mixed.taxes.map(\.tax.minor) == [2_400, 650] && mixed.total.minor == 18_050)
        // Half up: 0.125 → 0.13 (5.5 % of 2.27 = 0.12485 → 0.12).
        #expect(TaxPercent(hundredths: 2500).tax(on: 50) == 13)
        #expect(TaxPercent(hundredths: 550).tax(on: 227) == 12)
    }

    @Test func ratesParseAsDecimalStrings() throws {
        #expect(try TaxPercent.parse("24").description == "24")
        #expect(try TaxPercent.parse("5.5").description == "5.5")
        #expect(try TaxPercent.parse("25.50").description == "25.5")
        #expect(try TaxPercent.parse("0.05").description == "0.05")
        for bad in ["", "-1", "101", "24,5", "5.555", "2e1", "٢٤", " . "] {
            #expect(throws: FieldError.self) { try TaxPercent.parse(bad) }
        }
    }
}
