import Foundation

/// An account's status: suspending, resuming and closing it, and the refusal of orders it does not take.
extension ResellerService {
    /// Suspends, resumes or closes an account, with the reason in the audit (domain.md#account-status). Closing also
    /// makes every storefront user of the account Inactive (its links stop working and its sessions end), and ends
    /// each of its running subscriptions at its period end.
    public func changeStatus(_ accountId: Int64, _ form: StatusForm, by actor: Actor) throws(ServiceError) -> Account {
        let now = self.now, today = self.today
        let (change, text) = try form.validated()
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            guard change.from.contains(account.status) else {
                throw ServiceError.refused(field: StatusSchema.change.id, message: Self.refusal(change, account))
            }
            try tx.setAccountStatus(accountId, change.target, reason: text, by: actor, at: now)
            try tx.audit(actor, "account", accountId, change.rawValue,
                         ["status": [account.status.rawValue, change.target.rawValue], "reason": [nil, text]], at: now)
            if change == .close {
                for contact in try tx.contacts(of: accountId) {
                    guard let user = contact.storefrontUser, user.status != .inactive else { continue }
                    try tx.setUserStatus(user.id, .inactive, at: now)
                    try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
                    try tx.deleteSessions(userId: user.id)
                    try tx.audit(actor, "storefrontUser", user.id, "deactivate",
                                 ["status": [user.status.rawValue, UserStatus.inactive.rawValue],
                                  "reason": [nil, "account closed"]], at: now)
                }
                try endSubscriptionsAtPeriodEnd(tx, of: account, by: actor, on: today, at: now)
            }
            return try tx.account(accountId)!
        }
    }

    /// As "cancel" does for one (SubscriptionCancellation): the period invoiced runs out, nothing after it is
    /// billed, nothing is credited. One that starts later ends with its first period. The account's own and, for
    /// an end customer, those its reseller is billed for it.
    private func endSubscriptionsAtPeriodEnd(_ tx: StoreTx, of account: Account, by actor: Actor, on today: CalendarDay,
                                             at now: Date) throws {
        let billedTo = try account.parentAccountId.flatMap { try tx.account($0) } ?? account
        let subscriptions = try tx.subscriptions(billedTo: billedTo.id).filter {
            $0.status == .active && ($0.billedAccountId == account.id || $0.forAccountId == account.id)
        }
        for sub in subscriptions {
            let ended = try SubscriptionCancellation.apply(sub, now: false, on: max(today, sub.start),
                                                           scheme: try billingScheme(tx, sub, billedTo)).subscription
            try saveEnded(tx, sub, ended, action: "cancel", ["reason": [nil, "account closed"]], by: actor, on: today,
                          at: now)
        }
    }

    private static func refusal(_ change: AccountStatus.Change, _ account: Account) -> String {
        switch (change, account.status) {
        case (_, .closed): "\(account.code) is closed, and a closed account stays closed"
        case (.suspend, _): "\(account.code) is already suspended"
        case (.resume, _): "\(account.code) is active; only a suspended account can be resumed"
        default: "\(account.code) is \(account.status.rawValue)"
        }
    }

    /// No new orders unless the account is Active (domain.md#account-status); the refusal says why, with the reason
    /// staff gave, or, suspended by the collections run, the amount overdue that lifts it once paid.
    func checkTakesOrders(_ tx: StoreTx, _ account: Account) throws {
        guard account.status != .active else { return }
        let why = account.statusReason.map { " (\($0))" } ?? ""
        var until = account.status == .suspended ? " until it is resumed" : ""
        if account.suspendedByCollections {
            let overdue = try tx.overdueInvoices(of: account.id, currency: account.fields.currency, today: today)
            let total = try OverdueInvoice.total(overdue, currency: account.fields.currency, of: account.code)
            until = " until the \(total.display) overdue is paid"
        }
        throw ServiceError.refused(field: "account", message: "\(account.name) is \(account.status.rawValue)\(why): "
                                   + "no new orders\(until)")
    }
}
