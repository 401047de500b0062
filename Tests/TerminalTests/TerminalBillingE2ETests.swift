import Foundation
import Testing
import DeskTestSupport

/// Billing in the built binary (#12): a subscription's quantity changed from the account's Subscriptions,
/// the invoice it issued seen as it prints, and the billing run from the Billing screen with its report;
/// what was done is then read back through the CLI. The binary runs on the real clock: every day the test
/// types comes from the subscription's next billing date.
extension TerminalE2ETests {
    /// Waits for `text` with the screen's line breaks and runs of spaces read as one space: a notice wraps
    /// at 80 columns wherever its words fall.
    func waitForWrapped(_ session: TmuxSession, _ text: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = Date().addingTimeInterval(10)
        var last = ""
        while Date() < deadline {
            last = try session.screen().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if last.contains(text) { return }
            usleep(20_000)
        }
        Issue.record("the screen never showed \"\(text)\"; it shows:\n\(try session.screen())",
                     sourceLocation: sourceLocation)
    }

    /// From the open account: Subscriptions (5), its one BK subscription, then its quantity dialog (q).
    func openQuantityDialog(_ session: TmuxSession) throws {
        try session.keys("5")
        try session.waitFor(" Subs 1 ")
        try session.waitFor("BK ")
        try session.waitFor("q Quantity  X Cancel")
        try session.keys("q")
        try session.waitFor("Quantity of BK for Aegean")
    }

    @Test func changeAQuantitySeeTheInvoiceAndRunTheBilling() throws {
        let next = try cli.reseller()

        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000001")
        try session.keys("Enter")
        try session.waitFor("e Edit  $ Payment")
        // Subscriptions (5): 2 → 3, charged at once on the order day's rule.
        try openQuantityDialog(session)
        try session.keys("C-u", "0", "C-s")                                // refused by name, before the service
        try session.waitFor("quantity must be a whole number from 1 to 100000, not \"0\"")
        try session.keys("BSpace", "3", "C-s")
        try waitForWrapped(session, "BK for Aegean: 2 → 3 from")
        try waitForWrapped(session, "invoiced on INV-000002")   // after the order's own INV-000001
        // Invoices (6): the invoice as it prints.
        try session.keys("6")
        try session.waitFor(" Invoices 2 ")
        try session.waitFor("INV-000002")
        try session.keys("Enter")                                          // newest first
        try session.waitFor("ResellerDesk · ACC-000001 · Invoice INV-000002")
        try session.waitFor("INVOICE INV-000002")
        try session.waitFor("Bill to  Aegean (ACC-000001)")
        try session.waitFor("BK Backup 100 GB (added units)")
        try session.keys("End")                                            // the note under the payment reference
        try session.waitFor("Not subject to VAT")
        try session.keys("Escape")
        try session.waitFor(" Invoices 2 ")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        // The Billing screen: nothing due today; through the next billing date one invoice of 3 × 30.00.
        try session.keys("F8")
        try session.waitFor("ResellerDesk · Billing")
        try session.waitFor("Forecast of a run through")
        try session.keys("t")
        try session.waitFor("Billing run through")
        try session.keys("C-u", "2027-02-30", "C-s")
        try session.waitFor("through must be a date as YYYY-MM-DD, not \"2027-02-30\"")
        try session.keys("C-u", next, "C-s")
        try session.waitFor("Forecast of a run through \(next)")
        try session.waitFor("Invoices          1")
        try session.waitFor("Total incl. VAT   net 90.00 + VAT 0.00 = 90.00 EUR")
        try session.keys("r")
        try waitForWrapped(session, "Run the billing through \(next)? It issues 1 invoice to 1 account (90.00 EUR "
                           + "incl. VAT)")
        try session.keys("y")
        try session.waitFor("Billing run through \(next): done")
        try session.waitFor("Invoices issued   1 (INV-000003)")
        try session.waitFor("INV-000003  ACC-000001  \(next)")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")

        let after = try #require(try cli.run(["subscription", "list", "--json"]).json as? [[String: Any]])
        #expect(after.first?["quantity"] as? Int == 3)
        #expect(after.first?["nextBillingDate"] as? String != next)
        let invoices = try #require(try cli.run(["invoice", "list", "--json"]).json as? [[String: Any]])
        #expect(invoices.map { $0["number"] as? String } == ["INV-000001", "INV-000002", "INV-000003"])

        // A raise is a purchase (#21): above the available credit the dialog asks, naming both amounts.
        #expect(try cli.setCreditLimit("200").code == 0)
        try session.keys("Enter")                                          // opens on the section left last
        try session.waitFor(" Invoices 3 ")
        try openQuantityDialog(session)
        try session.keys("C-u", "1000", "C-s")
        try waitForWrapped(session, "available. Raise above the credit? y/n")
        try session.keys("n")
        try session.waitFor("Not changed.")
        let kept = try cli.run(["subscription", "list", "--json"]).json as? [[String: Any]]
        #expect(kept?.first?["quantity"] as? Int == 3)
        try session.keys("C-s")
        try waitForWrapped(session, "Raise above the credit? y/n")
        try session.keys("y")
        try waitForWrapped(session, "BK for Aegean: 3 → 1000 from")
        #expect(invoices.last?["total"] as? String == "90.00")
    }
}
