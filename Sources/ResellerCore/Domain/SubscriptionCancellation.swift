/// Cancelling a subscription (domain.md#changes), pure. By default it ends at its period end and
/// nothing is credited; "cancel now" ends it on the day and credits the whole days paid for after it,
/// prorated the same way periods are charged. The cancel day itself counts as used, as the order day does.
public enum SubscriptionCancellation {
    public struct Outcome: Sendable, Hashable {
        public var subscription: Subscription
        /// Only for "cancel now" with invoiced days after the day: what its credit note credits, before tax
        /// (the service gives each line the tax of the invoice that charged it).
        public var creditNote: CreditedDays?
    }

    /// The lines a "cancel now" credits and their summed nets.
    public struct CreditedDays: Sendable, Hashable {
        public var lines: [InvoiceLine]
        public var total: Money
    }

    public static func apply(_ sub: Subscription, now: Bool, on day: CalendarDay,
                             scheme: BillingScheme) throws(FieldError) -> Outcome {
        guard sub.status == .active || (now && sub.status == .ending) else {
            throw FieldError("subscription", "subscription \(sub.id) is \(sub.status.rawValue) already")
        }
        let calendar = try BillingCalendar(scheme: scheme, start: sub.start, period: sub.period)
        guard let current = calendar.period(containing: day) else {
            throw FieldError("day", "subscription \(sub.id) starts on \(sub.start), after \(day)")
        }
        var ended = sub
        // At period end: the end of the last period invoiced, which a run through a later date may have put past
        // the current one; nothing is credited, so the customer keeps what it was charged for.
        ended.endDate = now ? day : max(current.end, sub.nextBillingDate.adding(days: -1))
        ended.status = now ? .canceled : .ending
        // Nothing after the end is billed: drop a lowering that would have started later.
        ended.quantitySteps.removeAll { $0.from > ended.endDate! }
        guard now else { return Outcome(subscription: ended, creditNote: nil) }

        // Credit every day invoiced after `day`: the rest of the current period, and any later period a run
        // through a future date already invoiced. A period not yet invoiced is billed only up to the day.
        var lines: [InvoiceLine] = []
        var p = current
        while p.start < sub.nextBillingDate {
            let from = max(p.start, day.adding(days: 1))
            if from <= p.end {
                let invoicedUnits = sub.quantity(on: p.start)
                // Added units of this period are charged to its end even when the charge still waits.
                let raisedUnits = p.contains(day) ? sub.quantity(on: day) - invoicedUnits : 0
                let units = invoicedUnits + max(0, raisedUnits)
                let days = from.daysThrough(p.end)
                let whole = try Invoicer.lineTotal(sub.unitPrice, units, field: "quantity")
                lines.append(InvoiceLine(
                    forAccountId: sub.forAccountId, forAccountName: sub.forAccountName, subscriptionId: sub.id,
                    productCode: sub.productCode, description: sub.description + " (cancelled)", periodStart: from,
                    periodEnd: p.end, quantity: units, unitPrice: sub.unitPrice,
                    daysCharged: days == p.daysInPeriod ? nil : days,
                    daysInPeriod: days == p.daysInPeriod ? nil : p.daysInPeriod,
                    amount: Money(minor: p.prorate(whole, days: days), currency: sub.unitPrice.currency),
                    taxClass: sub.taxClass))
            }
            p = calendar.period(after: p)
        }
        // A current period not yet invoiced: its added units' charge still runs to the period end.
        if current.start >= sub.nextBillingDate, current.end > day {
            let raised = sub.quantity(on: day) - sub.quantity(on: current.start)
            if raised > 0 {
                let days = day.adding(days: 1).daysThrough(current.end)
                let whole = try Invoicer.lineTotal(sub.unitPrice, raised, field: "quantity")
                lines.append(InvoiceLine(
                    forAccountId: sub.forAccountId, forAccountName: sub.forAccountName, subscriptionId: sub.id,
                    productCode: sub.productCode, description: sub.description + " (cancelled)",
                    periodStart: day.adding(days: 1), periodEnd: current.end, quantity: raised,
                    unitPrice: sub.unitPrice, daysCharged: days, daysInPeriod: current.daysInPeriod,
                    amount: Money(minor: current.prorate(whole, days: days), currency: sub.unitPrice.currency),
                    taxClass: sub.taxClass))
            }
        }
        let total = try Invoicer.total(lines, currency: sub.unitPrice.currency)
        let note = total.minor == 0 ? nil : CreditedDays(lines: lines, total: total)
        return Outcome(subscription: ended, creditNote: note)
    }
}
