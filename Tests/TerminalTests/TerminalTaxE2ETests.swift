import Foundation
import Testing
import DeskTestSupport

/// Tax in the built binary (#23) on a Greek seller's desk: a Greek reseller's order invoiced with 24 % VAT, read
/// on the invoice as it prints (its line's VAT, the net, the VAT row and the gross total); a second order held
/// because its gross total, not its net, is above the credit; Tax exempt refused without its reason.
extension TerminalE2ETests {
    /// The seller every command of these tests runs with: CLI and terminal alike.
    var greek: [String: String] { TestSeller.environment(TestSeller.greek) }

    /// A Greek reseller (its VAT ID valid, credit 140.00, no proration: the first whole month is invoiced on the
    /// order day) on a list of one 30.00 monthly item, ordered twice: 2 × 30.00 = 60.00 net, 74.40 with 24 %
    /// VAT, invoiced; then the same again, which fits the 65.60 left as a net but not as a gross total: held.
    func greekOrders() throws {
        let add = try cli.run(["account", "add", "--name", "Aegean", "--email", "a@aegean.example", "--country", "GR",
                               "--street", "Leoforos Kifisias 44", "--postcode", "151 25", "--city", "Athens",
                               "--vat", "EL094512306", "--type", "Reseller", "--ordering", "--credit-limit", "140.00",
                               "--reselling"], environment: greek)
        #expect(add.code == 0, "\(add.err)")
        let csv = cli.folder + "/list.csv"
        try "code,description,billing_period,price\nBK,Backup 100 GB,monthly,30.00\n"
            .write(toFile: csv, atomically: true, encoding: .utf8)
        #expect(try cli.run(["pricelist", "import", csv, "--name", "Core EUR", "--currency", "EUR"]).code == 0)
        #expect(try cli.run(["account", "assign-pricelist", "1", "Core EUR"]).code == 0)
        let first = try cli.run(["order", "place", "ACC-000001", "--line", "BK=2", "--json"], environment: greek)
        #expect(first.object["status"] as? String == "Executed", "\(first.out)\(first.err)")
        #expect(first.object["total"] as? String == "74.40")
        let second = try cli.run(["order", "place", "ACC-000001", "--line", "BK=2", "--json"], environment: greek)
        #expect(second.object["status"] as? String == "Submitted", "\(second.out)\(second.err)")
    }

    /// The screen's rows, for what is laid out in columns (amounts at the right edge).
    func rows(_ session: TmuxSession) throws -> [String] {
        try session.screen().split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func aGreekInvoiceShowsItsVATAndAHeldOrderItsGrossTotal() throws {
        try greekOrders()
        let session = TmuxSession()
        defer { session.kill() }
        try session.start("bash -c 'LANG=C.UTF-8 RESELLERDESK_DB=\(cli.db) SUDO_USER=dora \(CLI.binary)'",
                          seller: TestSeller.greek)
        try session.waitFor("ACC-000001")

        // The held order: its gross total against the credit, and what it is made of.
        try session.keys("F6")
        try session.waitFor("1 of 1 waiting")
        try session.waitFor("Total incl. VAT")
        try waitForWrapped(session, "net 60.00 + VAT 14.40 = 74.40 EUR · available 65.60 EUR")
        try session.keys("x")
        try waitForWrapped(session, "ORD-000002 totals 74.40 EUR incl. VAT but Aegean has only 65.60 EUR available. "
                           + "Execute it 8.80 EUR above the credit? y/n")
        try session.keys("n")
        try session.waitFor("Not done.")

        // Its account: the tax it gets today, then its invoice as it prints.
        try session.keys("Enter")
        try session.waitFor("e Edit  $ Payment")
        try session.waitFor("Tax             S 24 %")
        try session.keys("6")
        try session.waitFor(" Invoices 1 ")
        try session.waitFor("INV-000001 · net 60.00 + VAT 14.40 = 74.40 EUR · Open")
        #expect(try rows(session).contains { $0.hasPrefix("Number") && $0.contains("Total incl. VAT") })
        try session.keys("Enter")
        try session.waitFor("ResellerDesk · ACC-000001 · Invoice INV-000001")
        try session.waitFor("From     Hellenic Cloud Distribution S.A.")
        try session.waitFor("Bill to  Aegean (ACC-000001)")
        try session.waitFor("VAT ID EL094512306")
        try session.waitFor("Aegean · BK Backup 100 GB")
        try session.waitFor("2 × 30.00  S 24 %")
        try session.keys("End")                                            // the totals
        // Left to pay is the last line: "VAT S 24 % on 60.00" shows on the first page already, and waiting for it
        // read the screen before End had scrolled it (CI, under load).
        try session.waitFor("Left to pay")
        try session.waitFor("VAT S 24 % on 60.00")
        let shown = try rows(session)
        #expect(shown.contains { $0.hasSuffix("2 × 30.00  S 24 %         60.00") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("Net ") && $0.hasSuffix(" 60.00") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("VAT S 24 % on 60.00 ") && $0.hasSuffix(" 14.40") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("Total ") && $0.hasSuffix(" 74.40 EUR") }, "\(shown)")
        #expect(shown.contains { $0.hasPrefix("Left to pay ") && $0.hasSuffix(" 74.40 EUR") }, "\(shown)")
        try session.waitFor("IBAN GR16")
        try session.keys("Escape")
        try session.waitFor(" Invoices 1 ")

        // Tax exempt with no reason is refused beside the field; with one, the overview says E 0 %.
        try session.keys("1", "e")
        try session.waitFor("ResellerDesk · Edit ACC-000001")
        try session.keys("F4")
        try session.waitFor("Trading name")
        for _ in 0..<17 { try session.keys("Tab") }                        // name … currency, Separate invoices
        try session.waitFor("No tax is charged to this account.")
        try session.keys("Space", "Tab")
        try session.waitFor("Printed on invoices as why no VAT is charged")
        try session.keys("C-s")
        try waitForWrapped(session, "Tax exemption reason: tax exemption reason is required when Tax exempt is "
                           + "ticked: the reason invoices print, e.g. Article 27 §1")
        try session.keys("Article 27 §1", "C-s")
        try session.waitFor("Tax             E 0 % · Article 27 §1")
        let shownAccount = try cli.run(["account", "show", "ACC-000001", "--json"], environment: greek).object
        let treatment = shownAccount["taxTreatment"] as? [String: Any]
        #expect(treatment?["category"] as? String == "E" && treatment?["reason"] as? String == "Article 27 §1",
                "\(shownAccount)")
        // The invoice already issued keeps its 24 %.
        let invoice = try cli.run(["invoice", "show", "INV-000001", "--json"], environment: greek).object
        #expect(invoice["tax"] as? String == "14.40" && invoice["total"] as? String == "74.40", "\(invoice)")
    }
}
