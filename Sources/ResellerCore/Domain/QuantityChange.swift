/// A change of a subscription's quantity (domain.md#changes), pure. Raising charges the added units
/// prorated for the rest of the current period, invoiced per Partial Charges Invoicing; lowering takes
/// effect when the next period starts, with nothing charged or credited.
public enum QuantityChange {
    public struct Outcome: Sendable, Hashable {
        public var subscription: Subscription
        /// The added units' charge; nil for a lowering, or a raise on the first day of a period not yet
        /// invoiced (that period is then invoiced with the new quantity).
        public var charge: PendingCharge?
        /// The day the new quantity takes effect.
        public var effective: CalendarDay
    }

    public static func apply(_ sub: Subscription, quantity: Int, on day: CalendarDay,
                             scheme: BillingScheme) throws(FieldError) -> Outcome {
        try Quantity.check(quantity, field: SubscriptionQuantitySchema.quantity.id)
        guard sub.status == .active else {
            throw FieldError("subscription", "subscription \(sub.id) is \(sub.status.rawValue); only an Active "
                             + "subscription's quantity can change")
        }
        let calendar = try BillingCalendar(scheme: scheme, start: sub.start, period: sub.period)
        guard let p = calendar.period(containing: day) else {
            throw FieldError("day", "subscription \(sub.id) starts on \(sub.start), after \(day)")
        }
        let inEffect = sub.quantity(on: day)
        var changed = sub
        // A new request replaces a lowering still waiting for the next period.
        changed.quantitySteps.removeAll { $0.from > day }
        guard quantity != inEffect || changed.quantitySteps != sub.quantitySteps else {
            throw FieldError(SubscriptionQuantitySchema.quantity.id, "subscription \(sub.id) already has \(quantity)")
        }
        if quantity < inEffect {
            changed.quantitySteps.append(QuantityStep(from: p.nextStart, quantity: quantity))
            return Outcome(subscription: changed, charge: nil, effective: p.nextStart)
        }
        guard quantity > inEffect else { return Outcome(subscription: changed, charge: nil, effective: day) }
        changed.quantitySteps.removeAll { $0.from == day }
        changed.quantitySteps.append(QuantityStep(from: day, quantity: quantity))
        // Periods are invoiced with the quantity of their first day: on that day, before the period is
        // invoiced, the new quantity is simply billed with it.
        if day == p.start && sub.nextBillingDate <= p.start {
            return Outcome(subscription: changed, charge: nil, effective: day)
        }
        let added = quantity - inEffect
        let whole = try Invoicer.lineTotal(sub.unitPrice, added, field: SubscriptionQuantitySchema.quantity.id)
        let days = day.daysThrough(p.end)
        let prorated = days != p.daysInPeriod
        let line = InvoiceLine(
            forAccountId: sub.forAccountId, forAccountName: sub.forAccountName, subscriptionId: sub.id,
            productCode: sub.productCode, description: sub.description + " (added units)", periodStart: day,
            periodEnd: p.end, quantity: added, unitPrice: sub.unitPrice, daysCharged: prorated ? days : nil,
            daysInPeriod: prorated ? p.daysInPeriod : nil,
            amount: Money(minor: p.prorate(whole, days: days), currency: sub.unitPrice.currency),
            taxClass: sub.taxClass)
        let date = scheme.partialChargesInvoicing == .onNextBillingDay && prorated ? p.nextStart : day
        return Outcome(subscription: changed,
                       charge: PendingCharge(billedAccountId: sub.billedAccountId, invoiceDate: date, line: line),
                       effective: day)
    }
}
