import Foundation

/// Bank statements (domain.md#collections): booking their credits as payments, and the queue of the entries
/// no reference matched. Each transaction is keyed by the bank's reference, so however often files repeat
/// one it is booked once; a payment books, audits and resumes a suspension the run made in one transaction.
extension ResellerService {
    /// Books the statements' transactions: matched credits become payments, the others wait in the queue
    /// (a debit, another currency, no reference found); pending ones are only reported. In transactions of
    /// up to `statementBatch` items, each a savepoint; a failure ends the import, with what was booked before it
    /// committed and reported in the error.
    public func importStatement(_ items: [StatementItem], files: [String],
                                by actor: Actor) throws(ServiceError) -> StatementImportReport {
        var report = StatementImportReport(files: files, items: [])
        var next = 0
        while next < items.count {
            let first = next
            // The body keeps its progress to itself: on PostgreSQL it runs again from the start after a conflict.
            let (done, reached) = try store.write { tx in
                var out: [(item: StatementItem, outcome: StatementOutcome)] = []
                var cursor = first
                let now = self.now
                while cursor < items.count && cursor - first < Self.statementBatch {
                    let item = items[cursor]
                    out.append((item, try tx.savepoint { try book(tx, item, by: actor, at: now) }))
                    cursor += 1
                }
                return (out, cursor)
            }
            report.items += done
            next = reached
        }
        return report
    }

    /// Transactions booked per write transaction (one fsync each).
    static let statementBatch = 500

    private func book(_ tx: StoreTx, _ item: StatementItem, by actor: Actor, at now: Date) throws -> StatementOutcome {
        guard item.booked else { return .pending }
        if let id = try tx.bankEntryId(key: item.key) { return .repeated(entryId: id) }
        /// Into the queue, with why.
        func waiting(_ why: String) throws -> StatementOutcome {
            .unmatched(entryId: try tx.insertBankEntry(item, state: .unmatched, why: why, accountId: nil,
                                                       ledgerId: nil, by: actor, at: now), why: why)
        }
        if item.reversal {
            return try waiting("the bank reverses an earlier entry with this one (\(item.direction.rawValue) of "
                + "\(item.amount.display)): not booked; if it undoes a payment, reverse that payment (payment "
                + "reverse), then dismiss this entry")
        }
        guard item.direction == .credit else {
            return try waiting("a debit of \(item.amount.display) (a returned transfer or a charge): not a payment; "
                + "if it returns a payment, reverse that payment (payment reverse), then dismiss this entry")
        }
        // A zero credit pays nothing: a payment of 0.00 would only clutter the ledger.
        guard item.amount.minor > 0 else { return try waiting("an amount of \(item.amount.display): nothing to book") }
        let match = try matchAccount(tx, item)
        guard let account = match.account else { return try waiting(match.why) }
        let ledgerId = try bookPayment(tx, accountId: account.id, item.amount, note: item.paymentNote,
                                       audit: ["bankEntry": [nil, item.key]], by: actor, at: now)
        let entryId = try tx.insertBankEntry(item, state: .booked, why: match.why, accountId: account.id,
                                             ledgerId: ledgerId, by: actor, at: now)
        return .booked(accountId: account.id, ledgerId: ledgerId, entryId: entryId)
    }

    /// The account an entry pays: by payment reference, then invoice number, then account code in its
    /// remittance information; nil with why when none names one of this desk in its currency.
    private func matchAccount(_ tx: StoreTx, _ item: StatementItem) throws -> (account: Account?, why: String) {
        let refs = RemittanceReferences(structured: item.structured, unstructured: item.unstructured)
        var found: [(Account, String)] = []
        for reference in refs.paymentReferences {
            if let number = reference.documentNumber, let id = try tx.billedAccountId(ofInvoice: number),
               let account = try tx.account(id) {
                found.append((account, "payment reference \(reference.text) of \(number)"))
            }
        }
        for number in refs.invoiceNumbers {
            if let id = try tx.billedAccountId(ofInvoice: number), let account = try tx.account(id) {
                found.append((account, "invoice number \(number)"))
            }
        }
        for code in refs.accountCodes {
            if let id = AccountCode.parse(code), let account = try tx.account(id) {
                found.append((account, "account code \(account.code)"))
            }
        }
        guard let (account, how) = found.first else {
            let text = item.remittance.isEmpty ? "no remittance information" : "«\(item.remittance)»"
            return (nil, "no payment reference, invoice number or account code of this desk in \(text)")
        }
        guard account.fields.currency == item.amount.currency else {
            return (nil, "in \(item.amount.currency), but \(account.code) (matched by \(how)) is billed in "
                    + account.fields.currency)
        }
        return (account, "matched by \(how)")
    }

    /// The entries waiting for staff, oldest first: unmatched credits, and debits listed for them.
    public func unmatchedEntries() throws(ServiceError) -> [BankEntryRecord] {
        try store.read { tx in try tx.unmatchedBankEntries() }
    }

    public func bankEntry(_ id: Int64) throws(ServiceError) -> BankEntryRecord {
        guard let entry = try store.read({ tx in try tx.bankEntry(id) }) else {
            throw .notFound(field: "entry", message: "no bank entry \(id)")
        }
        return entry
    }

    /// Staff assign a waiting credit to an account: it is booked as that account's payment now.
    @discardableResult
    public func assignEntry(_ id: Int64, toAccount accountId: Int64,
                            by actor: Actor) throws(ServiceError) -> BankEntryRecord {
        let now = self.now
        return try store.write { tx in
            let entry = try waitingEntry(tx, id)
            guard entry.direction == .credit else {
                throw ServiceError.refused(field: "entry", message: "entry \(id) is a debit, not a payment: it "
                                           + "cannot be assigned; dismiss it with a reason")
            }
            guard entry.amount.minor > 0 else {
                throw ServiceError.refused(field: "entry", message: "entry \(id) is \(entry.amount.display): nothing "
                                           + "to book; dismiss it with a reason")
            }
            let account = try existingAccount(tx, accountId)
            guard account.fields.currency == entry.amount.currency else {
                throw ServiceError.refused(field: "account", message: "entry \(id) is in \(entry.amount.currency), "
                                           + "but \(account.code) is billed in \(account.fields.currency)")
            }
            let note = StatementItem.paymentNote(reference: entry.key, debtor: entry.debtorName)
            let ledgerId = try bookPayment(tx, accountId: accountId, entry.amount, note: note,
                                           audit: ["bankEntry": [nil, entry.key]], by: actor, at: now)
            try tx.decideBankEntry(id, state: .assigned, why: nil, accountId: accountId, ledgerId: ledgerId,
                                   by: actor, at: now)
            try tx.audit(actor, "bankEntry", id, "assign", ["account": [nil, account.code]], at: now)
            return try tx.bankEntry(id)!
        }
    }

    /// Staff dismiss a waiting entry (not ours, a debit handled by hand), with the reason.
    @discardableResult
    public func dismissEntry(_ id: Int64, _ form: ReasonForm, by actor: Actor) throws(ServiceError) -> BankEntryRecord {
        let now = self.now, reason = try form.validated()
        return try store.write { tx in
            _ = try waitingEntry(tx, id)
            try tx.decideBankEntry(id, state: .dismissed, why: reason, accountId: nil, ledgerId: nil, by: actor,
                                   at: now)
            try tx.audit(actor, "bankEntry", id, "dismiss", ["reason": [nil, reason]], at: now)
            return try tx.bankEntry(id)!
        }
    }

    private func waitingEntry(_ tx: StoreTx, _ id: Int64) throws -> BankEntryRecord {
        guard let entry = try tx.bankEntry(id) else {
            throw ServiceError.notFound(field: "entry", message: "no bank entry \(id)")
        }
        guard entry.state == .unmatched else {
            throw ServiceError.refused(field: "entry", message: "entry \(id) was already \(entry.state.rawValue)"
                                       + (entry.decidedBy.map { " by \($0)" } ?? ""))
        }
        return entry
    }
}
