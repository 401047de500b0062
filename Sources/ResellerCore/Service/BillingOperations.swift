import Foundation

/// What one billing run issued, and the accounts it could not bill (each with why; the others are billed).
public struct BillingRunReport: Sendable {
    public var invoices: [Invoice]
    public var failures: [(accountId: Int64, message: String)]
}

extension ResellerService {
    /// Issues everything due through `through` (default today). Accounts are billed in batches, each one
    /// IMMEDIATE transaction (up to `billingBatchAccounts` accounts or `billingBatchNanoseconds`, so one fsync
    /// serves many invoices and other writers wait at most that long) that re-reads each account's
    /// subscriptions under the write lock, and each account in a savepoint of its own: invoice number,
    /// lines, ledger debit, email and audit commit together or not at all, an account that fails is rolled
    /// back alone and reported while the others of its batch are billed, a second run (or one running at
    /// the same moment) finds nothing left to issue, and a run killed half way is completed by the next.
    /// `progress` hears (accounts done, accounts to bill) after each batch, for a progress line.
    public func billingRun(through: CalendarDay? = nil, by actor: Actor,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in })
        throws(ServiceError) -> BillingRunReport {
        let through = through ?? today, now = self.now
        let accountIds = try store.read { tx in try tx.accountsWithBillableSubscriptions(through: through) }
        var report = BillingRunReport(invoices: [], failures: [])
        var next = 0
        defer { progress(accountIds.count, accountIds.count) }
        while next < accountIds.count {
            progress(next, accountIds.count)
            let first = next
            var issued: [Invoice] = [], failed: [(accountId: Int64, message: String)] = []
            do {
                try store.write { tx in
                    let started = DispatchTime.now().uptimeNanoseconds
                    repeat {
                        let accountId = accountIds[next]
                        next += 1
                        do {
                            issued += try tx.savepoint {
                                try bill(tx, accountId: accountId, through: through, issue: true, by: actor, at: now)
                            }
                        } catch {
                            // A failure that ended the whole transaction (a full disk) ends the batch with it.
                            guard tx.inTransaction else { throw error }
                            failed.append((accountId, Self.failureMessage(error, store)))
                        }
                    } while next < accountIds.count && next - first < Self.billingBatchAccounts
                        && DispatchTime.now().uptimeNanoseconds - started < Self.billingBatchNanoseconds
                }
                report.invoices += issued
                report.failures += failed
            } catch {
                // Nothing of this batch was committed: each of its accounts is reported (at least one, so a
                // transaction that cannot even begin still moves the run on, as one account at a time did).
                next = max(next, first + 1)
                let message = error.fieldErrors.map(\.message).joined(separator: "; ")
                report.failures += accountIds[first..<next].map { ($0, message) }
            }
        }
        return report
    }

    /// At most this many accounts, and about this long (50 ms), per transaction of the billing run.
    static let billingBatchAccounts = 1000
    static let billingBatchNanoseconds: UInt64 = 50_000_000

    static func failureMessage(_ error: Error, _ store: Store) -> String {
        let e = error as? ServiceError ?? Store.describe(error, path: store.path)
        return e.fieldErrors.map(\.message).joined(separator: "; ")
    }

    /// What a run through `through` would issue for one account, issuing nothing.
    public func billingPreview(accountId: Int64, through: CalendarDay? = nil) throws(ServiceError) -> [InvoiceDraft] {
        let through = through ?? today, now = self.now
        return try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try bill(tx, accountId: accountId, through: through, issue: false, by: .system, at: now)
                .map(\.draft)
        }
    }

    public func subscriptions(of accountId: Int64) throws(ServiceError) -> [Subscription] {
        try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try tx.subscriptions(billedTo: accountId)
        }
    }

    /// Every subscription of the desk, for a list without an account.
    public func allSubscriptions() throws(ServiceError) -> [Subscription] {
        try store.read { tx in try tx.allSubscriptions() }
    }

    /// Every invoice of the desk, oldest first, each with its status; `status` keeps only those.
    public func allInvoices(status: InvoiceStatus? = nil) throws(ServiceError) -> [Invoice] {
        let today = self.today
        return try store.read { tx in
            try settled(tx, try tx.allInvoices(), today: today).filter { status == nil || $0.status == status }
        }
    }

    public func invoices(of accountId: Int64, status: InvoiceStatus? = nil) throws(ServiceError) -> [Invoice] {
        let today = self.today
        return try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try settled(tx, try tx.invoices(of: accountId), today: today)
                .filter { status == nil || $0.status == status }
        }
    }

    public func invoice(number: String) throws(ServiceError) -> Invoice {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased(), today = self.today
        guard let found = try store.read({ tx in
            try tx.invoice(number: key).map { try settled(tx, [$0], today: today)[0] }
        }) else {
            throw .notFound(field: "invoice", message: "no invoice \(number)")
        }
        return found
    }

    /// Each invoice with what is paid of it and its status, from its account's ledger (`InvoiceSettlement`).
    private func settled(_ tx: StoreTx, _ invoices: [Invoice], today: CalendarDay) throws -> [Invoice] {
        var paidByAccount: [Int64: [Int64: Int64]] = [:]
        return try invoices.map { i in
            let account = i.draft.billedAccountId
            if paidByAccount[account] == nil {
                let ledger = try tx.settlementLedger(of: account)
                paidByAccount[account] = InvoiceSettlement.paid(debits: ledger.debits, credits: ledger.credits)
            }
            var out = i
            let paid = paidByAccount[account]?[i.id] ?? 0
            out.paid = Money(minor: paid, currency: i.draft.total.currency)
            out.status = InvoiceSettlement.status(total: i.draft.total.minor, paid: paid, dueDate: i.draft.dueDate,
                                                  today: today)
            return out
        }
    }

    func bill(_ tx: StoreTx, accountId: Int64, through: CalendarDay, issue: Bool, by actor: Actor,
                      at now: Date) throws -> [Invoice] {
        let account = try existingAccount(tx, accountId)
        let subs = try tx.billableSubscriptions(of: accountId, through: through)
        let scheme = try BillingScheme(account.fields.ordering, firstOrderDay: try tx.firstOrderDay(of: accountId))
        // The account's form already validated its payment terms and currency; these checks only guard code.
        let billing = try BillingAccount(id: accountId, scheme: scheme, currency: account.fields.currency,
                                         separateInvoices: account.fields.separateInvoices,
                                         paymentTermsDays: account.fields.paymentTermsDays)
        let run: Invoicer.Run
        let charges = try tx.pendingCharges(of: accountId, through: through)
        do {
            run = try Invoicer.run(accounts: [billing], subscriptions: subs, charges: charges, through: through)
        } catch {
            throw ServiceError.invalid(error.field, "\(account.code): \(error.message)")
        }
        guard issue else {
            return run.invoices.map { Invoice(id: 0, number: "", draft: $0, createdAt: now) }
        }
        var issued: [Invoice] = []
        for draft in run.invoices { issued.append(try issueInvoice(tx, account, draft, by: actor, at: now)) }
        try tx.setNextBillingDates(run.nextBillingDates)
        if !issued.isEmpty { try warnOverCredit(tx, account, issued, through: through, at: now) }
        return issued
    }

    /// A run that leaves the account above its credit limit emails the account manager (doc). The check
    /// runs once, after all of the account's invoices, in the transaction that issued them: one email per
    /// account and run, and none from a run that issued nothing (a re-run, or a run killed before commit).
    private func warnOverCredit(_ tx: StoreTx, _ account: Account, _ issued: [Invoice], through: CalendarDay,
                                at now: Date) throws {
        guard case .amount(let limit)? = account.fields.ordering?.creditLimit,
              let left = try available(tx, account), left.minor < 0 else { return }
        let manager = account.fields.accountManager
        try tx.enqueue(QueuedMail(kind: .overCreditAfterBilling, toAddress: staffEmail(manager), toName: manager,
                                  subject: "\(account.name) is over its credit limit after billing",
                                  params: ["recipientName": manager, "resellerName": account.name,
                                           "accountCode": account.code, "runDate": through.description,
                                           "invoices": issued.map(\.number).joined(separator: ", "),
                                           "creditLimit": limit.display, "availableCredit": left.display]), at: now)
    }

    /// Numbers and writes one invoice with its ledger debit, audit and email, inside the caller's transaction;
    /// the waiting charges it carries are marked invoiced, so none is invoiced twice.
    func issueInvoice(_ tx: StoreTx, _ account: Account, _ draft: InvoiceDraft, by actor: Actor,
                      at now: Date) throws -> Invoice {
        let number = DocumentNumber.format("INV", try tx.nextNumber("invoice"))
        let id = try tx.insertInvoice(draft, number: number, by: actor, at: now)
        for chargeId in draft.lines.compactMap(\.chargeId) { try tx.markChargeInvoiced(chargeId, invoiceId: id) }
        // The ledger holds only amounts above zero (a free trial item's invoice debits nothing).
        if draft.total.minor > 0 {
            try tx.insertLedger(accountId: account.id, kind: "debit", amount: draft.total.minor, orderId: nil,
                                note: number, invoiceId: id, by: actor, at: now)
        }
        try tx.audit(actor, "invoice", id, "issue",
                     ["number": [nil, number], "account": [nil, account.code],
                      "total": [nil, draft.total.decimalString], "date": [nil, draft.date.description]], at: now)
        try queueInvoice(tx, account, id: id, number: number, draft, at: now)
        return Invoice(id: id, number: number, draft: draft, createdAt: now)
    }

    /// To the account's bill-to contacts, or its email when it has none (doc).
    func billingRecipients(_ tx: StoreTx, _ account: Account) throws -> [(String, String)] {
        let billTo = try tx.billToRecipients(of: account.id)
        return billTo.isEmpty ? [(account.fields.email, account.name)] : billTo
    }

    /// One text line per invoice or credit note line, as the emails show them.
    static func mailLines(_ lines: [InvoiceLine]) -> String {
        lines.map { l in
            let period = l.periodStart.map { "\($0) – \(l.periodEnd!)" } ?? "one-time"
            let days = l.daysCharged.map { " (\($0)/\(l.daysInPeriod!) days)" } ?? ""
            return "\(l.forAccountName) · \(l.productCode) \(l.description) · \(period)\(days) · "
                + "\(l.quantity) × \(l.unitPrice.decimalString) = \(l.amount.decimalString)"
        }.joined(separator: "\n")
    }

    /// The email carries the document as issued (its status and what is paid as of its date, as a payment
    /// made in advance settles it at once): both parts show what the printable page shows.
    /// Its debit is the account's newest, so what is paid of it follows from the ledger's sums (as `settled`
    /// would find, without reading the invoice and the whole ledger back).
    private func queueInvoice(_ tx: StoreTx, _ account: Account, id: Int64, number: String, _ d: InvoiceDraft,
                              at now: Date) throws {
        let lines = Self.mailLines(d.lines)
        let sums = try tx.settlementTotals(of: account.id), total = d.total.minor
        let paid = InvoiceSettlement.paidOfNewest(amount: total, earlierDebits: sums.debits - max(total, 0),
                                                  credits: sums.credits)
        var issued = Invoice(id: id, number: number, draft: d, createdAt: now)
        issued.paid = Money(minor: paid, currency: d.total.currency)
        issued.status = InvoiceSettlement.status(total: total, paid: paid, dueDate: d.dueDate, today: d.date)
        let document = InvoiceDocument(invoice: issued, account: account).jsonText
        for (address, name) in try billingRecipients(tx, account) {
            try tx.enqueue(QueuedMail(kind: .invoice, toAddress: address, toName: name,
                                      subject: "Invoice \(number) for \(account.name)",
                                      params: ["recipientName": name, "invoiceNumber": number,
                                               "invoiceDate": d.date.description, "dueDate": d.dueDate.description,
                                               "resellerName": account.name, "total": d.total.display,
                                               "lines": lines, "document": document,
                                               "helpContact": settings.helpContact]), at: now)
        }
    }
}
