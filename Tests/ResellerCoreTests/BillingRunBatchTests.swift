import Foundation
import GRDB
import Synchronization
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The billing run bills many accounts per transaction (issue 12's benchmark): each account in a savepoint
/// of its own, so batching changes how often the run commits, never what it guarantees.
@Suite struct BillingRunBatchTests {
    static let csv = """
        code,description,billing_period,price
        BK,Backup 100 GB,monthly,30.00
        """

    /// `count` resellers on billing day the 1st, each with one monthly subscription ordered 2027-01-10.
    func resellers(_ count: Int) throws -> (Fixture, [Account]) {
        let fx = try Fixture()
        _ = try fx.priceList("Backup EUR", csv: Self.csv)
        fx.clock.set(date("2027-01-10"))
        let accounts = try (0..<count).map { k in
            let a = try fx.reseller("Reseller \(k)", email: "accounts\(k)@batch.example", unlimited: true,
                                    billingDay: "first")
            _ = try fx.service.assignPriceLists(a.id, names: ["Backup EUR"], by: staff)
            _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                          lines: [OrderRequestLine(productCode: "BK", quantity: k + 1)], by: staff)
            return a
        }
        return (fx, accounts)
    }

    func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: Double(day(text).dayNumber) * 86_400 + 12 * 3600)
    }

    func day(_ text: String) -> CalendarDay { try! CalendarDay.parse(text, field: "day", label: "day") }

    func numbers(_ fx: Fixture) throws -> [String] {
        try fx.service.store.read { tx in try tx.values(String.self, sql: "SELECT number FROM invoices ORDER BY id") }
    }

    /// The run that keeps nothing (the daily service's) hands over each batch once it is committed: another
    /// connection already reads every invoice of it, and together the batches are the whole run.
    @Test func eachBatchArrivesCommittedAndTheBatchesAreTheWholeRun() throws {
        let (fx, _) = try resellers(4)
        let other = try Store(location: fx.service.store.path, journal: .none)
        var seen: [String] = []
        let failures = try fx.service.billingRun(through: day("2027-02-01"), by: staff) { batch in
            let numbers = batch.map(\.number)
            let committed = try? other.read { tx in
                try tx.values(String.self, sql: "SELECT number FROM invoices ORDER BY id")
            }
            #expect(Set(numbers).isSubset(of: Set(committed ?? [])), "\(numbers) not yet committed")
            seen += numbers
        }
        #expect(failures.isEmpty)
        let last = Array(try numbers(fx).suffix(4))
        #expect(seen.count == 4 && seen == last)
    }

    @Test func aFailingAccountInTheMiddleOfABatchIsReportedAndTheOthersAreBilled() throws {
        let (fx, accounts) = try resellers(5)
        let first = try fx.service.billingRun(through: day("2027-02-01"), by: staff)
        #expect(first.failures.isEmpty && first.invoices.count == 5)
        // The third account's subscription is rewound as a buggy run would leave it: its February line exists,
        // so the unique index refuses its next invoice half way (number taken, invoice row written).
        let broken = accounts[2].id
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE subscriptions SET next_billing_date = '2027-02-01' "
                                  + "WHERE billed_account_id = ?", arguments: [broken])
        }
        fx.clock.set(date("2027-03-01"))
        let run = try fx.service.billingRun(through: day("2027-03-01"), by: staff)
        #expect(run.failures.map(\.accountId) == [broken])
        #expect(run.failures.first?.message.isEmpty == false)
        #expect(Set(run.invoices.map(\.draft.billedAccountId)) == Set(accounts.map(\.id)).subtracting([broken]))
        // Nothing of the failed account stayed: no number spent, no debit, email or audit of a half invoice.
        // (5 orders' own invoices, 5 for February, 4 for March.)
        #expect(try numbers(fx) == (1...14).map { DocumentNumber.format("INV", Int64($0)) })
        #expect(try fx.count("SELECT value FROM counters WHERE name = 'invoice'") == 14)
        #expect(try fx.count("SELECT COUNT(*) FROM invoices WHERE billed_account_id = \(broken)") == 2)
        #expect(try fx.count("SELECT COUNT(*) FROM ledger WHERE invoice_id IS NOT NULL") == 14)
        #expect(try fx.count("SELECT COUNT(*) FROM outbox WHERE kind = 'invoice'") == 14)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'invoice' AND action = 'issue'") == 14)
        // Mended, the next run bills it, once.
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE subscriptions SET next_billing_date = '2027-03-01' "
                                  + "WHERE billed_account_id = ?", arguments: [broken])
        }
        let mended = try fx.service.billingRun(through: day("2027-03-01"), by: staff)
        #expect(mended.failures.isEmpty && mended.invoices.map(\.draft.billedAccountId) == [broken])
        #expect(try fx.service.billingRun(through: day("2027-03-01"), by: staff).invoices.isEmpty)
    }

    /// A batch issues all of its invoices before any email is queued: each email must still say what is paid
    /// of its invoice as the ledger stood after the account's earlier invoices only, as one account at a time did.
    /// The oracle is the invoice as the service reads it back, settled from the ledger by other code.
    @Test func eachEmailSaysWhatIsPaidOfItsInvoiceAsTheLedgerStoodThen() throws {
        // Nine accounts, two invoices each: 18, enough for the emails to be built on the second thread.
        let (fx, accounts) = try resellers(9)
        // In advance, after January's first invoices (30.00 and 60.00 a month, 22 of January's 31 days: 21.29 and
        // 42.58): February and 18.71 of March; 57.42 of February; the others nothing.
        _ = try fx.service.recordPayment(accountId: accounts[0].id, PaymentForm(amount: "70.00"), by: staff)
        _ = try fx.service.recordPayment(accountId: accounts[1].id, PaymentForm(amount: "100.00"), by: staff)
        fx.clock.set(date("2027-03-01"))
        let run = try fx.service.billingRun(through: day("2027-03-01"), by: staff)
        // February and March for each account, in one transaction.
        #expect(run.failures.isEmpty && run.invoices.count == 18)
        let mails = try fx.service.store.read { tx in
            try tx.values(String.self, sql: "SELECT params FROM outbox WHERE kind = 'invoice' ORDER BY id")
        }.suffix(18)
        var statuses: [String] = []
        for (invoice, params) in zip(run.invoices, mails) {
            let p = try #require(JSONSerialization.jsonObject(with: Data(params.utf8)) as? [String: String])
            #expect(p["invoiceNumber"] == invoice.number)
            let document = try #require(JSONSerialization.jsonObject(with: Data(p["document", default: ""].utf8))
                                            as? [String: Any])
            let settled = try fx.service.invoice(number: invoice.number)
            #expect(document["paid"] as? String == settled.paid?.display, "\(invoice.number)")
            #expect(document["status"] as? String == settled.status?.rawValue, "\(invoice.number)")
            statuses.append("\(settled.status!.rawValue) \(settled.paid!.decimalString)")
        }
        // The cases the emails had to get right: paid whole, paid in part after an earlier invoice of the batch,
        // paid in part, unpaid.
        #expect(statuses == ["Paid 30.00", "Open 18.71", "Open 57.42"] + Array(repeating: "Open 0.00", count: 15))
    }

    @Test func oneBatchCommitsManyAccountsAndEachInvoiceIsWhole() throws {
        let (fx, accounts) = try resellers(12)
        let commits = fx.service.store.committedChanges
        fx.clock.set(date("2027-02-01"))
        let run = try fx.service.billingRun(through: day("2027-02-01"), by: staff)
        #expect(run.failures.isEmpty && run.invoices.count == accounts.count)
        // Fewer commits (fsyncs) than accounts: the accounts share transactions.
        #expect(fx.service.store.committedChanges - commits < accounts.count)
        for (k, invoice) in run.invoices.enumerated() {
            // After each order's own first invoice.
            #expect(invoice.number == DocumentNumber.format("INV", Int64(accounts.count + k + 1)))
            #expect(invoice.draft.total.minor == Int64(3000 * (k + 1)))
            #expect(invoice.draft.lines.count == 1)
        }
        #expect(try fx.count("""
            SELECT COUNT(*) FROM invoices i WHERE i.total_minor <> (SELECT SUM(amount_minor) FROM invoice_lines l
              WHERE l.invoice_id = i.id) OR (SELECT COUNT(*) FROM ledger l WHERE l.invoice_id = i.id
              AND l.amount_minor = i.total_minor) <> 1
            """) == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM outbox WHERE kind = 'invoice'") == 2 * accounts.count)
    }

    @Test func twoRunsAtOnceOverManyAccountsIssueEachInvoiceOnce() throws {
        let (fx, accounts) = try resellers(16)
        fx.clock.set(date("2027-04-01"))
        let services = [fx.service, try fx.secondService()]
        let issued = Mutex<[String]>([]), failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            do {
                let run = try services[i].billingRun(through: day("2027-04-01"), by: staff)
                issued.withLock { $0 += run.invoices.map(\.number) }
                failures.withLock { $0 += run.failures.count }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        // February, March and April for each account: one invoice per billing date, once, numbered in order.
        let all = issued.withLock { $0 }
        #expect(failures.withLock { $0 } == 0)
        #expect(all.count == accounts.count * 3 && Set(all).count == all.count)
        #expect(try numbers(fx) == (1...(accounts.count * 4)).map { DocumentNumber.format("INV", Int64($0)) })
        #expect(try fx.count("""
            SELECT COUNT(*) FROM (SELECT subscription_id, period_start FROM invoice_lines
              GROUP BY subscription_id, period_start HAVING COUNT(*) > 1) AS twice
            """) == 0)
    }

    @Test(.sqliteOnly) func theRerunFindsTheDueAccountsThroughAnIndex() throws {
        let (fx, _) = try resellers(2)
        let plan = try fx.service.store.read { tx in
            try tx.rows(sql: "EXPLAIN QUERY PLAN " + """
                SELECT billed_account_id FROM subscriptions
                 WHERE next_billing_date <= ? AND (end_date IS NULL OR next_billing_date <= end_date)
                """, arguments: ["2027-02-01"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("USING COVERING INDEX subscriptions_next_billing") }, "\(plan)")
    }
}
