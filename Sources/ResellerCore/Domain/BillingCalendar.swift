/// The periods of one subscription (domain.md#periods), from the account's billing scheme and
/// the subscription's start day and period. Pure: no clock, no storage.
///
/// With proration on, the first period runs from the start day to the day before the next billing date and
/// is charged prorated (`Proration`, the same rule the order's first charge used, so the credit an order
/// took and the invoice that follows agree to the cent); then whole periods start on billing dates. An
/// annual item's partial period also ends at the next monthly billing date, then runs year by year.
/// Without proration, periods run from the start day, on the same day each month (or year) clamped to the
/// month's last day: the anchor day is kept, so 31 January → 28 February → 31 March.
public struct BillingCalendar: Sendable, Hashable {
    public let start: CalendarDay
    public let period: BillingPeriod
    /// The day of the month whole periods start on, 1–31; 31 (or 29, 30) clamps to short months' end.
    public let anchorDay: Int
    /// The first period: partial, or the first whole one when the start is a billing date.
    public let first: ChargePeriod
    /// The first day of the first whole period.
    public let firstFullStart: CalendarDay

    public init(scheme: BillingScheme, start: CalendarDay, period: BillingPeriod) throws(FieldError) {
        guard period.isRecurring else {
            throw FieldError("billingPeriod", "a one-time item has no billing periods; only monthly and annual do")
        }
        if scheme.billingDay == .dayOfFirstOrder, let first = scheme.firstOrderDay, start < first {
            throw FieldError("startDay", "the subscription starts on \(start), before the account's first "
                             + "order on \(first)")
        }
        self.start = start
        self.period = period
        var proration: Proration?
        switch scheme.billingDay {
        case nil:
            anchorDay = start.day
        case .firstOfMonth?: anchorDay = 1
        case .lastOfMonth?: anchorDay = 31
        case .day(let d)?: anchorDay = d
        // The first order fixes the day; the first order itself starts on it and has no partial period.
        case .dayOfFirstOrder?: anchorDay = (scheme.firstOrderDay ?? start).day
        }
        if let day = scheme.billingDay {
            proration = Proration.partial(orderDay: start, billingDay: day,
                                          firstOrderDay: scheme.firstOrderDay ?? start, period: period)
        }
        if let proration {
            firstFullStart = proration.nextBillingDay
            first = ChargePeriod(start: start, end: proration.nextBillingDay.adding(days: -1),
                                 daysInPeriod: proration.periodDays, isPartial: true)
        } else {
            firstFullStart = start
            first = BillingCalendar.full(from: start, index: 0, months: period == .annual ? 12 : 1,
                                         anchor: anchorDay)
        }
    }

    var months: Int { period == .annual ? 12 : 1 }

    private static func full(from base: CalendarDay, index: Int, months: Int, anchor: Int) -> ChargePeriod {
        let s = index == 0 ? base : base.adding(months: index * months, clampTo: anchor)
        let next = base.adding(months: (index + 1) * months, clampTo: anchor)
        let end = next.adding(days: -1)
        return ChargePeriod(start: s, end: end, daysInPeriod: s.daysThrough(end), isPartial: false)
    }

    /// The `index`th whole period (0 is the one starting on `firstFullStart`).
    public func fullPeriod(_ index: Int) -> ChargePeriod {
        BillingCalendar.full(from: firstFullStart, index: index, months: months, anchor: anchorDay)
    }

    /// The period that contains `day`, or nil before the start.
    public func period(containing day: CalendarDay) -> ChargePeriod? {
        guard day >= start else { return nil }
        if first.contains(day) { return first }
        let elapsed = (day.year - firstFullStart.year) * 12 + (day.month - firstFullStart.month)
        var index = max(0, elapsed / months)
        // Clamping can put `day` just before the period its month suggests (e.g. anchor 31 in February).
        while index > 0, fullPeriod(index).start > day { index -= 1 }
        while fullPeriod(index).end < day { index += 1 }
        return fullPeriod(index)
    }

    /// The period that starts on `day`, or nil when no period starts then.
    public func period(startingOn day: CalendarDay) -> ChargePeriod? {
        guard let p = period(containing: day), p.start == day else { return nil }
        return p
    }

    /// The period after `p`.
    public func period(after p: ChargePeriod) -> ChargePeriod { period(containing: p.nextStart)! }

    /// Periods from the first, in order, without end: take what you need with `prefix(while:)`.
    public var periods: UnfoldFirstSequence<ChargePeriod> {
        sequence(first: first) { self.period(after: $0) }
    }
}
