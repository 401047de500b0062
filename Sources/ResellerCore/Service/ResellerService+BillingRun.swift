import Foundation

/// What one billing run issued, and the accounts it could not bill (each with why; the others are billed).
public struct BillingRunReport: Sendable {
    public var invoices: [Invoice]
    public var failures: [(accountId: Int64, message: String)]
}

/// What the next billing run would issue over the whole desk, issuing nothing: the Billing screen's preview.
public struct BillingForecast: Sendable, Hashable {
    public var through: CalendarDay
    /// The accounts that would be billed, and those that could not be (each with why).
    public var accounts: Int
    public var invoices: Int
    /// Invoice totals (gross) per currency, sorted by currency code; `nets` and `taxes` split them the same way.
    public var totals: [Money]
    public var nets: [Money] = []
    public var taxes: [Money] = []
    public var failures: [String]
}

/// The billing run, and what it would issue without issuing it: one account's preview and the whole desk's
/// forecast.
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
        var invoices: [Invoice] = []
        let failures = try billingRun(through: through, by: actor, progress: progress) { invoices += $0 }
        return BillingRunReport(invoices: invoices, failures: failures)
    }

    /// The same run, handing each batch's invoices to `eachBatch` once its transaction has committed and keeping
    /// none of them: a month-end run over any number of accounts holds one batch at a time (the daily service's
    /// memory stays flat). The accounts it could not bill, each with why.
    public func billingRun(through: CalendarDay? = nil, by actor: Actor,
                           progress: (_ done: Int, _ total: Int) -> Void = { _, _ in },
                           eachBatch: ([Invoice]) -> Void)
        throws(ServiceError) -> [(accountId: Int64, message: String)] {
        let through = through ?? today, now = self.now
        let (accountIds, tax) = try store.read { tx in
            (try tx.accountsWithBillableSubscriptions(through: through), try invoiceTax(tx))
        }
        return inBatches(accountIds, progress: progress, committed: eachBatch) { tx, accountId in
            try bill(tx, accountId: accountId, through: through, tax: tax, issue: true, by: actor, at: now)
        }
    }

    /// At most this many accounts, and about this long (50 ms), per transaction of the billing and collections
    /// runs.
    static let billingBatchAccounts = 1000

    static let billingBatchNanoseconds: UInt64 = 50_000_000

    /// `body` for each account, in batches: each one IMMEDIATE transaction (up to `billingBatchAccounts` accounts
    /// or about `billingBatchNanoseconds`, so one fsync serves many accounts and other writers wait at most that
    /// long), each account in a savepoint of its own, so one that fails is rolled back alone and reported while
    /// the others of its batch commit. What the bodies of a batch returned goes to `committed` once the batch has
    /// committed; the accounts that failed are returned, with why.
    func inBatches<T>(_ accountIds: [Int64], progress: (_ done: Int, _ total: Int) -> Void,
                      committed: ([T]) -> Void,
                      _ body: (StoreTx, Int64) throws -> [T]) -> [(accountId: Int64, message: String)] {
        var failures: [(accountId: Int64, message: String)] = []
        var next = 0
        defer { progress(accountIds.count, accountIds.count) }
        while next < accountIds.count {
            progress(next, accountIds.count)
            let first = next
            // How far the batch got, only to report a batch that failed whole.
            var reached = first
            do {
                // On PostgreSQL each account is locked, or passed over while another host's run holds it: two
                // runs share the accounts, and each waits for the other only at the numbering counter. The body
                // keeps its progress to itself: there a lost connection runs it again from the start.
                let (done, failed, end) = try store.write(isolation: .lockedRows) { tx in
                    var done: [T] = [], failed: [(accountId: Int64, message: String)] = []
                    var cursor = first
                    let started = DispatchTime.now().uptimeNanoseconds
                    repeat {
                        let accountId = accountIds[cursor]
                        cursor += 1
                        reached = max(reached, cursor)
                        do {
                            guard try tx.lockAccount(accountId, skipLocked: true) else { continue }
                            done += try tx.savepoint { try body(tx, accountId) }
                        } catch {
                            // A failure that ended the whole transaction (a full disk) ends the batch with it; a
                            // conflict with another host's transaction runs the whole batch again.
                            guard tx.inTransaction && !Store.retriesWhole(error) else { throw error }
                            failed.append((accountId, Self.failureMessage(error, store)))
                        }
                    } while cursor < accountIds.count && cursor - first < Self.billingBatchAccounts
                        && DispatchTime.now().uptimeNanoseconds - started < Self.billingBatchNanoseconds
                    return (done, failed, cursor)
                }
                committed(done)
                failures += failed
                next = end
            } catch {
                // Nothing of this batch was committed: each of its accounts is reported (at least one, so a
                // transaction that cannot even begin still moves the run on, as one account at a time did).
                next = max(reached, first + 1)
                let message = error.fieldErrors.map(\.message).joined(separator: "; ")
                failures += accountIds[first..<next].map { ($0, message) }
            }
        }
        return failures
    }

    static func failureMessage(_ error: Error, _ store: Store) -> String {
        let e = error as? ServiceError ?? store.describe(error)
        return e.fieldErrors.map(\.message).joined(separator: "; ")
    }

    /// What a run through `through` would issue for one account, issuing nothing.
    public func billingPreview(accountId: Int64, through: CalendarDay? = nil) throws(ServiceError) -> [InvoiceDraft] {
        let through = through ?? today, now = self.now
        return try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try bill(tx, accountId: accountId, through: through, tax: try invoiceTax(tx), issue: false,
                            by: .system, at: now).map(\.draft)
        }
    }

    /// What a run through `through` (default today) would issue over every account, issuing nothing: one
    /// read transaction (one snapshot) for the whole desk.
    public func billingForecast(through: CalendarDay? = nil) throws(ServiceError) -> BillingForecast {
        let through = through ?? today, now = self.now
        return try store.read { tx in
            var forecast = BillingForecast(through: through, accounts: 0, invoices: 0, totals: [], failures: [])
            var totals: [String: Int64] = [:], nets: [String: Int64] = [:]
            let tax = try invoiceTax(tx)
            for id in try tx.accountsWithBillableSubscriptions(through: through) {
                do {
                    let drafts = try bill(tx, accountId: id, through: through, tax: tax, issue: false, by: .system,
                                          at: now)
                    guard !drafts.isEmpty else { continue }
                    forecast.accounts += 1
                    forecast.invoices += drafts.count
                    for d in drafts {
                        let currency = d.draft.total.currency
                        totals[currency] = try MoneySum.add(totals[currency] ?? 0, d.draft.total.minor,
                                                            what: "the forecast's \(currency) total")
                        nets[currency] = try MoneySum.add(nets[currency] ?? 0, d.draft.amounts.net.minor,
                                                          what: "the forecast's \(currency) net")
                    }
                } catch {
                    let e = error as? ServiceError ?? store.describe(error)
                    let message = e.fieldErrors.map(\.message).joined(separator: "; ")
                    forecast.failures.append("\(AccountCode.format(id)): \(message)")
                }
            }
            let currencies = totals.keys.sorted()
            forecast.totals = currencies.map { Money(minor: totals[$0]!, currency: $0) }
            forecast.nets = currencies.map { Money(minor: nets[$0]!, currency: $0) }
            forecast.taxes = currencies.map { Money(minor: totals[$0]! - nets[$0]!, currency: $0) }
            return forecast
        }
    }

    func bill(_ tx: StoreTx, accountId: Int64, through: CalendarDay, tax: Invoicer.Tax, issue: Bool,
              by actor: Actor, at now: Date) throws -> [Invoice] {
        let account = try existingAccount(tx, accountId)
        let subs = try tx.billableSubscriptions(of: accountId, through: through)
        // The account's scheme only stands in for a subscription without its own (a stored one always has
        // one): the first order's day, a query per account, is read only where it would fix the billing day.
        let fixesDay = account.fields.ordering?.prorateBillingDay == .dayOfFirstOrder
        let scheme = try BillingScheme(account.fields.ordering,
                                       firstOrderDay: fixesDay ? try tx.firstOrderDay(of: accountId) : nil)
        // The account's form already validated its payment terms and currency; these checks only guard code.
        let billing = try BillingAccount(id: accountId, scheme: scheme, currency: account.fields.currency,
                                         separateInvoices: account.fields.separateInvoices,
                                         paymentTermsDays: account.fields.paymentTermsDays,
                                         buyer: Self.taxBuyer(account))
        let run: Invoicer.Run
        let charges = try tx.pendingCharges(of: accountId, through: through)
        do {
            run = try Invoicer.run(accounts: [billing], subscriptions: subs, charges: charges, through: through,
                                   tax: tax)
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

    /// A run that leaves the account above its credit limit emails the account manager (domain.md#billing-run). The
    /// check runs once, after all of the account's invoices, in the transaction that issued them: one email per account
    /// and run, and none from a run that issued nothing (a re-run, or a run killed before commit).
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
}
