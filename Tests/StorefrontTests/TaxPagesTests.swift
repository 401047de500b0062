import DeskTestSupport
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront
import Templating

/// A desk whose seller is Greek, as DOMAIN.md's worked examples ("The seller and tax"): one reseller of
/// `country` ordering from a list of one service at 10.00 monthly, no proration (the first whole month is
/// invoiced on the order day), the clock on 2027-01-10, and its Admin user signed in through the pages.
struct TaxDesk {
    let fx: Fixture
    let account: Account
    static let email = "maria@aegean.example"
    static let password = "correct horse battery"

    init(country: String = "GR", vat: String = "", credit: String = "5000.00") throws {
        fx = try Fixture(seller: TestSeller.greek)
        fx.clock.set("2027-01-10")
        var f = AccountForm()
        f.name = "Aegean Cloud Partners"; f.email = "accounts@aegean.example"; f.country = country
        f.type = "Reseller"; f.enableOrdering = true; f.creditLimit = credit; f.registrationNumber = vat
        account = try fx.service.createAccount(f, by: staff)
        _ = try fx.priceList("Tax EUR", csv: "code,description,billing_period,price\nSVC,Cloud service,monthly,10.00")
        _ = try fx.service.assignPriceLists(account.id, names: ["Tax EUR"], by: staff)
        _ = try fx.activeUser(account, email: Self.email, password: Self.password)
    }

    /// 10 × SVC ordered by staff on 2027-01-10 (invoiced at 24 %), the clock then on 2027-01-20: the subscription.
    func subscribedTenDaysAgo() throws -> Subscription {
        _ = try WorkedExampleDesk.order(fx, account, [("SVC", 10)])
        let sub = try #require(try fx.service.subscriptions(of: account.id).first)
        fx.clock.set("2027-01-20")
        return sub
    }

    func app() throws -> some ApplicationProtocol {
        Application(router: try StorefrontServer(service: fx.service).router())
    }

    func signIn(_ b: inout Browser) async throws {
        try await b.get("/login")
        try await b.post("/login", [("email", Self.email), ("password", Self.password)])
        #expect(b.status == .seeOther)
        try await b.follow()
    }

    /// 10 × 10.00 through the preview, then placed; ends on the order's page.
    func order(_ b: inout Browser) async throws {
        try await b.get("/orders/new")
        try await b.post("/orders/preview", Self.tenServices)
        #expect(b.status == .ok && b.html.contains("Check your order"))
        try await b.post("/orders", Self.tenServices)
        #expect(b.status == .seeOther)
        try await b.follow()
    }

    static let tenServices = [("for", "self"), ("q:SVC:monthly", "10")]
}

/// Issue #23 in the storefront: the order preview, the order, the dashboard, the invoices list and the printable
/// invoice and credit note show net, VAT per category and rate, and the gross total the ledger is debited.
@Suite struct TaxPagesTests {
    static let reverseCharge = "<p class=\"note\">\(TaxRules.reverseChargeNote)</p>"

    @Test func thePreviewShowsTheNetTheVATOfEachRateAndTheGrossTotal() async throws {
        let desk = try TaxDesk()
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.get("/orders/new")
            try await b.post("/orders/preview", TaxDesk.tenServices)
            #expect(b.status == .ok)
            for text in ["<dt>Net</dt><dd>100.00 EUR</dd>", "<dt>VAT S 24 % on 100.00</dt><dd>24.00 EUR</dd>",
                         "<dt>Total charged now</dt><dd><strong>124.00 EUR</strong></dd>",
                         "The total of 124.00 EUR (VAT included) is within your available credit (5,000.00 EUR)"] {
                #expect(b.html.contains(text), "preview lacks \(text)")
            }
            #expect(!b.html.contains("class=\"note\""))            // a domestic S line carries no note
        }
    }

    /// DOMAIN.md: a Greek reseller with a credit limit of 120.00 is held as Submitted, though the net would fit.
    @Test func theCreditNoticeComparesTheGrossTotal() async throws {
        let desk = try TaxDesk(credit: "120.00")
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.get("/orders/new")
            try await b.post("/orders/preview", TaxDesk.tenServices)
            #expect(b.html.contains("<p class=\"notice warn\" role=\"status\">The total of 124.00 EUR (VAT included) "
                                    + "is above your available credit (120.00 EUR)."))
            try await b.post("/orders", TaxDesk.tenServices)
            try await b.follow()
            #expect(b.html.contains("accepted as Submitted but not executed"))
            for text in ["<dt>Net</dt><dd>100.00 EUR</dd>", "<dt>VAT S 24 % on 100.00</dt><dd>24.00 EUR</dd>",
                         "<dt>Total</dt><dd><strong>124.00 EUR</strong></dd>"] {
                #expect(b.html.contains(text), "order page lacks \(text)")
            }
        }
        #expect(try desk.fx.service.orders(of: desk.account.id).map(\.status) == [.submitted])
        #expect(try desk.fx.service.invoices(of: desk.account.id).isEmpty)
    }

    @Test func theOrderDashboardInvoicesAndPrintableInvoiceAreGross() async throws {
        let desk = try TaxDesk(vat: "EL094512306")
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await desk.order(&b)
            #expect(b.html.contains("is executed: 124.00 EUR is charged to your account"))
            for text in ["<dt>Net</dt><dd>100.00 EUR</dd>", "<dt>VAT S 24 % on 100.00</dt><dd>24.00 EUR</dd>",
                         "<dt>Total</dt><dd><strong>124.00 EUR</strong></dd>"] {
                #expect(b.html.contains(text), "order page lacks \(text)")
            }
            // The dashboard: the ledger debited the gross total, the credit left after it, the order's total.
            try await b.get("/dashboard")
            for text in ["<dt>Balance</dt><dd>124.00 EUR</dd>", "<dt>Available credit</dt><dd>4,876.00 EUR</dd>",
                         "<td class=\"num\">124.00 EUR</td>", "Amounts include VAT."] {
                #expect(b.html.contains(text), "dashboard lacks \(text)")
            }
            try await b.get("/invoices")
            #expect(b.html.contains("<th class=\"num wide\">Net</th><th class=\"num wide\">VAT</th>"))
            #expect(b.html.contains("<td class=\"num wide\">100.00</td><td class=\"num wide\">24.00</td>"
                                    + "<td class=\"num\">124.00 EUR</td>"))

            let number = try #require(try desk.fx.service.invoices(of: desk.account.id).first).number
            try await b.get("/invoices/\(number)")
            #expect(b.status == .ok)
            let seller = TestSeller.greek.printedLines.map { $0 + "<br>" }.joined()
            for text in ["<h3>From</h3><p>\(seller)</p>", "Hellenic Cloud Distribution S.A.", "VAT ID EL094259216",
                         "<h3>Bill to</h3><p>Aegean Cloud Partners (\(desk.account.code))<br>",
                         "VAT ID EL094512306<br>", "<td class=\"rate\">S 24 %</td>",
                         "<tr><th colspan=\"7\">Net</th><td class=\"num\">100.00</td></tr>",
                         "<tr><th colspan=\"7\">VAT S 24 % on 100.00</th><td class=\"num\">24.00</td></tr>",
                         "<tr class=\"total\"><th colspan=\"7\">Total</th><td class=\"num\">124.00 EUR</td></tr>",
                         "IBAN GR1601101250000000012300695 · BIC ETHNGRAA · Bank National Bank of Greece"] {
                #expect(b.html.contains(text), "invoice page lacks \(text)")
            }
            #expect(!b.html.contains("class=\"note\"") && !b.html.contains("exclude tax"))
            let doc = try desk.fx.service.invoiceDocument(number: number, by: staff)
            let shared = try TemplateEngine(html: [DocumentTemplate.name: DocumentTemplate.html])
                .render(DocumentTemplate.name, DocumentView(doc))
            #expect(b.html.contains(shared))
        }
    }

    /// A raise is charged with its tax, as the credit check counts it; its net is beside it.
    @Test func aRaisesChargeIsShownWithItsVAT() async throws {
        let desk = try TaxDesk()
        let service = desk.fx.service
        let sub = try desk.subscribedTenDaysAgo()
        let preview = try service.previewQuantity(subscriptionId: sub.id, quantity: 11, by: staff)
        let net = try #require(preview.charge).amount, gross = try #require(preview.cost)
        #expect(net.minor > 0 && gross.minor == (net.minor * 124 + 50) / 100)   // 24 %, rounded half up
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.post("/subscriptions/\(sub.id)/preview", [("quantity", "11")])
            #expect(b.status == .ok)
            #expect(b.html.contains("<strong id=\"charge\">\(gross.display)</strong> (VAT included)"))
            #expect(b.html.contains(": \(net.display) net)"))
        }
    }

    /// A "cancel now" credits the unused days at the credited invoice's 24 %, and its page says so.
    @Test func theCreditNotePageCarriesTheInvoicesVAT() async throws {
        let desk = try TaxDesk()
        let service = desk.fx.service
        let sub = try desk.subscribedTenDaysAgo()
        let note = try #require(try service.cancelSubscription(sub.id, now: true, by: staff).creditNote)
        let tax = try #require(note.draft.amounts.taxes.first)
        #expect(tax.category == .standard && tax.rate == TaxPercent(hundredths: 2400) && tax.tax.minor != 0)
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.get("/invoices")
            let a = note.draft.amounts
            #expect(b.html.contains("<td class=\"num wide\">\(a.net.decimalString)</td><td class=\"num wide\">"
                                    + "\(a.tax.decimalString)</td><td class=\"num\">\(a.total.display)</td>"))
            try await b.get("/credit-notes/\(note.number)")
            #expect(b.status == .ok)
            for text in ["Credit note \(note.number)", "<dt>Credits</dt><dd>INV-000001</dd>", "VAT ID EL094259216",
                         "<th colspan=\"7\">VAT S 24 % on \(tax.taxable.decimalString)</th>"
                            + "<td class=\"num\">\(tax.tax.decimalString)</td>",
                         "<th colspan=\"7\">Total</th><td class=\"num\">\(a.total.display)</td>"] {
                #expect(b.html.contains(text), "credit note page lacks \(text)")
            }
        }
    }

    /// DOMAIN.md's reverse charge: a German account with a valid VAT ID gets AE 0 %, the note, both VAT IDs.
    @Test func aReverseChargeShowsTheNoteAndBothVATIDs() async throws {
        let desk = try TaxDesk(country: "DE", vat: "DE136695976")
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.get("/orders/new")
            try await b.post("/orders/preview", TaxDesk.tenServices)
            for text in ["<dt>VAT AE 0 % on 100.00</dt><dd>0.00 EUR</dd>",
                         "<dt>Total charged now</dt><dd><strong>100.00 EUR</strong></dd>", Self.reverseCharge] {
                #expect(b.html.contains(text), "preview lacks \(text)")
            }
            try await b.post("/orders", TaxDesk.tenServices)
            #expect(b.status == .seeOther)
            let number = try #require(try desk.fx.service.invoices(of: desk.account.id).first).number
            try await b.get("/invoices/\(number)")
            for text in [Self.reverseCharge, "VAT ID EL094259216<br>", "VAT ID DE136695976<br>",
                         "<td class=\"rate\">AE 0 %</td>",
                         "<th colspan=\"7\">VAT AE 0 % on 100.00</th><td class=\"num\">0.00</td>",
                         "<th colspan=\"7\">Total</th><td class=\"num\">100.00 EUR</td>"] {
                #expect(b.html.contains(text), "invoice page lacks \(text)")
            }
        }
    }

    /// An invoice and an order from before tax (a migrated desk's: no net, tax or breakdown stored) keep their
    /// total; the list says "before tax" rather than a VAT of 0.00, the invoice says its amounts exclude tax.
    @Test func documentsFromBeforeTaxSaySo() async throws {
        let desk = try TaxDesk()
        _ = try desk.fx.service.placeOrder(accountId: desk.account.id, customerAccountId: nil,
                                           lines: [OrderRequestLine(productCode: "SVC", quantity: 10)], by: staff)
        try desk.fx.service.store.write { tx in
            try tx.script("""
                UPDATE invoices SET total_minor = net_minor, net_minor = NULL, tax_minor = NULL, taxes = NULL,
                                    seller = NULL, buyer_vat_id = NULL;
                UPDATE orders SET total_minor = net_minor, net_minor = NULL, tax_minor = NULL
                """)
        }
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            try await desk.signIn(&b)
            try await b.get("/invoices")
            #expect(b.html.contains("<td class=\"num wide\">100.00</td><td class=\"num wide\"><span class=\"muted\">"
                                    + "before tax</span></td><td class=\"num\">100.00 EUR</td>"))
            try await b.get("/invoices/INV-000001")
            #expect(b.html.contains("<p class=\"note\">Issued before tax was computed: amounts exclude tax.</p>"))
            #expect(!b.html.contains("<h3>From</h3>") && !b.html.contains("VAT S 24 %"))
            try await b.get("/orders/1")
            #expect(b.html.contains("<dt>Total</dt><dd><strong>100.00 EUR</strong></dd>"))
            #expect(!b.html.contains("<dt>Net</dt>") && !b.html.contains("<dt>VAT</dt>"))
        }
    }

    /// The seller beside the buyer and the notes set apart, on screen; in print the notes keep their rule.
    @Test func theStylesheetLaysOutTheSellerAndTheNotes() async throws {
        let desk = try TaxDesk()
        try await desk.app().test(.router) { client in
            var b = Browser(client)
            let css = try await b.get("/style.css")
            let print = try #require(css.range(of: "@media print")).upperBound
            #expect(css.contains(".seller,.bill-to{display:inline-block"))
            #expect(css.contains(".seller h3,.bill-to h3{"))
            #expect(css[..<print].contains(".note{") && css[print...].contains(".note{"))
            #expect(css.contains("@media (max-width:40rem){.wide{display:none}"))
        }
    }
}
