import Foundation
import GRDB

extension StoreTx {
    /// Appends one ledger entry. Nothing is ever updated or deleted in the ledger: a mistake is corrected by
    /// a new entry (a reversal names the payment it cancels in `reverses`).
    @discardableResult
    func insertLedger(accountId: Int64, kind: String, amount: Int64, orderId: Int64?, note: String?,
                      reverses: Int64? = nil, invoiceId: Int64? = nil, creditNoteId: Int64? = nil,
                      by actor: Actor, at now: Date) throws -> Int64 {
        _ = try Self.balance(try balance(of: accountId), adding: kind == "debit" ? amount : -amount, of: accountId)
        return try insert(sql: Self.ledgerInsert + " VALUES " + SQLMarks.tuple(10),
                          arguments: [accountId, kind, amount, orderId, note, reverses, invoiceId, creditNoteId,
                                      Self.stamp(now), actor.description])
    }

    /// The debits of newly issued invoices, in a few statements (a billing run's batch). `balances` are the
    /// accounts' balances before them: the ledger must still sum inside Int64 afterwards, as `insertLedger` checks.
    func insertInvoiceDebits(_ debits: [(accountId: Int64, amount: Int64, number: String, invoiceId: Int64)],
                             balances: [Int64: Int64], by actor: Actor, at now: Date) throws {
        var after = balances
        for d in debits {
            after[d.accountId] = try Self.balance(after[d.accountId] ?? 0, adding: d.amount, of: d.accountId)
        }
        let stamp = Self.stamp(now)
        try insertRows(Self.ledgerInsert, width: 10, debits.map { d in
            [d.accountId, "debit", d.amount, nil, d.number, nil, d.invoiceId, nil, stamp, actor.description]
        })
    }

    /// `balance` after `change`, refused when it would leave Int64: the ledger must still sum inside it, or
    /// SQLite's SUM fails every later read of the balance. Each entry is at most the money ceiling, so only a
    /// ledger no form can write gets here.
    private static func balance(_ balance: Int64, adding change: Int64, of accountId: Int64) throws -> Int64 {
        let (sum, overflow) = balance.addingReportingOverflow(change)
        guard !overflow else {
            throw ServiceError.refused(field: "account", message: "the ledger balance of account "
                                       + "\(AccountCode.format(accountId)) would be out of range")
        }
        return sum
    }

    private static let ledgerInsert = """
        INSERT INTO ledger (account_id, kind, amount_minor, order_id, note, reverses_id, invoice_id, credit_note_id,
                            created_at, created_by)
        """

    func ledgerEntryCount(of accountId: Int64) throws -> Int {
        try value(Int.self, sql: "SELECT count(*) FROM ledger WHERE account_id = ?", arguments: [accountId]) ?? 0
    }

    /// Every entry of the account, oldest first, each with the balance after it.
    func ledger(of accountId: Int64, currency: String) throws -> [LedgerEntry] {
        var balance: Int64 = 0
        return try rows(sql: """
            SELECT l.*, r.id AS reversed_by FROM ledger l LEFT JOIN ledger r ON r.reverses_id = l.id
            WHERE l.account_id = ? ORDER BY l.id
            """, arguments: [accountId]).map { row in
            var entry = Self.ledgerEntry(row, currency: currency)
            // insertLedger keeps the sum inside Int64, but a row written around it must not trap the reader.
            let what = "the ledger balance of \(AccountCode.format(accountId))"
            balance = entry.kind.isDebit ? try MoneySum.add(balance, entry.amount.minor, what: what)
                : try MoneySum.subtract(balance, entry.amount.minor, what: what)
            entry.balanceAfter = Money(minor: balance, currency: currency)
            return entry
        }
    }

    func ledgerEntry(_ id: Int64) throws -> (accountId: Int64, entry: LedgerEntry)? {
        guard let row = try row(sql: """
            SELECT l.*, a.currency, r.id AS reversed_by FROM ledger l JOIN accounts a ON a.id = l.account_id
            LEFT JOIN ledger r ON r.reverses_id = l.id WHERE l.id = ?
            """, arguments: [id]) else { return nil }
        return (row["account_id"], Self.ledgerEntry(row, currency: row["currency"]))
    }

    /// An order's debit from before billing invoiced first charges: a plain debit, tied to no invoice.
    func plainOrderDebit(_ orderId: Int64) throws -> (id: Int64, amount: Int64)? {
        try row(sql: """
            SELECT id, amount_minor FROM ledger WHERE order_id = ? AND kind = 'debit' AND invoice_id IS NULL
            """, arguments: [orderId]).map { ($0["id"], $0["amount_minor"]) }
    }

    /// Ties a debit to the invoice that now stands for it (the migration of orders from before); its
    /// amount is never changed.
    func linkDebit(_ id: Int64, toInvoice invoiceId: Int64, number: String) throws {
        try execute(sql: "UPDATE ledger SET invoice_id = ?, note = ? WHERE id = ?",
                       arguments: [invoiceId, number, id])
    }

    private static func ledgerEntry(_ r: SQLRow, currency: String) -> LedgerEntry {
        let debit = (r["kind"] as String) == "debit"
        let kind: LedgerEntry.Kind = (r["invoice_id"] as Int64?) != nil ? .invoice
            : (r["credit_note_id"] as Int64?) != nil ? .creditNote
            : (r["order_id"] as Int64?) != nil ? .order
            : (r["reverses_id"] as Int64?) != nil ? .reversal : debit ? .charge : .payment
        return LedgerEntry(id: r["id"], kind: kind, amount: Money(minor: r["amount_minor"], currency: currency),
                           orderId: r["order_id"], reverses: r["reverses_id"], reversedBy: r["reversed_by"],
                           note: r["note"], createdAt: r["created_at"], createdBy: r["created_by"],
                           balanceAfter: Money(minor: 0, currency: currency))
    }
}
