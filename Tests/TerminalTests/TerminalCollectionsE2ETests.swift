import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// Collections in the built binary (#25): from Accounts (F9) the overdue reseller, paused with a reason, its
/// next step sent now (the reminder, read back from the outbox); then a bank credit no reference matched,
/// assigned from the Unmatched payments screen and read back as the reseller's payment. The binary runs on
/// the real clock: the invoice was made overdue by ordering on a day in the past (faketime).
extension TerminalE2ETests {
    @Test func pauseSendTheNextStepAndAssignAnUnmatchedPayment() throws {
        try cli.overdueReseller(daysOverdue: 5)                       // INV-000001, 150.00, 5 days overdue
        let until = CalendarDay(Date()).adding(days: 10)
        let session = TmuxSession()
        defer { session.kill() }
        try startDesk(session)
        try session.waitFor("ACC-000001")
        try session.keys("F9")
        try session.waitFor("ResellerDesk · Collections")
        try session.waitFor("1 of 1 overdue")
        try session.waitFor("ACC-000001 Aegean")
        try session.waitFor("150.00 EUR")
        try waitForWrapped(session, "INV-000001 due")

        // The hold: reminders paused for ten days, with the reason.
        try session.keys("p")
        try session.waitFor("Collections hold of ACC-000001 Aegean")
        try session.waitFor("Now: reminders not paused, suspended automatically.")
        try session.keys("Tab", until.description, "Tab", "Promised to pay", "C-s")
        try waitForWrapped(session, "ACC-000001: reminders paused until \(until), suspended automatically.")
        try session.waitFor("Reminder on \(until.adding(days: 1)) · Paused to \(until)")   // after the pause
        try session.keys("j")                                         // the notice gives way to the account
        try waitForWrapped(session, "Aegean · Held: Promised to pay · INV-000001 due")

        // The next step now, over the pause: asked first, then said which step went to how many addresses.
        try session.keys("n")
        try waitForWrapped(session, "Send the reminder (step 1 of 3) to ACC-000001 Aegean now: 1 invoice, "
                           + "150.00 EUR overdue? It is paused until \(until): this sends anyway. y/n")
        try session.keys("y")
        try waitForWrapped(session, "Reminder (step 1 of 3) queued to")
        try waitForWrapped(session, "for ACC-000001 Aegean: 150.00 EUR overdue.")
        let mails = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        let reminders = mails.filter { $0["kind"] as? String == "reminder" }
        #expect(reminders.contains { $0["to"] as? String == "a@aegean.example" }, "\(mails)")
        #expect(reminders.allSatisfy { ($0["subject"] as? String)?.hasPrefix("Reminder: 150.00 EUR overdue") == true })

        // Enter opens the account; back, the list is read again.
        try session.keys("Enter")
        try session.waitFor("e Edit  $ Payment")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Collections")
        try session.waitFor("Step sent")

        // A credit naming nothing of this desk waits; assigned to Aegean, it is booked as its payment.
        let entry = try cli.unmatchedCredit("150.00", from: "Aegean Cloud Partners", remittance: "setup fee")
        try session.keys("u")
        try session.waitFor("ResellerDesk · Unmatched payments")
        try session.waitFor("1 of 1 waiting")
        try session.waitFor("setup fee")
        try session.keys("a")
        try session.waitFor("Assign bank entry \(entry) to an account")
        try session.keys("aeg")
        try session.waitFor("1 found")
        try session.keys("Enter")
        try waitForWrapped(session, "Book 150.00 EUR as a payment of ACC-000001 Aegean? y/n")
        try session.keys("y")
        try waitForWrapped(session, "Entry \(entry): 150.00 EUR booked as a payment of ACC-000001 Aegean.")
        try session.waitFor("none waiting")
        let payments = try #require(try cli.run(["payment", "list", "ACC-000001", "--json"]).json as? [[String: Any]])
        #expect(payments.count == 1, "\(payments)")
        #expect(payments.first?["amount"] as? String == "150.00")
        #expect((payments.first?["note"] as? String)?.contains("Aegean Cloud Partners") == true)

        // Back on Collections, read again: the payment settled the invoice.
        try session.keys("Escape")
        try session.waitFor("No overdue invoices.")
        try session.keys("Escape")
        try session.waitFor("ResellerDesk · Accounts")
    }
}
