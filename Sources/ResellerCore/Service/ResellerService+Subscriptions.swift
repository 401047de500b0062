import Foundation

/// What a quantity change did: the subscription as it now stands, the day the new quantity counts from,
/// the added units' charge (nil for a lowering) and the invoice issued for it at once, if any.
public struct QuantityChangeResult: Sendable {
    public var subscription: Subscription
    public var effective: CalendarDay
    public var charge: PendingCharge?
    public var invoice: Invoice?
}

/// What a cancellation did: the subscription (Ending at period end, or Canceled) and a "cancel now"'s
/// credit note, if any days invoiced after today were credited.
public struct CancellationResult: Sendable {
    public var subscription: Subscription
    public var creditNote: CreditNote?
}

/// What changing a quantity would do, nothing written: the storefront shows it before the change is confirmed.
public struct QuantityPreview: Sendable, Hashable {
    public var subscription: Subscription
    /// The units in effect today, and those asked for.
    public var current: Int
    public var quantity: Int
    /// The day the new quantity counts from: today for a raise, the next period's start for a lowering.
    public var effective: CalendarDay
    /// The added units' prorated charge (nil for a lowering, or a raise on a period's first day, not yet
    /// invoiced), and the day it is invoiced.
    public var charge: InvoiceLine?
    public var invoiceDate: CalendarDay?
    /// What a raise buys (nil for a lowering) and the account's available credit (nil: Unlimited).
    public var cost: Money?
    public var availableCredit: Money?

    /// A raise that costs more than the available credit: staff are asked to confirm it.
    public var aboveCredit: Bool {
        guard let cost, let availableCredit else { return false }
        return cost.minor > 0 && cost.minor > availableCredit.minor
    }
}

/// Subscriptions: reading them, changing a quantity and cancelling, each with its preview. The reads and previews
/// that take a storefront user as `by` check, in the service, that it acts for that account with the right the page
/// needs (domain.md#roles: Role-Based Access); staff actors pass through.
extension ResellerService {
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

    /// The subscriptions billed to the account: Admin, Subscriptions Manager, Cloud Administrator (read-only).
    public func subscriptions(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [Subscription] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .seeSubscriptions) }
        return try subscriptions(of: accountId)
    }

    /// Raising charges the added units for the rest of the period, invoiced today ("on order day") or with
    /// the next billing date; lowering counts from the next period (domain.md#changes). The rule is
    /// the pure `QuantityChange`; this writes its outcome, the charge or invoice, and the audit in one
    /// IMMEDIATE transaction that re-reads the subscription under the write lock. A raise is a purchase
    /// (`checkRaise`): above the available credit staff need `aboveCredit`, and a storefront user is refused.
    public func setQuantity(subscriptionId: Int64, quantity: Int, aboveCredit: Bool = false,
                            by actor: Actor) throws(ServiceError) -> QuantityChangeResult {
        let today = self.today, now = self.now
        return try store.write { tx in
            let (sub, account, scheme) = try changeable(tx, subscriptionId, by: actor)
            let outcome = try Self.quantityChange(sub, quantity, on: today, scheme)
            try checkRaise(tx, sub, account, outcome, quantity, on: today, aboveCredit: aboveCredit, by: actor)
            try tx.updateSubscriptionTerms(outcome.subscription, on: today)
            var invoice: Invoice?
            if var charge = outcome.charge {
                charge.line.chargeId = try tx.insertPendingCharge(charge, at: now)
                // "On order day": invoiced in this transaction, like an order's first charge.
                if charge.invoiceDate <= today {
                    invoice = try issueCharges(tx, account, [charge], through: today, by: actor, at: now).first
                }
            }
            try tx.audit(actor, "subscription", sub.id, "set-quantity",
                         ["quantity": [String(sub.quantity(on: today)), String(quantity)],
                          "effective": [nil, outcome.effective.description],
                          "charge": [nil, outcome.charge?.line.amount.decimalString]], at: now)
            return QuantityChangeResult(subscription: outcome.subscription, effective: outcome.effective,
                                        charge: outcome.charge, invoice: invoice)
        }
    }

    /// `setQuantity` without writing: the pure `QuantityChange` over the subscription as stored today, with
    /// the same checks (the right, the account's status, the quantity's range, a raise's right and credit:
    /// a storefront user is refused here already; staff see the credit and confirm a raise above it).
    public func previewQuantity(subscriptionId: Int64, quantity: Int,
                                by actor: Actor) throws(ServiceError) -> QuantityPreview {
        let today = self.today
        return try store.read { tx in
            let (sub, account, scheme) = try changeable(tx, subscriptionId, by: actor)
            let outcome = try Self.quantityChange(sub, quantity, on: today, scheme)
            let purchase = try checkRaise(tx, sub, account, outcome, quantity, on: today, aboveCredit: true,
                                          by: actor)
            return QuantityPreview(subscription: sub, current: sub.quantity(on: today), quantity: quantity,
                                   effective: outcome.effective, charge: outcome.charge?.line,
                                   invoiceDate: outcome.charge?.invoiceDate, cost: purchase?.cost,
                                   availableCredit: purchase?.available)
        }
    }

    /// The pure rule's outcome, its refusal as the service's (the one place both the change and its
    /// preview apply it).
    static func quantityChange(_ sub: Subscription, _ quantity: Int, on day: CalendarDay,
                               _ scheme: BillingScheme) throws(ServiceError) -> QuantityChange.Outcome {
        do throws(FieldError) {
            return try QuantityChange.apply(sub, quantity: quantity, on: day, scheme: scheme)
        } catch {
            throw ServiceError.invalid([error])
        }
    }

    /// Ends a subscription at its period end, or today with `now`, crediting the whole days invoiced after
    /// today with a credit note `CRN-000001` numbered without gaps in this transaction (domain.md#changes).
    public func cancelSubscription(_ subscriptionId: Int64, now cancelNow: Bool,
                                   by actor: Actor) throws(ServiceError) -> CancellationResult {
        let today = self.today, now = self.now
        return try store.write { tx in
            let (sub, account, scheme) = try changeable(tx, subscriptionId, by: actor)
            let outcome: SubscriptionCancellation.Outcome
            do throws(FieldError) {
                outcome = try SubscriptionCancellation.apply(sub, now: cancelNow, on: today, scheme: scheme)
            } catch {
                throw ServiceError.invalid([error])
            }
            var note: CreditNote?
            if let credited = outcome.creditNote {
                let draft = try creditNoteDraft(tx, account, sub, credited, on: today)
                note = try issueCreditNote(tx, account, draft, by: actor, at: now)
            }
            try saveEnded(tx, sub, outcome.subscription, action: cancelNow ? "cancel-now" : "cancel",
                          ["creditNote": [nil, note?.number]], by: actor, on: today, at: now)
            return CancellationResult(subscription: outcome.subscription, creditNote: note)
        }
    }

    /// Saves `ended`, what SubscriptionCancellation made of `sub`, and audits it as `action`: its status and end
    /// day, and `details`. One record for staff's cancel and for an account's closing.
    func saveEnded(_ tx: StoreTx, _ sub: Subscription, _ ended: Subscription, action: String,
                   _ details: [String: [String?]], by actor: Actor, on today: CalendarDay, at now: Date) throws {
        try tx.updateSubscriptionTerms(ended, on: today)
        let changes = ["status": [sub.status.rawValue, ended.status.rawValue],
                       "endDate": [sub.endDate?.description, ended.endDate?.description]]
        try tx.audit(actor, "subscription", sub.id, action, changes.merging(details) { _, detail in detail }, at: now)
    }

    /// What cancelling at period end would do, nothing written: the subscription as it would stand (status
    /// Ending at period end, its last day in `endDate`), for the confirmation the storefront asks.
    public func previewCancellation(subscriptionId: Int64, by actor: Actor) throws(ServiceError) -> Subscription {
        let today = self.today
        return try store.read { tx in
            let (sub, _, scheme) = try changeable(tx, subscriptionId, by: actor)
            do throws(FieldError) {
                return try SubscriptionCancellation.apply(sub, now: false, on: today, scheme: scheme).subscription
            } catch {
                throw ServiceError.invalid([error])
            }
        }
    }
}
