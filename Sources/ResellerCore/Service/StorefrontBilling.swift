import Foundation

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

/// The billing reads and previews of a storefront user (doc: Role-Based Access): each takes the user as
/// `by` and checks, in the service, that it acts for that account with the right the page needs. Staff
/// actors pass through, as in every other service call.
extension ResellerService {
    /// The subscriptions billed to the account: Admin, Subscriptions Manager, Cloud Administrator (read-only).
    public func subscriptions(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [Subscription] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .seeSubscriptions) }
        return try subscriptions(of: accountId)
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

    /// The account's invoices (Admin, Billing Agent), oldest first, each with its status.
    public func invoices(of accountId: Int64, status: InvoiceStatus? = nil,
                         by actor: Actor) throws(ServiceError) -> [Invoice] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try invoices(of: accountId, status: status)
    }

    public func creditNotes(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [CreditNote] {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try creditNotes(of: accountId)
    }

    /// One invoice as it prints. A storefront user of another account finds none, as for a missing number.
    public func invoiceDocument(number: String, by actor: Actor) throws(ServiceError) -> InvoiceDocument {
        let invoice = try invoice(number: number)
        let account = try billedAccount(invoice.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "invoice", message: "no invoice \(number)"))
        return InvoiceDocument(invoice: invoice, account: account)
    }

    public func creditNoteDocument(number: String, by actor: Actor) throws(ServiceError) -> InvoiceDocument {
        let note = try creditNote(number: number)
        let account = try billedAccount(note.draft.billedAccountId, by: actor,
                                        missing: .notFound(field: "creditNote", message: "no credit note \(number)"))
        return InvoiceDocument(creditNote: note, account: account)
    }

    /// Overdue amount and next invoice's estimate (Admin, Billing Agent), as the dashboard shows them.
    public func billingStanding(accountId: Int64, by actor: Actor) throws(ServiceError) -> BillingStanding {
        try store.read { tx in try checkStorefrontRights(tx, actor, accountId: accountId, needs: .billing) }
        return try billingStanding(accountId: accountId)
    }

    private func billedAccount(_ id: Int64, by actor: Actor, missing: ServiceError) throws(ServiceError) -> Account {
        try store.read { tx in
            if case .storefront = actor {
                do { try checkStorefrontRights(tx, actor, accountId: id, needs: nil) } catch { throw missing }
                try checkStorefrontRights(tx, actor, accountId: id, needs: .billing)
            }
            return try existingAccount(tx, id)
        }
    }
}
