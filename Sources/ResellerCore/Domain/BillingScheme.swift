/// What an account's Ordering settings say about billing (domain.md#billing: "these settings govern the billing scheme
/// for this customer"): the billing day when Enable Prorate Billing is on, the day of its first executed
/// order (for "day of first order"), and when partial charges are invoiced.
public struct BillingScheme: Sendable, Hashable {
    /// nil: proration off, periods run from each order day.
    public var billingDay: BillingDay?
    /// The account's first executed order; nil before it (that order then fixes the day).
    public var firstOrderDay: CalendarDay?
    public var partialChargesInvoicing: PartialChargesInvoicing

    public init(billingDay: BillingDay?, firstOrderDay: CalendarDay? = nil,
                partialChargesInvoicing: PartialChargesInvoicing = .onOrderDay) throws(FieldError) {
        // The form and `BillingDay.parse` already refuse 29–31; a value built in code must not slip past:
        // a billing day the 31st would silently mean "last" in short months and the 31st in others.
        if case .day(let d)? = billingDay, !(1...28).contains(d) {
            throw FieldError("billingDay", "billing day must be first, last, first-order or a day 1–28, not \(d)")
        }
        self.billingDay = billingDay
        self.firstOrderDay = firstOrderDay
        self.partialChargesInvoicing = partialChargesInvoicing
    }

    /// The scheme of an account's Ordering section; without Ordering, no proration and charges on order day.
    public init(_ ordering: Ordering?, firstOrderDay: CalendarDay?) throws(FieldError) {
        try self.init(billingDay: ordering?.prorateBillingDay, firstOrderDay: firstOrderDay,
                      partialChargesInvoicing: ordering?.partialChargesInvoicing ?? .onOrderDay)
    }
}
