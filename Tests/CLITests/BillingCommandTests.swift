import Foundation
import Testing
import DeskTestSupport

/// `billing run|preview`, `subscription list`, `invoice list|show` (issue #12). The binary runs on the real
/// clock, so the order is placed today and every run names its day with `--through`, taken from the
/// subscription's next billing date: the test holds on any day it runs.
@Suite struct BillingCommandTests {
    let cli = CLI()

    @Test func aRunIssuesTheRenewalOnceAndShowsItsLines() throws {
        let next = try cli.reseller()
        let preview = try cli.run(["billing", "preview", "ACC-000001", "--through", next, "--json"])
        #expect(preview.code == 0, "\(preview.err)")
        let drafts = try #require(preview.object["invoices"] as? [[String: Any]])
        #expect(drafts.count == 1 && drafts.first?["number"] is NSNull && drafts.first?["total"] as? String == "60.00")
        // The preview issued nothing: only the order's own first invoice is there.
        let before = try #require(try cli.run(["invoice", "list", "--json"]).json as? [[String: Any]])
        #expect(before.map { $0["number"] as? String } == ["INV-000001"])

        let run = try cli.run(["billing", "run", "--through", next, "--json"])
        #expect(run.code == 0, "\(run.err)")
        let issued = try #require(run.object["invoices"] as? [[String: Any]])
        #expect(issued.map { $0["number"] as? String } == ["INV-000002"])
        #expect(issued.first?["date"] as? String == next)
        #expect((run.object["failures"] as? [Any])?.isEmpty == true)

        // Again through the same day: nothing, in text and JSON.
        let again = try cli.run(["billing", "run", "--through", next])
        #expect(again.code == 0 && again.out.contains("Nothing due through \(next)."))
        #expect((try cli.run(["billing", "run", "--through", next, "--json"]).object["invoices"] as? [Any])?
                    .isEmpty == true)
        let subs = try #require(try cli.run(["subscription", "list", "--json"]).json as? [[String: Any]])
        #expect(subs.first?["nextBillingDate"] as? String != next)

        let list = try #require(try cli.run(["invoice", "list", "--account", "ACC-000001", "--json"]).json
                                    as? [[String: Any]])
        #expect(list.map { $0["number"] as? String } == ["INV-000001", "INV-000002"])
        #expect(list.last?["lineCount"] as? Int == 1)
        let shown = try cli.run(["invoice", "show", "inv-000002", "--json"])
        #expect(shown.code == 0, "\(shown.err)")
        let line = try #require((shown.object["lines"] as? [[String: Any]])?.first)
        #expect(line["for"] as? String == "Aegean" && line["code"] as? String == "BK")
        #expect(line["from"] as? String == next && line["quantity"] as? Int == 2)
        #expect(line["unitPrice"] as? String == "30.00" && line["amount"] as? String == "60.00")
        #expect(line["daysCharged"] is NSNull && line["daysInPeriod"] is NSNull)   // a whole month
        // As the document prints everywhere (issue #23): its heading, the buyer, the gross total.
        let text = try cli.run(["invoice", "show", "INV-000002"])
        #expect(text.out.hasPrefix("INVOICE INV-000002 ") && text.out.contains("\nDate \(next)    Due "), "\(text.out)")
        #expect(text.out.contains("\nBill to  Aegean (ACC-000001)\n"), "\(text.out)")
        let printed = text.out.split(separator: "\n").map(String.init)
        #expect(printed.contains { $0.hasPrefix("Total ") && $0.hasSuffix(" 60.00 EUR") }, "\(text.out)")
    }

    /// A run prints the first 100 rows of its table and counts the rest: the daily service's run over a whole
    /// desk holds no more than that (the service hands the invoices over batch by batch). The JSON lists them all.
    @Test func aLongRunPrintsAHundredRowsAndCountsTheRest() throws {
        let next = try cli.reseller()
        let through = String(Int(next.prefix(4))! + 9) + next.dropFirst(4)
        let run = try cli.run(["billing", "run", "--through", through])
        #expect(run.code == 0, "\(run.err)")
        #expect(run.out.split(separator: "\n").filter { $0.hasPrefix("INV-") }.count == 100, "\(run.out)")
        let issued = try #require(try cli.run(["invoice", "list", "--json"]).json as? [[String: Any]]).count - 1
        #expect(issued > 100)
        #expect(run.out.hasSuffix("\nand \(issued - 100) more (`resellerdesk invoice list` lists every invoice).\n"
                                  + "\(issued) invoice(s) issued through \(through).\n"), "\(run.out)")
    }

    @Test func badInputIsNamedAndRefused() throws {
        _ = try cli.reseller()
        let bad = try cli.run(["billing", "run", "--through", "2027-02-30"])
        #expect(bad.code == 1)
        #expect(bad.err.contains("through: --through must be a date as YYYY-MM-DD, not \"2027-02-30\""))
        let badJSON = try cli.run(["billing", "preview", "1", "--through", "tomorrow", "--json"])
        #expect(badJSON.code == 1)
        #expect((badJSON.object["errors"] as? [[String: Any]])?.first?["field"] as? String == "through")
        #expect(try cli.run(["invoice", "show", "INV-000099"]).err.contains("invoice: no invoice INV-000099"))
        #expect(try cli.run(["invoice", "list", "--account", "ACC-000009"]).code == 1)
        #expect(try cli.run(["billing", "preview"]).code == 2)
    }
}

/// `subscription set-quantity` and `subscription cancel [--now]` on the real clock: the test reads the
/// period's end from the subscription's next billing date, so it holds on any day.
@Suite struct SubscriptionCommandTests {
    let cli = CLI()

    func subscription() throws -> [String: Any] {
        let subs = try #require(try cli.run(["subscription", "list", "--json"]).json as? [[String: Any]])
        return try #require(subs.first)
    }

    @Test func raiseLowerAndCancelAtPeriodEnd() throws {
        let next = try cli.reseller()
        let raised = try cli.run(["subscription", "set-quantity", "1", "3", "--json"])
        #expect(raised.code == 0, "\(raised.err)")
        // "On order day": the added unit is invoiced at once, for today through the period's last day.
        #expect(raised.object["invoice"] as? String == "INV-000002")   // after the order's own
        let line = try #require((try cli.run(["invoice", "show", "INV-000002", "--json"]).object["lines"]
                                    as? [[String: Any]])?.first)
        #expect(line["quantity"] as? Int == 1 && line["description"] as? String == "Backup 100 GB (added units)")
        let shown = try subscription()
        #expect(shown["quantity"] as? Int == 3)

        let lowered = try cli.run(["subscription", "set-quantity", "1", "1"])
        #expect(lowered.code == 0, "\(lowered.err)")
        #expect(lowered.out.contains("Subscription 1: 1 from \(next)"))
        let after = try subscription()
        #expect(after["quantity"] as? Int == 3 && after["pendingQuantity"] as? Int == 1)
        #expect(after["pendingFrom"] as? String == next)

        let cancel = try cli.run(["subscription", "cancel", "1", "--json"])
        #expect(cancel.code == 0, "\(cancel.err)")
        let sub = try #require(cancel.object["subscription"] as? [String: Any])
        #expect(sub["status"] as? String == "Ending at period end" && cancel.object["creditNote"] is NSNull)
        #expect(try cli.run(["billing", "run", "--through", next]).out.contains("Nothing due"))
        let again = try cli.run(["subscription", "cancel", "1"])
        #expect(again.code == 1 && again.err.contains("subscription: subscription 1 is Ending at period end already"))
    }

    @Test func cancelNowIssuesACreditNote() throws {
        let next = try cli.reseller()
        // The next whole period is invoiced first, so today's cancel always leaves whole days to credit.
        #expect(try cli.run(["billing", "run", "--through", next]).code == 0)
        let cancel = try cli.run(["subscription", "cancel", "1", "--now", "--json"])
        #expect(cancel.code == 0, "\(cancel.err)")
        let note = try #require(cancel.object["creditNote"] as? [String: Any])
        #expect(note["number"] as? String == "CRN-000001")
        let lines = try #require(note["lines"] as? [[String: Any]])
        #expect(lines.contains { $0["from"] as? String == next && $0["amount"] as? String == "60.00" })
        #expect((try subscription())["status"] as? String == "Canceled")
        let mail = try #require(try cli.run(["mail", "list", "--json"]).json as? [[String: Any]])
        #expect(mail.contains { $0["kind"] as? String == "creditNote" && $0["to"] as? String == "a@aegean.example" })
        let text = try cli.run(["subscription", "cancel", "1", "--now"])
        #expect(text.code == 1 && text.err.contains("subscription: subscription 1 is Canceled already"))

        // The credit note, listed and shown, in JSON and text.
        let list = try #require(try cli.run(["credit-note", "list", "--account", "ACC-000001", "--json"]).json
                                    as? [[String: Any]])
        #expect(list.map { $0["number"] as? String } == ["CRN-000001"])
        #expect(list.first?["lineCount"] as? Int == lines.count)
        #expect(list.first?["total"] as? String == note["total"] as? String)
        let shown = try cli.run(["credit-note", "show", "crn-000001", "--json"])
        #expect(shown.code == 0)
        #expect((shown.object["lines"] as? [[String: Any]])?.contains { $0["from"] as? String == next } == true)
        let printed = try cli.run(["credit-note", "show", "CRN-000001"])
        #expect(printed.out.hasPrefix("CREDIT NOTE CRN-000001\n"), "\(printed.out)")
        #expect(printed.out.contains("\nBill to  Aegean (ACC-000001)\n"), "\(printed.out)")
        #expect(try cli.run(["credit-note", "list"]).out.contains("CRN-000001"))
        let missing = try cli.run(["credit-note", "show", "CRN-000009"])
        #expect(missing.code == 1 && missing.err.contains("creditNote: no credit note CRN-000009"))
    }

    /// A raise is a purchase (issue #21): above the available credit it is refused, naming both amounts,
    /// until staff confirm it with `--above-credit`.
    @Test func aRaiseAboveTheCreditNeedsAboveCredit() throws {
        _ = try cli.reseller()
        let limit = try cli.setCreditLimit("100")
        #expect(limit.code == 0, "\(limit.err)")
        let refused = try cli.run(["subscription", "set-quantity", "1", "1000"])
        #expect(refused.code == 1 && refused.err.contains("quantity: raising subscription 1 to 1000 costs"))
        #expect(refused.err.contains("available; record a payment first, or confirm raising it above the credit"))
        #expect(try subscription()["quantity"] as? Int == 2)
        let confirmed = try cli.run(["subscription", "set-quantity", "1", "1000", "--above-credit"])
        #expect(confirmed.code == 0, "\(confirmed.err)")
        #expect(try subscription()["quantity"] as? Int == 1000)
    }

    @Test func badArgumentsAreNamed() throws {
        _ = try cli.reseller()
        let word = try cli.run(["subscription", "set-quantity", "1", "two"])
        #expect(word.code == 1 && word.err.contains("quantity: quantity must be a whole number from 1 to 100000"))
        let zero = try cli.run(["subscription", "set-quantity", "1", "0"])
        #expect(zero.code == 1 && zero.err.contains("quantity: "))
        let id = try cli.run(["subscription", "cancel", "first"])
        #expect(id.code == 1 && id.err.contains("subscription: \"first\" is not a subscription id"))
        #expect(try cli.run(["subscription", "cancel", "42"]).err.contains("subscription: no subscription 42"))
        #expect(try cli.run(["subscription", "set-quantity", "1"]).code == 2)
    }
}

/// `invoice list --status open|paid|overdue` after a payment (issue #12).
@Suite struct InvoiceStatusCommandTests {
    let cli = CLI()

    @Test func aPaymentMarksTheInvoicePaid() throws {
        let next = try cli.reseller()
        #expect(try cli.run(["billing", "run", "--through", next]).code == 0)
        func numbers(_ status: String) throws -> [String] {
            let rows = try #require(try cli.run(["invoice", "list", "--status", status, "--json"]).json
                                        as? [[String: Any]])
            return rows.compactMap { $0["number"] as? String }
        }
        // The order's own invoice (today) and the renewal (its date is after today): neither due yet.
        #expect(try numbers("open") == ["INV-000001", "INV-000002"])
        #expect(try numbers("paid").isEmpty)
        // Enough for the order's own charge (at most 60.00) and the renewal.
        #expect(try cli.run(["payment", "add", "1", "120.00"]).code == 0)
        #expect(try numbers("PAID") == ["INV-000001", "INV-000002"])
        #expect(try numbers("overdue").isEmpty)
        let shown = try cli.run(["invoice", "show", "INV-000002", "--json"]).object
        #expect(shown["status"] as? String == "Paid" && shown["paid"] as? String == "60.00")
        // The account says what is overdue (nothing) and estimates the next invoice: the month after.
        let account = try cli.run(["account", "show", "1", "--json"]).object
        #expect(account["overdue"] as? String == "0.00")
        let nextInvoice = try #require(account["nextInvoice"] as? [String: Any])
        #expect(nextInvoice["total"] as? String == "60.00" && (nextInvoice["date"] as? String ?? "") > next)
        #expect(try cli.run(["account", "show", "1"]).out.contains("Billing: overdue 0.00 EUR · next invoice"))
        let bad = try cli.run(["invoice", "list", "--status", "late"])
        #expect(bad.code == 1 && bad.err.contains("status: status must be open, paid or overdue, not \"late\""))
    }
}
