import Foundation
import ResellerCore

/// `resellerdesk-bench collections`: the collections run over N accounts of which M have an invoice overdue
/// (issue #25). The billing benchmark's template and copies give every account its order's invoice (due
/// 2027-02-09); sqlite3 then records a payment of it for every account but the first M. The real
/// `ResellerService.collectionsRun` is timed on the reminder's day (due + 3, one email to the bill-to contact
/// and a copy to the manager per account), again the same day (nothing to send), and on the suspension day.
enum CollectionsBenchmark {
    static func run(accounts: Int, overdue: Int, dir: String, importEntries: Int) throws {
        let path = dir + "/collections.sqlite", desk = BenchDesk.sqlite(path: path)
        print("ResellerDesk collections benchmark: \(accounts) accounts, \(overdue) with an overdue invoice")
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, SQLite file in \(dir)")
        let setupStart = Date()
        try BillingBenchmark.template(path: path)
        try BillingBenchmark.clone(path: path, accounts: accounts)
        // Every account but the first `overdue` pays its invoice in full, as a payment staff would record.
        _ = try desk.query("""
            INSERT INTO ledger (account_id, kind, amount_minor, note, created_at, created_by)
            SELECT billed_account_id, 'credit', total_minor, 'bench payment', '2027-01-20 12:00:00.000', 'bench'
            FROM invoices WHERE billed_account_id > \(overdue);
            """)
        print(String(format: "setup: %.1f s", Date().timeIntervalSince(setupStart)))

        for (day, what) in [("2027-02-12", "reminders (due + 3)"), ("2027-02-12", "the same day again"),
                            ("2027-03-11", "suspensions (due + 30)")] {
            let now = BillingBenchmark.date(day)
            let service = ResellerService(store: try Store(path: path), settings: BillingBenchmark.settings,
                                          clock: { now })
            let start = Date(), cpuStart = BillingBenchmark.cpuSeconds()
            let report = try service.collectionsRun()
            let seconds = Date().timeIntervalSince(start), cpu = BillingBenchmark.cpuSeconds() - cpuStart
            print(String(format: "collections run on %@, %@: %.2f s (CPU %.2f s), %d accounts examined, "
                         + "%d acted on, %d emails (%.0f emails/s), %d suspended, %d failures", day, what, seconds,
                         cpu, report.accountsExamined, report.actions.count, report.emails,
                         Double(report.emails) / max(seconds, 0.000_001), report.suspensions, report.failures.count))
            if !report.failures.isEmpty { fail("the run failed for \(report.failures.count) accounts") }
        }
        let reminders = try desk.count("SELECT COUNT(*) FROM outbox WHERE kind = 'reminder'")
        let suspended = try desk.count("SELECT COUNT(*) FROM accounts WHERE status = 'suspended'")
        print("check: \(reminders == overdue * 2 && suspended == overdue ? "ok" : "WRONG") \(reminders) reminder "
              + "emails (expected \(overdue * 2)), \(suspended) accounts suspended (expected \(overdue))")
        print(String(format: "peak RSS: %.1f MiB", Double(BillingBenchmark.peakRSSKiB()) / 1024))
        if reminders != overdue * 2 || suspended != overdue {
            fail("the runs did not act on each overdue account once")
        }
        if importEntries > 0 {
            try StatementBenchmark.run(path: path, entries: min(importEntries, overdue), dir: dir)
        }
    }
}
