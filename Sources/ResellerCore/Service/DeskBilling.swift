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

extension ResellerService {
    /// The subscriptions billed to an account, its invoices (settled) and credit notes; read only.
    public func accountBilling(_ accountId: Int64) throws(ServiceError) -> AccountBilling {
        AccountBilling(subscriptions: try subscriptions(of: accountId), invoices: try invoices(of: accountId),
                       creditNotes: try creditNotes(of: accountId), today: today)
    }
}
