import Foundation

/// Payments: recording and reversing them, and an account's statement.
extension ResellerService {
    /// A payment recorded by staff credits the ledger and raises the available credit.
    public func recordPayment(accountId: Int64, _ form: PaymentForm, by actor: Actor) throws(ServiceError) -> Money {
        let now = self.now
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            // The amount is read in the account's currency, known only once the account is read.
            let currency = Currency.named(account.fields.currency)!
            let (money, text) = try form.validated(currency: currency)
            _ = try bookPayment(tx, accountId: accountId, money, note: text, by: actor, at: now)
            return money
        }
    }

    /// A payment in the caller's transaction, however it came (staff, a bank statement): the ledger credit, its
    /// audit event (with `audit`'s extra fields), and the resumption of a suspension the collections run made, if
    /// it now settles what was overdue. The ledger entry's id.
    func bookPayment(_ tx: StoreTx, accountId: Int64, _ money: Money, note: String?,
                     audit extra: [String: [String?]] = [:], by actor: Actor, at now: Date) throws -> Int64 {
        let ledgerId = try tx.insertLedger(accountId: accountId, kind: "credit", amount: money.minor, orderId: nil,
                                           note: note, by: actor, at: now)
        try tx.audit(actor, "account", accountId, "payment",
                     extra.merging(["payment": [nil, money.decimalString]]) { $1 }, at: now)
        try resumeIfSettled(tx, accountId: accountId, at: now)
        return ledgerId
    }

    /// The statement: every ledger entry of the account, oldest first, with the running balance.
    public func statement(of accountId: Int64) throws(ServiceError) -> [LedgerEntry] {
        try store.read { tx in
            let account = try existingAccount(tx, accountId)
            return try tx.ledger(of: accountId, currency: account.fields.currency)
        }
    }

    /// The payments of the account, newest first, each saying whether it was reversed.
    public func payments(of accountId: Int64) throws(ServiceError) -> [LedgerEntry] {
        try statement(of: accountId).filter { $0.kind == .payment }.reversed()
    }

    /// Reverses a payment recorded by mistake (a returned transfer, the wrong account): a new debit of the
    /// same amount that names it, with the reason; the payment itself stays in the ledger. Once only.
    public func reversePayment(_ paymentId: Int64, _ form: ReasonForm,
                               by actor: Actor) throws(ServiceError) -> LedgerEntry {
        let now = self.now
        let text = try form.validated()
        return try store.write { tx in
            guard let (accountId, payment) = try tx.ledgerEntry(paymentId), payment.kind != .order else {
                throw ServiceError.notFound(field: "payment", message: "no payment \(paymentId)")
            }
            guard payment.kind == .payment else {
                throw ServiceError.refused(field: "payment", message: "entry \(paymentId) is a "
                                           + "\(payment.kind.rawValue), not a payment; only payments can be reversed")
            }
            if let by = payment.reversedBy {
                throw ServiceError.refused(field: "payment", message: "payment \(paymentId) was already reversed "
                                           + "(entry \(by))")
            }
            try tx.insertLedger(accountId: accountId, kind: "debit", amount: payment.amount.minor, orderId: nil,
                                note: text, reverses: paymentId, by: actor, at: now)
            try tx.audit(actor, "account", accountId, "reversePayment",
                         ["payment": [payment.amount.decimalString, nil], "reason": [nil, text]], at: now)
            return try tx.ledger(of: accountId, currency: payment.amount.currency).last!
        }
    }
}
