/// One period a subscription is charged for, in advance: its first and last day (both counted) and, when
/// it is shorter than a whole period, the proration of its price.
public struct ChargePeriod: Sendable, Hashable, CustomStringConvertible {
    public let start: CalendarDay
    public let end: CalendarDay
    /// Days of the calendar period the price is for: the period itself when whole; for a partial first
    /// period the month (or the year, 365 or 366) that contains it, as `Proration` says.
    public let daysInPeriod: Int
    public let isPartial: Bool

    public init(start: CalendarDay, end: CalendarDay, daysInPeriod: Int, isPartial: Bool) {
        self.start = start; self.end = end; self.daysInPeriod = daysInPeriod; self.isPartial = isPartial
    }

    /// Days charged, both ends counted.
    public var days: Int { start.daysThrough(end) }
    /// The day after the period: the next billing date.
    public var nextStart: CalendarDay { end.adding(days: 1) }

    public func contains(_ day: CalendarDay) -> Bool { start <= day && day <= end }

    /// The charge of `days` days of this period for a whole-period price of `amount` minor units, rounded
    /// half up to the minor unit the way the order's first charge is (`Proration.apply`).
    public func prorate(_ amount: Int64, days: Int) -> Int64 {
        if days == daysInPeriod { return amount }
        return Proration(days: days, periodDays: daysInPeriod, nextBillingDay: nextStart).apply(to: amount)
    }

    /// What the period costs for a whole-period price of `amount`.
    public func charge(_ amount: Int64) -> Int64 { prorate(amount, days: days) }

    public var description: String { "\(start) – \(end)" + (isPartial ? " (\(days)/\(daysInPeriod))" : "") }
}
