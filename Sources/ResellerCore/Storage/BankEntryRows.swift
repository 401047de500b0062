import Foundation
import GRDB

extension StoreTx {
    /// The entry already imported under this key, if any.
    func bankEntryId(key: String) throws -> Int64? {
        try value(Int64.self, sql: "SELECT id FROM bank_entries WHERE key = ?", arguments: [key])
    }

    /// Stores an imported entry; its key is unique, so a second import of the same one fails here rather than
    /// booking it twice.
    func insertBankEntry(_ item: StatementItem, state: BankEntryState, why: String?, accountId: Int64?,
                         ledgerId: Int64?, by actor: Actor, at now: Date) throws -> Int64 {
        return try insert(sql: """
            INSERT INTO bank_entries (key, file, statement_id, booking_date, amount_minor, currency, direction,
              debtor_name, remittance, state, why, account_id, ledger_id, imported_at, imported_by)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [item.key, item.file, item.statementId, item.bookingDate?.description,
                                     item.amount.minor, item.amount.currency, item.direction.rawValue, item.debtorName,
                                     item.remittance, state.rawValue, why, accountId, ledgerId, Self.stamp(now),
                                     actor.description])
    }

    func bankEntry(_ id: Int64) throws -> BankEntryRecord? {
        try row(sql: "SELECT * FROM bank_entries WHERE id = ?", arguments: [id]).map(Self.bankEntry)
    }

    /// The entries waiting for staff, oldest first.
    func unmatchedBankEntries() throws -> [BankEntryRecord] {
        try rows(sql: "SELECT * FROM bank_entries WHERE state = 'unmatched' ORDER BY id")
            .map(Self.bankEntry)
    }

    /// Staff's decision on a waiting entry: assigned (and booked as `ledgerId`) or dismissed with why.
    func decideBankEntry(_ id: Int64, state: BankEntryState, why: String?, accountId: Int64?, ledgerId: Int64?,
                         by actor: Actor, at now: Date) throws {
        try execute(sql: """
            UPDATE bank_entries SET state = ?, why = COALESCE(?, why), account_id = ?, ledger_id = ?, decided_at = ?,
              decided_by = ? WHERE id = ? AND state = 'unmatched'
            """, arguments: [state.rawValue, why, accountId, ledgerId, Self.stamp(now), actor.description, id])
    }

    private static func bankEntry(_ r: SQLRow) -> BankEntryRecord {
        BankEntryRecord(id: r["id"], key: r["key"], file: r["file"], statementId: r["statement_id"],
                        bookingDate: day(r["booking_date"]),
                        amount: Money(minor: r["amount_minor"], currency: r["currency"]),
                        direction: StatementItem.Direction(rawValue: r["direction"]) ?? .credit,
                        debtorName: r["debtor_name"], remittance: r["remittance"],
                        state: BankEntryState(rawValue: r["state"]) ?? .unmatched, why: r["why"],
                        accountId: r["account_id"], ledgerId: r["ledger_id"], importedAt: r["imported_at"],
                        importedBy: r["imported_by"], decidedAt: r["decided_at"], decidedBy: r["decided_by"])
    }
}
