/// The stable key of each transaction of a statement, for "never book twice": a payment records it, and a
/// transaction whose key is already recorded is not booked again, however often files repeat it (a camt.054
/// in the day, then the camt.053 at night, then the same file imported twice).
///
/// The key is the bank's own reference as far as the file gives one, strongest first:
/// 1. the transaction's `TxDtls/Refs/AcctSvcrRef`, when it tells the transaction apart from the others of its
///    entry (some banks repeat the entry's reference in every transaction of a batch: those fall to rule 2);
/// 2. the entry's `AcctSvcrRef`, with "/n" (n from 1) when the entry holds several transactions;
/// 3. "NtryRef " + `NtryRef` + " " + the booking date (+ "/n"): `NtryRef` is unique within one statement only,
///    and the date keeps two days' statements apart;
/// 4. "Stmt " + the statement's id + " #" + the entry's position (+ "/n"), the weakest: a bank that re-issues a
///    statement under another id, or lists its entries in another order, gives old entries new keys.
///
/// Each key starts with the account's IBAN and "/" when the statement names one: a reference is unique at the
/// bank that gave it, and two banks of one desk may well give the same one.
public enum TransactionKey {
    public static func keys(for entry: BankEntry, account: String?, statementId: String) -> [String] {
        let prefix = account.map { $0 + "/" } ?? ""
        let count = entry.transactions.count
        let base: String
        if let reference = entry.reference {
            base = reference
        } else if let entryRef = entry.entryRef {
            base = "NtryRef \(entryRef) \(entry.bookingDate?.description ?? "-")"
        } else {
            base = "Stmt \(statementId) #\(entry.position)"
        }
        let own = entry.transactions.map(\.reference)
        return entry.transactions.indices.map { index in
            if let reference = own[index], own.filter({ $0 == reference }).count == 1,
               count == 1 || reference != entry.reference {
                return prefix + reference
            }
            return prefix + base + (count == 1 ? "" : "/\(index + 1)")
        }
    }
}
