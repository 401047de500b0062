import Foundation

/// Where an account stands with its bills: what the storefront's dashboard and `account show` print.
public struct BillingStanding: Sendable, Hashable {
    /// What is left to pay of the invoices past their due date (domain.md#settlement: Overdue).
    public var overdue: Money
    /// The next invoice a run would issue (its date, lines and total), nil when nothing is billed any more.
    public var nextInvoice: InvoiceDraft?
    /// Why there is no estimate though something is billed: the seller or a tax rate is missing, so no
    /// invoice can be issued yet (domain.md#the-seller-and-tax). The rest of the standing still shows.
    public var nextInvoiceProblem: String? = nil
}

/// What the terminal's account detail shows of an account's billing: its Subscriptions and Invoices
/// sections, read with the account as its ledger is.
public struct AccountBilling: Sendable {
    public var subscriptions: [Subscription]
    /// Each with what is paid of it and its status.
    public var invoices: [Invoice]
    public var creditNotes: [CreditNote]
    /// The desk's today: the quantity shown is the one in effect on it.
    public var today: CalendarDay?

    public init(subscriptions: [Subscription] = [], invoices: [Invoice] = [], creditNotes: [CreditNote] = [],
                today: CalendarDay? = nil) {
        self.subscriptions = subscriptions
        self.invoices = invoices
        self.creditNotes = creditNotes
        self.today = today
    }
}

/// Where an account stands with its bills, for the storefront's dashboard, `account show` and the account detail.
extension ResellerService {
    /// Overdue amount and next invoice of one account (domain.md#settlement: the dashboard shows balance, overdue
    /// amount and the next invoice's estimate). The estimate is what a run through the account's next billing date
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
        var standing = BillingStanding(overdue: Money(minor: overdue, currency: account.fields.currency))
        do {
            standing.nextInvoice = try next.flatMap { day throws(ServiceError) in
                try billingPreview(accountId: accountId, through: max(day, today)).first
            }
        } catch {
            // A desk whose seller is not configured yet still shows its accounts and their dashboards.
            guard let e = error.fieldErrors.first, e.field.hasPrefix("company") || e.field == "taxRate" else {
                throw error
            }
            standing.nextInvoiceProblem = e.message
        }
        return standing
    }

    /// Overdue amount and next invoice's estimate (Admin, Billing Agent), as the dashboard shows them.
    public func billingStanding(accountId: Int64, by actor: Actor) throws(ServiceError) -> BillingStanding {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try billingStanding(accountId: accountId)
    }

    /// The subscriptions billed to an account, its invoices (settled) and credit notes; read only.
    public func accountBilling(_ accountId: Int64) throws(ServiceError) -> AccountBilling {
        AccountBilling(subscriptions: try subscriptions(of: accountId), invoices: try invoices(of: accountId),
                       creditNotes: try creditNotes(of: accountId), today: today)
    }
}
