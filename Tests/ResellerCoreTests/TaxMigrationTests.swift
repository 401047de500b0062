import DeskTestSupport
import Foundation
import Testing
@testable import ResellerCore

/// A desk from before tax (issue #23) migrates with no change to its balances: its invoices keep their figures
/// and say they were issued before tax; what it issues afterwards is taxed.
@Suite(.sqliteOnly) struct TaxMigrationTests {
    @Test func invoicesFromBeforeTaxKeepTheirFiguresAndSaySo() throws {
        let billing = BillingDesk()
        let (fx, a) = try billing.setUp()
        try billing.on(fx, "2027-01-10")
        _ = try billing.order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])   // 22/31 of 60.00
        let before = try fx.service.statement(of: a.id).map { "\($0.line) \($0.balanceAfter.decimalString)" }
        #expect(before == ["Invoice INV-000001 42.58"])
        let beforeTax = Store.migrations.firstIndex { $0.name == "tax" }!
        try fx.service.store.write { tx in
            try tx.script(OldDesk.beforeTax + "PRAGMA user_version = \(beforeTax);")
        }

        let reopened = try fx.secondService()   // opening the file migrates it
        let invoice = try #require(try reopened.invoices(of: a.id).first)
        #expect(invoice.draft.amounts.issuedBeforeTax && invoice.draft.total.decimalString == "42.58")
        #expect(invoice.draft.amounts.net == invoice.draft.total && invoice.draft.amounts.taxes.isEmpty)
        #expect(invoice.draft.lines.allSatisfy { $0.tax == nil })
        #expect(try reopened.statement(of: a.id).map { "\($0.line) \($0.balanceAfter.decimalString)" } == before)
        let doc = try reopened.invoiceDocument(number: "INV-000001", by: staff)
        #expect(doc.notes == ["Issued before tax was computed: amounts exclude tax."] && doc.seller.isEmpty)
        #expect(try reopened.taxRates().count == 2 * EUVATRates.rates.count)
        // It has a PDF but no e-invoice (issue #24): one export of it alone refuses, writing nothing; a range's
        // writes the PDF and says why there is no XML.
        let folder = fx.db.folder + "/export"
        #expect(fields {
            _ = try reopened.exportDocuments(["INV-000001"], formats: DocumentFormat.allCases, folder: folder,
                                             strict: true, by: staff)
        } == ["ubl"])
        #expect(!FileManager.default.fileExists(atPath: folder))
        let range = try reopened.exportDocuments(["INV-000001"], formats: DocumentFormat.allCases, folder: folder,
                                                 by: staff)
        #expect(range.map(\.outcome) == [.written, .none("INV-000001 was issued before the seller was configured: "
                                                          + "it has no e-invoice")])

        // What the desk issues from now on is taxed (the test seller is outside the EU: [O] at 0 %).
        try billing.on(fx, "2027-02-01")
        let renewal = try #require(try reopened.billingRun(by: staff).invoices.first)
        #expect(!renewal.draft.amounts.issuedBeforeTax && renewal.draft.amounts.taxes.map(\.category) == [.outOfScope])
        #expect(renewal.draft.total.decimalString == "60.00")
    }
}
