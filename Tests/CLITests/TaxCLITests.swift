import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// Issue #23 on the real binary with a seller in Greece: DOMAIN.md's worked examples read back from
/// `invoice show --json`, the credit check counting gross, a credit note after `cancel --now`, and nothing invoiced
/// while the seller is incomplete.
@Suite struct TaxCLITests {
    static let reverseCharge = "Reverse charge: VAT to be accounted for by the recipient"
    static let outsideEU = "Not subject to VAT: services to a customer outside the EU"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String, country: String, vat: String? = nil, exempt: String? = nil, lines = ["SVC=10"]
        var taxes: [String], amounts: String, notes: [String] = [], lineTaxes = ["S 24"], buyerVatId: String? = nil
        var testDescription: String { name }
    }

    /// DOMAIN.md's table, row by row: 10 × 10.00 monthly (one whole month, invoiced on the order day) unless told.
    static let cases: [Case] = [
        Case(name: "Greek reseller", country: "GR", taxes: ["S 24 on 100.00 = 24.00"],
             amounts: "100.00 / 24.00 / 124.00"),
        Case(name: "German reseller, VAT ID DE valid", country: "DE", vat: "DE136695976",
             taxes: ["AE 0 on 100.00 = 0.00 (\(reverseCharge))"], amounts: "100.00 / 0.00 / 100.00",
             notes: [reverseCharge], lineTaxes: ["AE 0"], buyerVatId: "DE136695976"),
        Case(name: "Greek reseller, tax exempt", country: "GR", exempt: "Article 27 §1",
             taxes: ["E 0 on 100.00 = 0.00 (Article 27 §1)"], amounts: "100.00 / 0.00 / 100.00",
             notes: ["Article 27 §1"], lineTaxes: ["E 0"]),
        Case(name: "French account without VAT ID", country: "FR", taxes: ["S 20 on 100.00 = 20.00"],
             amounts: "100.00 / 20.00 / 120.00", lineTaxes: ["S 20"]),
        Case(name: "US reseller", country: "US", taxes: ["O 0 on 100.00 = 0.00 (\(outsideEU))"],
             amounts: "100.00 / 0.00 / 100.00", notes: [outsideEU], lineTaxes: ["O 0"]),
        Case(name: "Greek: 3 lines of 0.35", country: "GR", lines: ["P1=1", "P2=1", "P3=1"],
             taxes: ["S 24 on 1.05 = 0.25"], amounts: "1.05 / 0.25 / 1.30", lineTaxes: ["S 24", "S 24", "S 24"]),
        Case(name: "Greek: 100.00 standard + 50.00 reduced", country: "GR", lines: ["SVC=10", "RED=5"],
             taxes: ["S 24 on 100.00 = 24.00", "S 13 on 50.00 = 6.50"], amounts: "150.00 / 30.50 / 180.50",
             lineTaxes: ["S 13", "S 24"]),
    ]

    @Test(arguments: cases)
    func theWorkedExample(_ c: Case) throws {
        let desk = TaxDesk()
        let code = try desk.account(c.country, vat: c.vat, exempt: c.exempt)
        let order = try desk.order(code, c.lines)
        #expect(order["status"] as? String == "Executed")
        #expect(TaxDesk.amounts(order) == c.amounts)
        let invoice = try desk.show("INV-000001")
        #expect(invoice["billedAccount"] as? String == code)
        #expect(TaxDesk.amounts(invoice) == c.amounts)
        #expect(TaxDesk.taxes(invoice) == c.taxes)
        #expect(invoice["notes"] as? [String] == c.notes)
        #expect(TaxDesk.lineTaxes(invoice).sorted() == c.lineTaxes)
        #expect(invoice["issuedBeforeTax"] as? Bool == false)
        // Both VAT IDs on a reverse-charge invoice; the seller's on every one.
        #expect((invoice["seller"] as? [String: Any])?["vatId"] as? String == "EL094259216")
        #expect(invoice["buyerVatId"] as? String == c.buyerVatId)
    }

    /// The credit check counts gross: 124.00 is above a 120.00 limit, though the net 100.00 would fit.
    @Test func aGreekResellerWithACreditLimitOf120IsHeld() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR", credit: "120.00")
        let order = try desk.order(code, ["SVC=10"])
        #expect(order["status"] as? String == "Submitted")
        #expect(TaxDesk.amounts(order) == "100.00 / 24.00 / 124.00")
        #expect((try desk.run(["invoice", "list", "--json"]).json as? [Any])?.isEmpty == true)
    }

    /// The credit note repeats the rate of the invoice it credits, though the rate changed in between.
    @Test func aCreditNoteAfterCancelNowCarries24Percent() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10"])
        #expect(try desk.run(["tax", "rate", "set", "GR", "standard", "25", "--from", "2027-01-15"]).code == 0)
        let cancel = try desk.run(["subscription", "cancel", "1", "--now"], on: "2027-01-20")
        #expect(cancel.code == 0, "\(cancel.err)")
        #expect(cancel.out == "Subscription 1 ended on 2027-01-20; credit note CRN-000001 of 80.00 EUR\n")
        let note = try desk.show("CRN-000001", on: "2027-01-20")
        #expect(note["creditedInvoice"] as? String == "INV-000001")
        // 20 of 31 days unused: 100.00 × 20/31 = 64.52 net, 24 % of it 15.48.
        #expect(TaxDesk.taxes(note) == ["S 24 on 64.52 = 15.48"])
        #expect(TaxDesk.amounts(note) == "64.52 / 15.48 / 80.00")
        #expect(TaxDesk.lineTaxes(note) == ["S 24"])
        // 124.00 debited, 80.00 credited.
        #expect(try desk.run(["account", "show", code, "--json"], on: "2027-01-20").object["balance"] as? String
                == "44.00")
    }

    /// A seller without its VAT ID: the [company] variables all empty, then every key of the Greek seller but that.
    static var sellerWithoutVATId: [String: String] {
        var seller = TestSeller.greek
        seller.vatId = nil
        return TestSeller.cleared.merging(TestSeller.environment(seller)) { $1 }
    }

    static let noVATId = "nothing can be invoiced until the seller is configured: set company.vat_id in [company] "
        + "of the configuration"

    @Test func anOrderIsRefusedNamingTheMissingKeyAndNothingIsInvoiced() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        let refused = try desk.run(["order", "place", code, "--line", "SVC=10"], environment: Self.sellerWithoutVATId)
        #expect(refused.code == 1)
        #expect(refused.err == "company.vat_id: \(Self.noVATId)\n")
        #expect((try desk.run(["invoice", "list", "--json"]).json as? [Any])?.isEmpty == true)
        #expect((try desk.run(["order", "list", "--account", code, "--json"]).json as? [Any])?.isEmpty == true)
        #expect(try desk.run(["account", "show", code, "--json"]).object["balance"] as? String == "0.00")
    }

    @Test func aBillingRunReportsTheIncompleteSellerPerAccountAndExits1() throws {
        let desk = TaxDesk()
        let greek = try desk.account("GR"), german = try desk.account("DE", vat: "DE136695976")
        _ = try desk.order(greek, ["SVC=10"])
        _ = try desk.order(german, ["SVC=10"])
        // The renewals are due on 2027-02-10, when the seller has lost its VAT ID: neither is invoiced.
        let run = try desk.run(["billing", "run"], on: "2027-02-10", environment: Self.sellerWithoutVATId)
        #expect(run.code == 1)
        #expect(run.err == "account: \(greek): \(Self.noVATId)\naccount: \(german): \(Self.noVATId)\n")
        #expect(run.out == "No invoice issued through 2027-02-10: 2 account(s) could not be billed.\n")
        let json = try desk.run(["billing", "run", "--json"], on: "2027-02-10", environment: Self.sellerWithoutVATId)
        #expect(json.code == 1)
        let failures = try #require(json.object["failures"] as? [[String: Any]])
        #expect(failures.map { $0["accountId"] as? Int } == [1, 2])
        #expect(failures.allSatisfy { ($0["message"] as? String)?.hasSuffix(Self.noVATId) == true })
        let listed = try #require(try desk.run(["invoice", "list", "--json"], on: "2027-02-10").json
                                      as? [[String: Any]])
        #expect(listed.map { $0["number"] as? String } == ["INV-000001", "INV-000002"])
        // With the seller whole again the same run bills both: nothing was lost.
        let again = try desk.run(["billing", "run", "--json"], on: "2027-02-10")
        #expect(again.code == 0, "\(again.err)")
        let issued = try #require(again.object["invoices"] as? [[String: Any]])
        #expect(issued.map(TaxDesk.amounts) == ["100.00 / 24.00 / 124.00", "100.00 / 0.00 / 100.00"])
    }

    @Test func pricelistShowGivesEachItemsTaxClass() throws {
        let desk = TaxDesk()
        try desk.importList()
        let file = desk.cli.folder + "/classes.csv"
        let csv = "code,description,billing_period,price,tax_class\n" + "Z1,Export kit,one-time,5.00,zero\n"
            + "X1,Training,monthly,9.00,exempt\n"
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try desk.run(["pricelist", "import", file, "--name", "Classes", "--currency", "EUR"]).code == 0)
        let json = try desk.run(["pricelist", "show", "Tax EUR", "--json"])
        let items = try #require(json.object["items"] as? [[String: Any]])
        #expect(Dictionary(uniqueKeysWithValues: items.map { ($0["code"] as? String ?? "", $0["taxClass"] as? String) })
                == ["P1": "standard", "P2": "standard", "P3": "standard", "RED": "reduced", "SVC": "standard"])
        let classes = try #require(try desk.run(["pricelist", "show", "Classes", "--json"]).object["items"]
                                       as? [[String: Any]])
        #expect(classes.map { $0["taxClass"] as? String } == ["exempt", "zero"])
        let text = try desk.run(["pricelist", "show", "Classes"]).out
        #expect(text.contains("Tax class") && text.contains("Net price"))
        #expect(text.contains("X1    Training     monthly   exempt      9.00 EUR"), "\(text)")
        #expect(text.contains("Z1    Export kit   one-time  zero        5.00 EUR"), "\(text)")
    }
}
