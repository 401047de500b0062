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

extension ResellerService {
    /// Raising charges the added units for the rest of the period, invoiced today ("on order day") or with
    /// the next billing date; lowering counts from the next period (doc: Billing → Changes). The rule is
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

    /// Ends a subscription at its period end, or today with `now`, crediting the whole days invoiced after
    /// today with a credit note `CRN-000001` numbered without gaps in this transaction (doc).
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
            try tx.updateSubscriptionTerms(outcome.subscription, on: today)
            var note: CreditNote?
            if let draft = outcome.creditNote {
                note = try issueCreditNote(tx, account, draft, by: actor, at: now)
            }
            try tx.audit(actor, "subscription", sub.id, cancelNow ? "cancel-now" : "cancel",
                         ["status": [sub.status.rawValue, outcome.subscription.status.rawValue],
                          "endDate": [sub.endDate?.description, outcome.subscription.endDate?.description],
                          "creditNote": [nil, note?.number]], at: now)
            return CancellationResult(subscription: outcome.subscription, creditNote: note)
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

    /// What a raise buys and the credit it may use; nil for a lowering. The added units' charge, or, on a
    /// period's first day before that period is invoiced, the added units for the whole period (its renewal
    /// bills them, and renewals are never held back by the credit limit, so the raise is where to check).
    func raiseCost(_ tx: StoreTx, _ sub: Subscription, _ account: Account, _ outcome: QuantityChange.Outcome,
                   _ quantity: Int, on day: CalendarDay) throws -> (cost: Money, available: Money?)? {
        let added = quantity - sub.quantity(on: day)
        guard added > 0 else { return nil }
        let cost: Money
        if let charge = outcome.charge {
            cost = charge.line.amount
        } else {
            do throws(FieldError) {
                cost = Money(minor: try Invoicer.lineTotal(sub.unitPrice, added, field: "quantity"),
                             currency: sub.unitPrice.currency)
            } catch {
                throw ServiceError.invalid([error])
            }
        }
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
                throw ServiceError.refused(field: "quantity", message: "raising a quantity is a purchase: "
                                           + StorefrontRight.order.refusal)
            }
        }
        guard let available, cost.minor > 0, cost.minor > available.minor else { return purchase }
        let what = "raising subscription \(sub.id) to \(quantity) costs \(cost.display)"
        if storefront {
            throw ServiceError.refused(field: "quantity", message: "\(what) but only \(available.display) of "
                                       + "credit is available; to raise it, ask \(settings.helpContact) for more "
                                       + "credit or pay an open invoice first")
        }
        guard aboveCredit else {
            throw ServiceError.refused(field: "quantity", message: "\(what) but \(account.name) has only "
                                       + "\(available.display) available; record a payment first, or confirm "
                                       + "raising it above the credit")
        }
        return purchase
    }

    public func creditNote(number: String) throws(ServiceError) -> CreditNote {
        let key = number.trimmingCharacters(in: .whitespaces).uppercased()
        guard let found = try store.read({ tx in try tx.creditNote(number: key) }) else {
            throw .notFound(field: "creditNote", message: "no credit note \(number)")
        }
        return found
    }

    /// The subscription, its billed account and scheme, refused unless the account may change it: a
    /// Suspended or Closed account takes no subscription changes (doc: After onboarding), and a storefront
    /// user needs the right (Admin, Subscriptions Manager) in the account billed for it. Another account's
    /// subscription is not found for a storefront user, as a missing one: its id tells nothing.
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
        let scheme = try sub.scheme
            ?? BillingScheme(account.fields.ordering, firstOrderDay: try tx.firstOrderDay(of: account.id))
        return (sub, account, scheme)
    }

    private func issueCreditNote(_ tx: StoreTx, _ account: Account, _ draft: CreditNoteDraft, by actor: Actor,
                                 at now: Date) throws -> CreditNote {
        let number = DocumentNumber.format("CRN", try tx.nextNumber("credit_note"))
        let id = try tx.insertCreditNote(draft, number: number, by: actor, at: now)
        try tx.insertLedger(accountId: account.id, kind: "credit", amount: draft.total.minor, orderId: nil,
                            note: number, creditNoteId: id, by: actor, at: now)
        try tx.audit(actor, "creditNote", id, "issue",
                     ["number": [nil, number], "account": [nil, account.code],
                      "total": [nil, draft.total.decimalString], "date": [nil, draft.date.description]], at: now)
        let lines = Self.mailLines(draft.lines)
        let note = CreditNote(id: id, number: number, draft: draft, createdAt: now)
        // The email carries the document as issued: its parts show what the printable page shows.
        let document = InvoiceDocument(creditNote: note, account: account).jsonText
        for (address, name) in try billingRecipients(tx, account) {
            try tx.enqueue(QueuedMail(kind: .creditNote, toAddress: address, toName: name,
                                      subject: "Credit note \(number) for \(account.name)",
                                      params: ["recipientName": name, "creditNoteNumber": number,
                                               "creditNoteDate": draft.date.description,
                                               "resellerName": account.name, "total": draft.total.display,
                                               "lines": lines, "document": document,
                                               "helpContact": settings.helpContact]), at: now)
        }
        return note
    }
}
