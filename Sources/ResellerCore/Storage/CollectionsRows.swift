import Foundation
import GRDB

extension StoreTx {
    /// The accounts that may have an invoice overdue on `today`: they owe something (their debits exceed
    /// their credits) and have an invoice due before it. One pass over the ledger, so a run over a large desk
    /// reads the invoices of the few that owe, not of everyone who ever had an invoice.
    func accountsOwingPastDue(today: CalendarDay) throws -> [Int64] {
        try values(Int64.self, sql: """
            SELECT l.account_id FROM ledger l
            GROUP BY l.account_id
            HAVING SUM(CASE WHEN l.kind = 'credit' THEN -l.amount_minor ELSE l.amount_minor END) > 0
               AND EXISTS (SELECT 1 FROM invoices i WHERE i.billed_account_id = l.account_id AND i.due_date < ?)
            ORDER BY l.account_id
            """, arguments: [today.description])
    }

    /// The account's invoices with something left to pay after their due date, oldest first, each with the
    /// highest collections step sent for it. What is paid follows from the ledger (`InvoiceSettlement`).
    func overdueInvoices(of accountId: Int64, currency: String, today: CalendarDay) throws -> [OverdueInvoice] {
        let due = try rows(sql: """
            SELECT id, number, due_date, total_minor FROM invoices WHERE billed_account_id = ? AND due_date < ?
            ORDER BY id
            """, arguments: [accountId, today.description])
        guard !due.isEmpty else { return [] }
        let ledger = try settlementLedger(of: accountId)
        let paid = InvoiceSettlement.paid(debits: ledger.debits, credits: ledger.credits)
        var sent: [Int64: Int] = [:]
        for r in try rows(sql: """
            SELECT invoice_id, MAX(step) FROM dunning_notices WHERE account_id = ? GROUP BY invoice_id
            """, arguments: [accountId]) {
            sent[r[0]] = r[1]
        }
        return try due.compactMap { r in
            let id: Int64 = r["id"], total: Int64 = r["total_minor"]
            // A stored total no form writes must be refused, not trap the process.
            let left = try MoneySum.subtract(total, paid[id] ?? 0, what: "what is left of \(r["number"] as String)")
            guard left > 0, let dueDate = Self.day(r["due_date"]) else { return nil }
            return OverdueInvoice(id: id, number: r["number"], dueDate: dueDate,
                                  left: Money(minor: left, currency: currency), stepSent: sent[id] ?? 0)
        }
    }

    /// Records that `step` went for each invoice; false when another run recorded it first.
    func recordNotices(_ invoiceIds: [Int64], step: Int, accountId: Int64, on today: CalendarDay,
                       by actor: Actor) throws -> Bool {
        var fresh = false
        for id in invoiceIds {
            let changed = try execute(sql: """
                INSERT INTO dunning_notices (invoice_id, step, account_id, sent_on, created_by) VALUES (?,?,?,?,?)
                ON CONFLICT DO NOTHING
                """, arguments: [id, step, accountId, today.description, actor.description])
            fresh = fresh || changed > 0
        }
        return fresh
    }

    /// The day each step last went to the account, step → day.
    func noticeDays(of accountId: Int64) throws -> [Int: CalendarDay] {
        var out: [Int: CalendarDay] = [:]
        for r in try rows(sql: """
            SELECT step, MAX(sent_on) FROM dunning_notices WHERE account_id = ? GROUP BY step
            """, arguments: [accountId]) {
            out[r[0]] = Self.day(r[1])
        }
        return out
    }

    func collectionsHold(of accountId: Int64) throws -> CollectionsHold {
        guard let r = try row(sql: """
            SELECT no_auto_suspend, paused_until, reason FROM collections_holds WHERE account_id = ?
            """, arguments: [accountId]) else { return CollectionsHold() }
        return CollectionsHold(noAutoSuspend: r[0], pausedUntil: Self.day(r[1]), reason: r[2])
    }

    func setCollectionsHold(_ accountId: Int64, _ hold: CollectionsHold, by actor: Actor, at now: Date) throws {
        try execute(sql: """
            INSERT INTO collections_holds (account_id, no_auto_suspend, paused_until, reason, updated_at, updated_by)
            VALUES (?,?,?,?,?,?)
            ON CONFLICT (account_id) DO UPDATE SET no_auto_suspend = excluded.no_auto_suspend,
              paused_until = excluded.paused_until, reason = excluded.reason, updated_at = excluded.updated_at,
              updated_by = excluded.updated_by
            """, arguments: [accountId, hold.noAutoSuspend, hold.pausedUntil?.description, hold.reason ?? "",
                             Self.stamp(now), actor.description])
    }
}
