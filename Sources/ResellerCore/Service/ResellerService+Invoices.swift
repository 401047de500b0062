import Foundation

/// Invoices and credit notes: issuing them with their email, reading them settled, and their documents. The reads
/// that take a storefront user as `by` check that it acts for the billed account with the right the page needs
/// (domain.md#roles: Role-Based Access); staff actors pass through.
extension ResellerService {
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

    /// The account's invoices (Admin, Billing Agent), oldest first, each with its status.
    public func invoices(of accountId: Int64, status: InvoiceStatus? = nil,
                         by actor: Actor) throws(ServiceError) -> [Invoice] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try invoices(of: accountId, status: status)
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

    /// One invoice as it prints. A storefront user of another account finds none, as for a missing number.
    public func invoiceDocument(number: String, by actor: Actor) throws(ServiceError) -> InvoiceDocument {
        let invoice = try invoice(number: number)
        let account = try billedAccount(invoice.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "invoice", message: "no invoice \(number)"))
        return InvoiceDocument(invoice: invoice, account: account)
    }

    /// Issues drafts as invoices in the caller's transaction, in the order given: each takes the next number, its
    /// debit (the ledger holds only amounts above zero, so a free trial item's invoice debits nothing), its audit
    /// event and its email to the account's bill-to contacts; the waiting charges it carries are marked invoiced,
    /// so none is invoiced twice. A billing run's batch is a few statements per table in all, and from 16
    /// invoices on their emails are built on a second thread while the statements run.
    func issueInvoices(_ tx: StoreTx, _ drafts: [(account: Account, draft: InvoiceDraft)], by actor: Actor,
                       at now: Date) throws -> [Invoice] {
        guard !drafts.isEmpty else { return [] }
        let first = try tx.nextNumbers("invoice", count: drafts.count).lowerBound
        let numbers = drafts.indices.map { DocumentNumber.format("INV", first + Int64($0)) }
        let accountIds = Array(Set(drafts.map(\.account.id))).sorted()
        // Read before the debits: each email says what is paid of its invoice from these sums.
        let sums = try tx.settlementTotals(of: accountIds), recipients = try tx.billToRecipients(of: accountIds)
        let (mails, issued) = try alongside(parallel: drafts.count >= 16, { [self] in
            invoiceMails(drafts, numbers: numbers, sums: sums, recipients: recipients, at: now)
        }) {
            let ids = try tx.insertInvoices(zip(drafts, numbers).map { ($0.draft, $1) }, by: actor, at: now)
            var issued: [Invoice] = []
            for (i, d) in drafts.enumerated() {
                for chargeId in d.draft.lines.compactMap(\.chargeId) {
                    try tx.markChargeInvoiced(chargeId, invoiceId: ids[i])
                }
                issued.append(Invoice(id: ids[i], number: numbers[i], draft: d.draft, createdAt: now))
            }
            try tx.insertInvoiceDebits(issued.filter { $0.draft.total.minor > 0 }.map {
                ($0.draft.billedAccountId, $0.draft.total.minor, $0.number, $0.id)
            }, balances: sums.mapValues { $0.debits - $0.credits }, by: actor, at: now)
            try tx.audit(actor, "invoice", zip(drafts, issued).map { d, i in
                (i.id, "issue", ["number": [nil, i.number], "account": [nil, d.account.code],
                                 "total": [nil, i.draft.total.decimalString],
                                 "date": [nil, i.draft.date.description]])
            }, at: now)
            return issued
        }
        try tx.enqueue(mails, at: now)
        return issued
    }

    /// To the account's bill-to contacts, or its email when it has none (domain.md#invoices).
    func billingRecipients(_ tx: StoreTx, _ account: Account) throws -> [(String, String)] {
        Self.billingRecipients(account, billTo: try tx.billToRecipients(of: [account.id])[account.id] ?? [])
    }

    static func billingRecipients(_ account: Account, billTo: [(String, String)]) -> [(String, String)] {
        billTo.isEmpty ? [(account.fields.email, account.name)] : billTo
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

    /// Each invoice's emails, with their parameters encoded. The email carries the document as issued (its
    /// status and what is paid as of its date, as a payment made in advance settles it at once): both parts show
    /// what the printable page shows. Each debit is its account's newest, so what is paid of it follows from the
    /// ledger's sums before the batch and the debits of the account's earlier invoices in it (as `settled` would
    /// find, without reading the invoice and the whole ledger back).
    private func invoiceMails(_ drafts: [(account: Account, draft: InvoiceDraft)], numbers: [String],
                              sums: [Int64: (debits: Int64, credits: Int64)], recipients: [Int64: [(String, String)]],
                              at now: Date) -> [EncodedMail] {
        var sums = sums, mails: [EncodedMail] = []
        for ((account, d), number) in zip(drafts, numbers) {
            let earlier = sums[account.id] ?? (0, 0), total = d.total.minor
            // A ledger that would leave Int64 is refused by the debits' insert on the other thread; here the sum
            // stops at the ceiling, so that this thread cannot trap before that refusal.
            let (debits, over) = earlier.debits.addingReportingOverflow(max(total, 0))
            sums[account.id] = (over ? .max : debits, earlier.credits)
            let paid = InvoiceSettlement.paidOfNewest(amount: total, earlierDebits: earlier.debits,
                                                      credits: earlier.credits)
            // The document shows the number, not the row's id, which the other thread is writing meanwhile.
            var issued = Invoice(id: 0, number: number, draft: d, createdAt: now)
            issued.paid = Money(minor: paid, currency: d.total.currency)
            issued.status = InvoiceSettlement.status(total: total, paid: paid, dueDate: d.dueDate, today: d.date)
            let lines = Self.mailLines(d.lines), document = InvoiceDocument(invoice: issued, account: account).jsonText
            for (address, name) in Self.billingRecipients(account, billTo: recipients[account.id] ?? []) {
                mails.append(EncodedMail(QueuedMail(
                    kind: .invoice, toAddress: address, toName: name, subject: "Invoice \(number) for \(account.name)",
                    params: ["recipientName": name, "invoiceNumber": number, "invoiceDate": d.date.description,
                             "dueDate": d.dueDate.description, "resellerName": account.name, "total": d.total.display,
                             "lines": lines, "document": document, "helpContact": settings.helpContact])))
            }
        }
        return mails
    }

    public func creditNote(number: String) throws(ServiceError) -> CreditNote {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased()
        guard let found = try store.read({ tx in try tx.creditNote(number: key) }) else {
            throw .notFound(field: "creditNote", message: "no credit note \(number)")
        }
        return found
    }

    /// The credit notes of one account, oldest first.
    public func creditNotes(of accountId: Int64) throws(ServiceError) -> [CreditNote] {
        try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try tx.creditNotes(of: accountId)
        }
    }

    /// Every credit note of the desk, oldest first.
    public func allCreditNotes() throws(ServiceError) -> [CreditNote] {
        try store.read { tx in try tx.creditNotes(of: nil) }
    }

    public func creditNotes(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [CreditNote] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try creditNotes(of: accountId)
    }

    public func creditNoteDocument(number: String, by actor: Actor) throws(ServiceError) -> InvoiceDocument {
        let note = try creditNote(number: number)
        let account = try billedAccount(note.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "creditNote", message: "no credit note \(number)"))
        return InvoiceDocument(creditNote: note, account: account)
    }

    func issueCreditNote(_ tx: StoreTx, _ account: Account, _ draft: CreditNoteDraft, by actor: Actor,
                         at now: Date) throws -> CreditNote {
        let number = DocumentNumber.format("CRN", try tx.nextNumber("credit_note"))
        let id = try tx.insertCreditNote(draft, number: number, by: actor, at: now)
        try tx.insertLedger(accountId: account.id, kind: "credit", amount: draft.total.minor, orderId: nil,
                            note: number, creditNoteId: id, by: actor, at: now)
        try tx.audit(actor, "creditNote", id, "issue",
                     ["number": [nil, number], "account": [nil, account.code],
                      "total": [nil, draft.total.decimalString], "date": [nil, draft.date.description]], at: now)
        try resumeIfSettled(tx, accountId: account.id, at: now)
        let lines = Self.mailLines(draft.lines)
        let note = CreditNote(id: id, number: number, draft: draft, createdAt: now)
        // The email carries the document as issued: its parts show what the printable page shows.
        let document = InvoiceDocument(creditNote: note, account: account).jsonText
        for (address, name) in try billingRecipients(tx, account) {
            try tx.enqueue(QueuedMail(kind: .creditNote, toAddress: address, toName: name,
                                      subject: "Credit note \(number) for \(account.name)",
                                      params: ["recipientName": name, "creditNoteNumber": number,
                                               "creditNoteDate": draft.date.description,
                                               "resellerName": account.name, "total": draft.total.display,
                                               "lines": lines, "document": document,
                                               "helpContact": settings.helpContact]), at: now)
        }
        return note
    }

    func billedAccount(_ id: Int64, by actor: Actor, missing: ServiceError) throws(ServiceError) -> Account {
        try store.read { tx in try billedAccount(tx, id, by: actor, missing: missing) }
    }

    /// The billed account of a document `actor` may see: another account's is `missing`, as for no number.
    func billedAccount(_ tx: StoreTx, _ id: Int64, by actor: Actor, missing: ServiceError) throws -> Account {
        if case .storefront = actor {
            do { try checkStorefrontRights(tx, actor, accountId: id, needs: nil) } catch { throw missing }
            try checkStorefrontRights(tx, actor, accountId: id, needs: .billing)
        }
        return try existingAccount(tx, id)
    }
}
