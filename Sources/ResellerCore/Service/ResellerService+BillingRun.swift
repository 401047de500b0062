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
    /// IMMEDIATE transaction (up to `billingBatchAccounts` accounts or about `billingBatchNanoseconds`, so one
    /// fsync serves many invoices and other writers wait at most about that long) that re-reads the accounts'
    /// subscriptions under the write lock (`billBatch`): an invoice's number, lines, ledger debit, email and
    /// audit commit together or not at all, an account that fails is reported while the others of its batch
    /// are billed, a second run (or one running at the same moment) finds nothing left to issue, and a run
    /// killed half way is completed by the next. `progress` hears (accounts done, accounts to bill) after each
    /// batch, for a progress line.
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
        return inTransactions(accountIds, progress: progress, committed: eachBatch) { tx, batch in
            try billBatch(tx, batch, through: through, tax: tax, by: actor, at: now)
        }
    }

    /// What a run through `through` would issue for one account, issuing nothing.
    public func billingPreview(accountId: Int64, through: CalendarDay? = nil) throws(ServiceError) -> [InvoiceDraft] {
        let through = through ?? today
        return try store.read { tx in
            _ = try existingAccount(tx, accountId)
            return try drafts(tx, accountId: accountId, through: through, tax: try invoiceTax(tx))
        }
    }

    /// What a run through `through` (default today) would issue over every account, issuing nothing: one
    /// read transaction (one snapshot) for the whole desk.
    public func billingForecast(through: CalendarDay? = nil) throws(ServiceError) -> BillingForecast {
        let through = through ?? today
        return try store.read { tx in
            var forecast = BillingForecast(through: through, accounts: 0, invoices: 0, totals: [], failures: [])
            var totals: [String: Int64] = [:], nets: [String: Int64] = [:]
            let tax = try invoiceTax(tx)
            for id in try tx.accountsWithBillableSubscriptions(through: through) {
                do {
                    let drafts = try self.drafts(tx, accountId: id, through: through, tax: tax)
                    guard !drafts.isEmpty else { continue }
                    forecast.accounts += 1
                    forecast.invoices += drafts.count
                    for d in drafts {
                        let currency = d.total.currency
                        totals[currency] = try MoneySum.add(totals[currency] ?? 0, d.total.minor,
                                                            what: "the forecast's \(currency) total")
                        nets[currency] = try MoneySum.add(nets[currency] ?? 0, d.amounts.net.minor,
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

    /// What a run through `through` would issue for the account now, in the caller's transaction.
    func drafts(_ tx: StoreTx, accountId: Int64, through: CalendarDay, tax: Invoicer.Tax) throws -> [InvoiceDraft] {
        let account = try existingAccount(tx, accountId)
        return try draftRun(tx, account, subscriptions: try tx.billableSubscriptions(of: [accountId], through: through),
                            charges: try tx.pendingCharges(of: [accountId], through: through), through: through,
                            tax: tax).invoices
    }
}
