import Foundation
import Testing
import DeskTestSupport

/// Issue #23's text outputs on the real binary with a seller in Greece: money is gross wherever it is counted,
/// with net and VAT beside it, and an invoice prints as the document every front shows.
@Suite struct TaxTextCLITests {
    @Test func orderPlaceSaysNetVATAndTotal() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        let placed = try desk.run(["order", "place", code, "--line", "SVC=10", "--line", "RED=5"])
        #expect(placed.code == 0, "\(placed.err)")
        #expect(placed.out == "ORD-000001 Executed: 180.50 EUR for Reseller in GR\n  net 150.00 EUR + VAT 30.50 EUR\n")
    }

    @Test func invoiceShowPrintsTheDocument() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10", "RED=5"])
        let shown = try desk.run(["invoice", "show", "inv-000001"])
        #expect(shown.code == 0, "\(shown.err)")
        let lines = shown.out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("INVOICE INV-000001") == true && lines.first?.hasSuffix("Status: Open") == true)
        #expect(lines.contains("Date 2027-01-10    Due 2027-02-09"))
        #expect(lines.contains("From     Hellenic Cloud Distribution S.A."))
        #expect(lines.contains("         VAT ID EL094259216"))
        #expect(lines.contains("Bill to  Reseller in GR (ACC-000001)"))
        #expect(lines.contains { $0.hasPrefix("Net ") && $0.hasSuffix(" 150.00") })
        #expect(lines.contains { $0.hasPrefix("VAT S 24 % on 100.00 ") && $0.hasSuffix(" 24.00") })
        #expect(lines.contains { $0.hasPrefix("VAT S 13 % on 50.00 ") && $0.hasSuffix(" 6.50") })
        #expect(lines.contains { $0.hasPrefix("Total ") && $0.hasSuffix(" 180.50 EUR") })
        #expect(!shown.out.contains("exclude tax"))
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(shown.out)")
    }

    @Test func aReverseChargeInvoicePrintsItsNoteAndBothVATIds() throws {
        let desk = TaxDesk()
        let code = try desk.account("DE", vat: "DE136695976")
        _ = try desk.order(code, ["SVC=10"])
        let out = try desk.run(["invoice", "show", "INV-000001"]).out
        #expect(out.contains("VAT ID EL094259216\n") && out.contains("VAT ID DE136695976\n"), "\(out)")
        #expect(out.contains("\nReverse charge: VAT to be accounted for by the recipient\n"), "\(out)")
    }

    @Test func listsRunsAndPreviewsAreGross() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10"])
        let list = try desk.run(["invoice", "list"]).out
        #expect(list == """
            Invoice     Account     Date        Due           VAT       Total  Paid  Status
            INV-000001  ACC-000001  2027-01-10  2027-02-09  24.00  124.00 EUR  0.00  Open

            """)
        let preview = try desk.run(["billing", "preview", code, "--through", "2027-02-10"]).out
        #expect(preview.hasPrefix("Invoice of 2027-02-10, due 2027-03-12: 124.00 EUR\n"), "\(preview)")
        #expect(preview.contains("Tax") && preview.contains("  S 24 %  "), "\(preview)")
        #expect(preview.hasSuffix("""
            Net                   100.00 EUR
            VAT S 24 % on 100.00   24.00 EUR
            Total                 124.00 EUR

            """), "\(preview)")
        let run = try desk.run(["billing", "run"], on: "2027-02-10").out
        #expect(run == """
            Invoice     Account     Date        Due           VAT       Total
            INV-000002  ACC-000001  2027-02-10  2027-03-12  24.00  124.00 EUR
            1 invoice(s) issued through 2027-02-10.

            """)
    }

    @Test func aPreviewForAReverseChargeAccountCarriesTheNote() throws {
        let desk = TaxDesk()
        let code = try desk.account("DE", vat: "DE136695976")
        _ = try desk.order(code, ["SVC=10"])
        let preview = try desk.run(["billing", "preview", code, "--through", "2027-02-10"]).out
        #expect(preview.hasSuffix("""
            Net                   100.00 EUR
            VAT AE 0 % on 100.00    0.00 EUR
            Total                 100.00 EUR
            Reverse charge: VAT to be accounted for by the recipient

            """), "\(preview)")
        #expect(preview.contains("  AE 0 %  "), "\(preview)")   // the line's own category and rate
    }

    @Test func creditNoteShowAndListAreGross() throws {
        let desk = TaxDesk()
        let code = try desk.account("GR")
        _ = try desk.order(code, ["SVC=10"])
        #expect(try desk.run(["subscription", "cancel", "1", "--now"], on: "2027-01-20").code == 0)
        let shown = try desk.run(["credit-note", "show", "CRN-000001"], on: "2027-01-20")
        #expect(shown.code == 0, "\(shown.err)")
        #expect(shown.out.hasPrefix("CREDIT NOTE CRN-000001\nDate 2027-01-20    Credits INV-000001\n"), "\(shown.out)")
        #expect(shown.out.contains("VAT S 24 % on 64.52"), "\(shown.out)")
        #expect(shown.out.contains("80.00 EUR\n") && !shown.out.contains("exclude tax"), "\(shown.out)")
        let list = try desk.run(["credit-note", "list"], on: "2027-01-20").out
        #expect(list == """
            Credit note  Account     Date        Credits       VAT      Total
            CRN-000001   ACC-000001  2027-01-20  INV-000001  15.48  80.00 EUR

            """)
    }
}
