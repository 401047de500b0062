import Foundation

/// The credit check (domain.md#credit): an account's available credit, and a quantity raise checked against it as a
/// purchase. An order compares its preview's total with the same available credit (`OrderPreview.withinCredit`).
extension ResellerService {
    private var quantityField: String { SubscriptionQuantitySchema.quantity.id }

    /// Available credit = credit limit − balance (domain.md#credit); nil means Unlimited. A caller that has read
    /// the balance, or knows the account has no charges waiting, passes what it knows (a billing run's batch).
    func available(_ tx: StoreTx, _ account: Account, balance: Int64? = nil,
                   uninvoiced known: Int64? = nil) throws -> Money? {
        guard case .amount(let limit)? = account.fields.ordering?.creditLimit else { return nil }
        // Charges executed but not yet invoiced (a raised quantity waiting for the next billing day) are spent
        // credit already (domain.md#credit: available credit = limit − balance − uninvoiced charges), with the
        // tax they will bear (domain.md#the-seller-and-tax).
        let uninvoiced = try known ?? uninvoicedGross(tx, account)
        let (owed, o1) = try (balance ?? tx.balance(of: account.id)).addingReportingOverflow(uninvoiced)
        let (left, o2) = limit.minor.subtractingReportingOverflow(owed)
        let overflow = o1 || o2
        // Only a ledger no form can write gets here (each entry is at most the ceiling); refuse, never trap.
        guard !overflow else {
            throw ServiceError.refused(field: "account",
                                       message: "the ledger balance of \(account.name) is out of range; "
                                           + "ask \(settings.helpContact) to check it")
        }
        return Money(minor: left, currency: limit.currency)
    }

    /// The account's charges not yet invoiced, gross. Their tax is known only with a configured seller; until
    /// then nothing can be invoiced or ordered, and they count at their nets.
    private func uninvoicedGross(_ tx: StoreTx, _ account: Account, tax: Invoicer.Tax? = nil) throws -> Int64 {
        let charges = try tx.uninvoicedCharges(of: account.id)
        guard !charges.isEmpty else { return 0 }
        let lines = charges.map { ($0.line.amount, $0.line.taxClass, $0.invoiceDate) }
        guard settings.seller.missingKeys.isEmpty else {
            return try lines.reduce(0) { sum, l in try MoneySum.add(sum, l.0.minor, what: "the uninvoiced charges") }
        }
        return try taxed(tx, account, lines, tax: tax).total.minor
    }

    /// The accounts table's rows, their waiting charges counted gross as the credit check counts them (the
    /// table sums their nets; only accounts that have some are read again).
    func summaries(_ tx: StoreTx, _ ids: [Int64]) throws -> [AccountSummary] {
        var rows = try tx.summaries(ids)
        var tax: Invoicer.Tax?   // the rates, read once for the page
        for i in rows.indices where rows[i].uninvoicedMinor > 0 {
            tax = try tax ?? invoiceTax(tx)
            rows[i].uninvoicedMinor = try uninvoicedGross(tx, rows[i].account, tax: tax)
        }
        return rows
    }

    public func availableCredit(_ accountId: Int64) throws(ServiceError) -> CreditLimit? {
        try store.read { tx in
            guard let a = try tx.account(accountId) else {
                throw ServiceError.notFound(field: "account", message: "no account \(AccountCode.format(accountId))")
            }
            guard a.fields.ordering != nil else { return nil }
            return try available(tx, a).map(CreditLimit.amount) ?? .unlimited
        }
    }

    /// What a raise buys and the credit it may use; nil for a lowering. The added units' charge, or, on a
    /// period's first day before that period is invoiced, the added units for the whole period (its renewal
    /// bills them, and renewals are never held back by the credit limit, so the raise is where to check).
    func raiseCost(_ tx: StoreTx, _ sub: Subscription, _ account: Account, _ outcome: QuantityChange.Outcome,
                   _ quantity: Int, on day: CalendarDay) throws -> (cost: Money, available: Money?)? {
        let added = quantity - sub.quantity(on: day)
        guard added > 0 else { return nil }
        var cost: Money, invoiced = day
        if let charge = outcome.charge {
            cost = charge.line.amount
            invoiced = charge.invoiceDate
        } else {
            do throws(FieldError) {
                cost = Money(minor: try Invoicer.lineTotal(sub.unitPrice, added, field: quantityField),
                             currency: sub.unitPrice.currency)
            } catch {
                throw ServiceError.invalid([error])
            }
        }
        // Counted gross, as an order's first charges are (domain.md#the-seller-and-tax).
        cost = try taxed(tx, account, [(cost, sub.taxClass, invoiced)]).total
        return (cost, try available(tx, account))
    }

    /// A raise is a purchase (issue #21), checked in the transaction that writes it, as an order is: a
    /// storefront user needs the Buyer right (or Admin) besides Subscriptions Manager, and is refused above
    /// the available credit (it cannot wait for staff as a Submitted order does: the units count at once);
    /// staff go above it only when they confirmed it (`aboveCredit`, the CLI's `--above-credit`). Returns what
    /// the raise buys and the credit it may use (nil for a lowering), for the preview to show.
    @discardableResult
    func checkRaise(_ tx: StoreTx, _ sub: Subscription, _ account: Account, _ outcome: QuantityChange.Outcome,
                    _ quantity: Int, on day: CalendarDay, aboveCredit: Bool,
                    by actor: Actor) throws -> (cost: Money, available: Money?)? {
        guard let purchase = try raiseCost(tx, sub, account, outcome, quantity, on: day) else { return nil }
        let (cost, available) = purchase
        let storefront: Bool
        if case .storefront = actor { storefront = true } else { storefront = false }
        if storefront {
            do { try checkStorefrontRights(tx, actor, accountId: sub.billedAccountId, needs: .order) } catch {
                throw ServiceError.refused(field: quantityField, message: "raising a quantity is a purchase: "
                                           + StorefrontRight.order.refusal)
            }
        }
        guard let available, cost.minor > 0, cost.minor > available.minor else { return purchase }
        let what = "raising subscription \(sub.id) to \(quantity) costs \(cost.display)"
        if storefront {
            throw ServiceError.refused(field: quantityField, message: "\(what) but only \(available.display) of "
                                       + "credit is available; to raise it, ask \(settings.helpContact) for more "
                                       + "credit or pay an open invoice first")
        }
        guard aboveCredit else {
            throw ServiceError.refused(field: quantityField, message: "\(what) but \(account.name) has only "
                                       + "\(available.display) available; record a payment first, or confirm "
                                       + "raising it above the credit")
        }
        return purchase
    }
}
