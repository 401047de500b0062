/// Proration of the first charge of recurring items (domain.md#proration): by actual days, the order day counted.
/// With billing day the 1st, an order on 10 January pays 22/31 of the monthly price. Annual items pay the
/// same partial days over the days of the year that starts at the previous billing day.
public struct Proration: Sendable, Hashable {
    /// Days charged, order day included.
    public let days: Int
    /// Days of the whole period the fraction is taken of.
    public let periodDays: Int
    /// The next billing day: when the first full period starts.
    public let nextBillingDay: CalendarDay

    /// The partial period of an order on `orderDay`, or nil when the order falls on a billing day (the
    /// first charge is then a whole period) or the account has no billing day yet (its first order sets it).
    public static func partial(orderDay: CalendarDay, billingDay: BillingDay, firstOrderDay: CalendarDay?,
                               period: BillingPeriod) -> Proration? {
        guard period.isRecurring else { return nil }
        let anchor: Int   // 1...31, 31 meaning "the last day of each month"
        switch billingDay {
        case .firstOfMonth: anchor = 1
        case .lastOfMonth: anchor = 31
        case .day(let d): anchor = d
        case .dayOfFirstOrder:
            guard let first = firstOrderDay else { return nil }
            anchor = first.day
        }
        let thisMonth = orderDay.adding(months: 0, clampTo: anchor)
        if thisMonth == orderDay { return nil }
        let previous = thisMonth < orderDay ? thisMonth : orderDay.adding(months: -1, clampTo: anchor)
        let next = thisMonth > orderDay ? thisMonth : orderDay.adding(months: 1, clampTo: anchor)
        let days = next.dayNumber - orderDay.dayNumber
        let periodDays = period == .annual
            ? previous.adding(months: 12, clampTo: anchor).dayNumber - previous.dayNumber
            : next.dayNumber - previous.dayNumber
        return Proration(days: days, periodDays: periodDays, nextBillingDay: next)
    }

    /// `amount` × days / periodDays, rounded half up to the minor unit.
    public func apply(to amount: Int64) -> Int64 {
        (amount * Int64(days) * 2 + Int64(periodDays)) / (Int64(periodDays) * 2)
    }
}
