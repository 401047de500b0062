/// Day arithmetic for billing periods: whole calendar days, never seconds, so a period can never gain or
/// lose a day to a time zone or a leap second.
extension CalendarDay {
    /// The day `dayNumber` days after 1970-01-01 (the inverse of `dayNumber`; Howard Hinnant's algorithm).
    public init(dayNumber: Int) {
        let z = dayNumber + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        // Billing never leaves the years CalendarDay accepts: periods are at most a year past a valid day.
        self = CalendarDay(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
    }

    public func adding(days: Int) -> CalendarDay { CalendarDay(dayNumber: dayNumber + days) }

    /// Days from `self` to `other`, both counted: 2027-01-10 through 2027-01-31 is 22.
    public func daysThrough(_ other: CalendarDay) -> Int { other.dayNumber - dayNumber + 1 }
}
