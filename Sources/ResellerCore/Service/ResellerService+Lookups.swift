import Foundation

/// The lookups and checks the service's transactions share: an account that must exist, a storefront user's rights,
/// a subscription that may change.
extension ResellerService {
    func existingAccount(_ tx: StoreTx, _ id: Int64) throws -> Account {
        guard let account = try tx.account(id) else {
            throw ServiceError.notFound(field: "account", message: "no account \(AccountCode.format(id))")
        }
        return account
    }

    /// The storefront user behind an actor; nil for staff and the system.
    func storefrontUser(_ tx: StoreTx, _ actor: Actor) throws -> StorefrontUser? {
        guard case .storefront(let userId, _) = actor else { return nil }
        return try tx.contact(ofUser: userId)?.storefrontUser
    }

    /// A storefront user acts only for its own account, only while Active, and only with the right the
    /// page or action needs (domain.md#roles). Staff and the system are not limited here.
    func checkStorefrontRights(_ tx: StoreTx, _ actor: Actor, accountId: Int64, needs right: StorefrontRight?) throws {
        guard case .storefront(let userId, _) = actor else { return }
        guard let contact = try tx.contact(ofUser: userId), let user = contact.storefrontUser, user.status == .active,
              !user.locked, contact.accountId == accountId else {
            throw ServiceError.refused(field: "account", message: "this storefront user cannot act for this account")
        }
        if let right, !user.may(right) {
            throw ServiceError.refused(field: "account", message: right.refusal)
        }
    }

    /// The subscription, its billed account and scheme, refused unless the account may change it: a Suspended or Closed
    /// account takes no subscription changes (domain.md#account-status: After onboarding), and a storefront user needs
    /// the right (Admin, Subscriptions Manager) in the account billed for it. Another account's subscription is not
    /// found for a storefront user, as a missing one: its id tells nothing.
    func changeable(_ tx: StoreTx, _ id: Int64, by actor: Actor) throws -> (Subscription, Account, BillingScheme) {
        let missing = ServiceError.notFound(field: "subscription", message: "no subscription \(id)")
        guard let sub = try tx.subscription(id) else { throw missing }
        if case .storefront = actor {
            do { try checkStorefrontRights(tx, actor, accountId: sub.billedAccountId, needs: nil) } catch {
                throw missing
            }
            try checkStorefrontRights(tx, actor, accountId: sub.billedAccountId, needs: .changeSubscriptions)
        }
        let account = try existingAccount(tx, sub.billedAccountId)
        guard account.status == .active else {
            throw ServiceError.refused(field: "subscription", message: "\(account.code) is \(account.status.rawValue): "
                                       + "its subscriptions cannot change until it is active")
        }
        return (sub, account, try billingScheme(tx, sub, account))
    }

    /// The scheme `sub` was ordered under, or for one from before schemes were kept, its account's.
    func billingScheme(_ tx: StoreTx, _ sub: Subscription, _ account: Account) throws -> BillingScheme {
        try sub.scheme ?? BillingScheme(account.fields.ordering, firstOrderDay: try tx.firstOrderDay(of: account.id))
    }
}
