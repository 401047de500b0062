/// The account detail's long lists, a page at a time. The terminal shows an account's orders and history
/// in sections that read more as staff scroll, so an account with thousands of orders opens as fast as
/// one with none, and every order can still be reached.
public struct AccountOrderPage: Sendable {
    /// Every Submitted order first on the first page (they wait for staff), then the others newest first.
    public var orders: [Order]
    /// What to pass as `before` for the next page; nil on the last page.
    public var next: Int64?
}

/// How many rows an account's long lists hold in all: the counts on the detail's section tabs.
public struct AccountCounts: Sendable, Equatable {
    public var orders: Int
    public var history: Int

    public init(orders: Int, history: Int) {
        self.orders = orders
        self.history = history
    }
}

extension ResellerService {
    public func orderPage(of accountId: Int64, before: Int64? = nil,
                          limit: Int = 50) throws(ServiceError) -> AccountOrderPage {
        let page = try store.read { try $0.orderPage(of: accountId, before: before, limit: limit) }
        return AccountOrderPage(orders: page.orders, next: page.next)
    }

    /// The account's history older than event `before`, newest first.
    public func accountHistory(_ accountId: Int64, before: Int64,
                               limit: Int = 50) throws(ServiceError) -> [AuditEvent] {
        try store.read { try $0.accountTrail(accountId, before: before, limit: limit) }
    }

    public func accountCounts(_ accountId: Int64) throws(ServiceError) -> AccountCounts {
        try store.read { tx in
            AccountCounts(orders: try tx.orderCount(of: accountId), history: try tx.accountTrailCount(accountId))
        }
    }
}
