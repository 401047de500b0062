/// One line of an invoice or a credit note (domain.md#invoices: for whom, product, period from–to, quantity, unit
/// price, days charged/days in the period when prorated, amount).
public struct InvoiceLine: Sendable, Hashable {
    public var forAccountId: Int64
    public var forAccountName: String
    /// The subscription a period line charges; nil for a one-time item.
    public var subscriptionId: Int64?
    /// The pending charge this line invoices (a one-time item, added units); nil for a period line.
    public var chargeId: Int64?
    public var productCode: String
    public var description: String
    /// The days charged, both counted; nil for a one-time item.
    public var periodStart: CalendarDay?
    public var periodEnd: CalendarDay?
    public var quantity: Int
    public var unitPrice: Money
    /// Set only when prorated: the days charged of `daysInPeriod`.
    public var daysCharged: Int?
    public var daysInPeriod: Int?
    /// The net amount: quantity × unit price, prorated.
    public var amount: Money
    /// The item's class, copied from the price list when ordered.
    public var taxClass: TaxClass
    /// Set when invoiced (nil on an invoice issued before tax, and on a charge still waiting).
    public var tax: TaxTreatment?

    public init(forAccountId: Int64, forAccountName: String, subscriptionId: Int64? = nil, chargeId: Int64? = nil,
                productCode: String, description: String, periodStart: CalendarDay? = nil,
                periodEnd: CalendarDay? = nil, quantity: Int, unitPrice: Money, daysCharged: Int? = nil,
                daysInPeriod: Int? = nil, amount: Money, taxClass: TaxClass = .standard, tax: TaxTreatment? = nil) {
        self.forAccountId = forAccountId; self.forAccountName = forAccountName
        self.subscriptionId = subscriptionId; self.chargeId = chargeId; self.productCode = productCode
        self.description = description; self.periodStart = periodStart; self.periodEnd = periodEnd
        self.quantity = quantity; self.unitPrice = unitPrice; self.daysCharged = daysCharged
        self.daysInPeriod = daysInPeriod; self.amount = amount; self.taxClass = taxClass; self.tax = tax
    }
}

/// A charge waiting for an invoice: a one-time item, or the added units of a raised quantity, dated by
/// Partial Charges Invoicing (the order or change day, or the next billing date).
public struct PendingCharge: Sendable, Hashable {
    public var billedAccountId: Int64
    public var invoiceDate: CalendarDay
    public var line: InvoiceLine
    /// The order whose first charge this is; nil for a raised quantity.
    public var orderId: Int64?
    public init(billedAccountId: Int64, invoiceDate: CalendarDay, line: InvoiceLine, orderId: Int64? = nil) {
        self.billedAccountId = billedAccountId; self.invoiceDate = invoiceDate; self.line = line
        self.orderId = orderId
    }
}
