/// Active, Ending at period end, or Canceled (domain.md#subscriptions).
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable {
    case active = "Active", ending = "Ending at period end", canceled = "Canceled"
}

/// From this day on, this many units. A raise takes effect the day it is made (the added units are charged
/// for the rest of the period); a lowering takes effect when the next period starts (domain.md#changes).
public struct QuantityStep: Sendable, Hashable, Codable {
    public var from: CalendarDay
    public var quantity: Int
    public init(from: CalendarDay, quantity: Int) { self.from = from; self.quantity = quantity }
}

/// A recurring order line that renews (domain.md#subscriptions: each executed order line of a monthly or annual item).
public struct Subscription: Sendable, Hashable {
    public let id: Int64
    /// The account charged: the reseller.
    public var billedAccountId: Int64
    /// The account it is for: the reseller itself or one of its end customers.
    public var forAccountId: Int64
    public var forAccountName: String
    public var orderId: Int64?
    public var productCode: String
    public var description: String
    public var period: BillingPeriod
    /// Copied at order time: a later price list change never touches it (domain.md#subscriptions).
    public var unitPrice: Money
    public var start: CalendarDay
    /// Quantities by the day they take effect, oldest first; the first starts on `start`.
    public var quantitySteps: [QuantityStep]
    /// The first day not yet invoiced: the start of the next period the run will invoice.
    public var nextBillingDate: CalendarDay
    /// The last day of service once cancelled: its period's end, or the day of a "cancel now".
    public var endDate: CalendarDay?
    public var status: SubscriptionStatus
    /// The billing scheme the subscription was created under; nil means the account's. A later change of
    /// the account's billing day then applies to new orders only, and never moves a period half invoiced.
    public var scheme: BillingScheme?
    /// The item's tax class when ordered: its periods are taxed by it (domain.md#the-seller-and-tax).
    public var taxClass: TaxClass = .standard

    public init(id: Int64, billedAccountId: Int64, forAccountId: Int64, forAccountName: String,
                orderId: Int64? = nil, productCode: String, description: String, period: BillingPeriod,
                unitPrice: Money, start: CalendarDay, quantity: Int, nextBillingDate: CalendarDay? = nil,
                endDate: CalendarDay? = nil, status: SubscriptionStatus = .active) {
        self.id = id; self.billedAccountId = billedAccountId; self.forAccountId = forAccountId
        self.forAccountName = forAccountName; self.orderId = orderId; self.productCode = productCode
        self.description = description; self.period = period; self.unitPrice = unitPrice; self.start = start
        self.quantitySteps = [QuantityStep(from: start, quantity: quantity)]
        self.nextBillingDate = nextBillingDate ?? start
        self.endDate = endDate; self.status = status
    }

    /// The units in effect on `day`.
    public func quantity(on day: CalendarDay) -> Int {
        quantitySteps.last(where: { $0.from <= day })?.quantity ?? quantitySteps.first?.quantity ?? 0
    }

    /// A lowering waiting for the next period, if any, as of `day`.
    public func pendingStep(after day: CalendarDay) -> QuantityStep? { quantitySteps.last(where: { $0.from > day }) }
}
