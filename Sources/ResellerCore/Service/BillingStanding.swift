import Foundation

/// Where an account stands with its bills: what the storefront's dashboard and `account show` print.
public struct BillingStanding: Sendable, Hashable {
    /// What is left to pay of the invoices past their due date (doc: Overdue).
    public var overdue: Money
    /// The next invoice a run would issue (its date, lines and total), nil when nothing is billed any more.
    public var nextInvoice: InvoiceDraft?
}

/// What the next billing run would issue over the whole desk, issuing nothing: the Billing screen's preview.
public struct BillingForecast: Sendable, Hashable {
    public var through: CalendarDay
    /// The accounts that would be billed, and those that could not be (each with why).
    public var accounts: Int
    public var invoices: Int
    /// Invoice totals per currency, sorted by currency code.
    public var totals: [Money]
    public var failures: [String]
}

extension ResellerService {
    /// Overdue amount and next invoice of one account (doc: the dashboard shows balance, overdue amount and
    /// the next invoice's estimate). The estimate is what a run through the account's next billing date
    /// would issue first.
    public func billingStanding(accountId: Int64) throws(ServiceError) -> BillingStanding {
        let today = self.today
        let invoices = try invoices(of: accountId)
        let account = try account(accountId)
        var overdue: Int64 = 0
        let what = "the overdue amount of \(account.name)"
        for i in invoices where i.status == .overdue {
            let left = try MoneySum.subtract(i.draft.total.minor, i.paid?.minor ?? 0, what: what)
            overdue = try MoneySum.add(overdue, left, what: what)
        }
        let next = try store.read { tx in try tx.nextBillingDate(of: accountId) }
        let estimate = try next.flatMap { day throws(ServiceError) in
            try billingPreview(accountId: accountId, through: max(day, today)).first
        }
        return BillingStanding(overdue: Money(minor: overdue, currency: account.fields.currency),
                               nextInvoice: estimate)
    }

    /// What a run through `through` (default today) would issue over every account, issuing nothing: one
    /// read transaction (one snapshot) for the whole desk.
    public func billingForecast(through: CalendarDay? = nil) throws(ServiceError) -> BillingForecast {
        let through = through ?? today, now = self.now
        return try store.read { tx in
            var forecast = BillingForecast(through: through, accounts: 0, invoices: 0, totals: [], failures: [])
            var totals: [String: Int64] = [:]
            for id in try tx.accountsWithBillableSubscriptions(through: through) {
                do {
                    let drafts = try bill(tx, accountId: id, through: through, issue: false, by: .system, at: now)
                    guard !drafts.isEmpty else { continue }
                    forecast.accounts += 1
                    forecast.invoices += drafts.count
                    for d in drafts {
                        let currency = d.draft.total.currency
                        totals[currency] = try MoneySum.add(totals[currency] ?? 0, d.draft.total.minor,
                                                            what: "the forecast's \(currency) total")
                    }
                } catch {
                    let e = error as? ServiceError ?? Store.describe(error, path: store.path)
                    let message = e.fieldErrors.map(\.message).joined(separator: "; ")
                    forecast.failures.append("\(AccountCode.format(id)): \(message)")
                }
            }
            forecast.totals = totals.keys.sorted().map { Money(minor: totals[$0]!, currency: $0) }
            return forecast
        }
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
}
