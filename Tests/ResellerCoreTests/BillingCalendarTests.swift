import Testing
@testable import ResellerCore

/// docs/domain.md#periods and the worked examples of issue #12, as tables.
@Suite struct BillingCalendarTests {
    static func day(_ text: String) -> CalendarDay { try! CalendarDay.parse(text, field: "day", label: "day") }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var billingDay: BillingDay?
        var firstOrder: String?
        var start: String
        var period: BillingPeriod = .monthly
        /// "from..to" or "from..to days/inPeriod" for a partial period.
        var expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "billing day the 1st, ordered 10 January: 22/31, then whole months",
             billingDay: .firstOfMonth, start: "2027-01-10",
             expected: ["2027-01-10..2027-01-31 22/31", "2027-02-01..2027-02-28", "2027-03-01..2027-03-31"]),
        Case(name: "without proration, ordered 31 January: the anchor day stays 31",
             billingDay: nil, start: "2027-01-31",
             expected: ["2027-01-31..2027-02-27", "2027-02-28..2027-03-30", "2027-03-31..2027-04-29",
                        "2027-04-30..2027-05-30", "2027-05-31..2027-06-29"]),
        Case(name: "without proration, ordered 30 January of a leap year",
             billingDay: nil, start: "2028-01-30",
             expected: ["2028-01-30..2028-02-28", "2028-02-29..2028-03-29", "2028-03-30..2028-04-29"]),
        Case(name: "billing day the 1st in a leap February: 20/29",
             billingDay: .firstOfMonth, start: "2028-02-10",
             expected: ["2028-02-10..2028-02-29 20/29", "2028-03-01..2028-03-31"]),
        Case(name: "billing day the 1st in a common February: 19/28",
             billingDay: .firstOfMonth, start: "2027-02-10",
             expected: ["2027-02-10..2027-02-28 19/28", "2027-03-01..2027-03-31"]),
        Case(name: "ordered on the billing day: no partial period",
             billingDay: .day(15), start: "2027-03-15",
             expected: ["2027-03-15..2027-04-14", "2027-04-15..2027-05-14"]),
        Case(name: "billing day the 15th, ordered on the 20th: 26 days of the month 15 Jan – 14 Feb",
             billingDay: .day(15), start: "2027-01-20",
             expected: ["2027-01-20..2027-02-14 26/31", "2027-02-15..2027-03-14", "2027-03-15..2027-04-14"]),
        Case(name: "billing day the 28th: 23 days of 28 Jan – 27 Feb (31)",
             billingDay: .day(28), start: "2028-02-05",
             expected: ["2028-02-05..2028-02-27 23/31", "2028-02-28..2028-03-27", "2028-03-28..2028-04-27"]),
        Case(name: "last of month in short months",
             billingDay: .lastOfMonth, start: "2027-02-10",
             expected: ["2027-02-10..2027-02-27 18/28", "2027-02-28..2027-03-30", "2027-03-31..2027-04-29",
                        "2027-04-30..2027-05-30"]),
        Case(name: "last of month, ordered on the last day of February: no partial period",
             billingDay: .lastOfMonth, start: "2028-02-29",
             expected: ["2028-02-29..2028-03-30", "2028-03-31..2028-04-29"]),
        Case(name: "day of first order: the first order starts on it",
             billingDay: .dayOfFirstOrder, firstOrder: nil, start: "2027-01-31",
             expected: ["2027-01-31..2027-02-27", "2027-02-28..2027-03-30"]),
        Case(name: "day of first order the 31st, a later order prorates to the month's end",
             billingDay: .dayOfFirstOrder, firstOrder: "2027-01-31", start: "2027-02-10",
             expected: ["2027-02-10..2027-02-27 18/28", "2027-02-28..2027-03-30", "2027-03-31..2027-04-29"]),
        Case(name: "day of first order the 10th, later order on the 20th",
             billingDay: .dayOfFirstOrder, firstOrder: "2027-01-10", start: "2027-02-20",
             expected: ["2027-02-20..2027-03-09 18/28", "2027-03-10..2027-04-09"]),
        Case(name: "annual, billing day the 1st: 22/365, then years from the billing date",
             billingDay: .firstOfMonth, start: "2027-01-10", period: .annual,
             expected: ["2027-01-10..2027-01-31 22/365", "2027-02-01..2028-01-31", "2028-02-01..2029-01-31"]),
        Case(name: "annual in a leap year: 22/366",
             billingDay: .firstOfMonth, start: "2028-01-10", period: .annual,
             expected: ["2028-01-10..2028-01-31 22/366", "2028-02-01..2029-01-31"]),
        Case(name: "annual without proration from 29 February keeps the anchor for the next leap year",
             billingDay: nil, start: "2028-02-29", period: .annual,
             expected: ["2028-02-29..2029-02-27", "2029-02-28..2030-02-27", "2030-02-28..2031-02-27",
                        "2031-02-28..2032-02-28", "2032-02-29..2033-02-27"]),
        Case(name: "across the year end",
             billingDay: .firstOfMonth, start: "2027-12-20",
             expected: ["2027-12-20..2027-12-31 12/31", "2028-01-01..2028-01-31"]),
    ]

    static func render(_ p: ChargePeriod) -> String {
        "\(p.start)..\(p.end)" + (p.isPartial ? " \(p.days)/\(p.daysInPeriod)" : "")
    }

    @Test(arguments: cases) func periods(_ c: Case) throws {
        let scheme = try BillingScheme(billingDay: c.billingDay, firstOrderDay: c.firstOrder.map(Self.day))
        let calendar = try BillingCalendar(scheme: scheme, start: Self.day(c.start), period: c.period)
        let got = calendar.periods.prefix(c.expected.count).map(Self.render)
        #expect(got == c.expected)
        // Periods tile the calendar: each starts the day after the one before, and whole ones charge in full.
        for (a, b) in zip(calendar.periods.prefix(24), calendar.periods.dropFirst().prefix(23)) {
            #expect(b.start == a.nextStart)
            #expect(b.isPartial == false && b.days == b.daysInPeriod)
        }
    }

    @Test(arguments: cases) func periodContainingEveryDayAgreesWithTheSequence(_ c: Case) throws {
        let scheme = try BillingScheme(billingDay: c.billingDay, firstOrderDay: c.firstOrder.map(Self.day))
        let calendar = try BillingCalendar(scheme: scheme, start: Self.day(c.start), period: c.period)
        #expect(calendar.period(containing: Self.day(c.start).adding(days: -1)) == nil)
        for p in calendar.periods.prefix(c.period == .annual ? 3 : 14) {
            for n in stride(from: p.start.dayNumber, through: p.end.dayNumber, by: 1) {
                let d = CalendarDay(dayNumber: n)
                #expect(calendar.period(containing: d) == p, "\(d)")
            }
            #expect(calendar.period(startingOn: p.start) == p)
        }
        #expect(calendar.period(startingOn: calendar.first.start.adding(days: 1)) == nil)
    }

    @Test func theIssuesFirstExampleChargesTheDocumentedAmounts() throws {
        // Monthly 30.00 × 2 ordered 2027-01-10, billing day the 1st: 42.58 (22/31 of 60.00), then 60.00.
        let calendar = try BillingCalendar(scheme: BillingScheme(billingDay: .firstOfMonth),
                                           start: Self.day("2027-01-10"), period: .monthly)
        let charges = calendar.periods.prefix(2).map { $0.charge(6000) }
        #expect(charges == [4258, 6000])
        // Half up: 5.60 × 22/31 = 3.974… → 3.97; 0.01 × 15/30 = 0.005 → 0.01; 0.03 × 15/30 = 0.015 → 0.02.
        #expect(calendar.first.charge(560) == 397)
        let half = ChargePeriod(start: Self.day("2027-04-16"), end: Self.day("2027-04-30"), daysInPeriod: 30,
                                isPartial: true)
        #expect(half.charge(1) == 1)
        #expect(half.charge(3) == 2)   // 1.5 → 2
    }

    @Test func billingDaysTwentyNineToThirtyOneAreRefused() {
        for d in [0, 29, 30, 31] {
            #expect(throws: FieldError.self) { try BillingScheme(billingDay: .day(d)) }
            do { _ = try BillingScheme(billingDay: .day(d)) } catch { #expect(error.field == "billingDay") }
        }
        #expect(throws: Never.self) { try BillingScheme(billingDay: .day(28)) }
        #expect(throws: (any Error).self) { try BillingDay.parse("29") }
    }

    @Test func oneTimeItemsAndStartsBeforeTheFirstOrderAreRefused() throws {
        let scheme = try BillingScheme(billingDay: .dayOfFirstOrder, firstOrderDay: Self.day("2027-03-01"))
        do {
            _ = try BillingCalendar(scheme: scheme, start: Self.day("2027-05-01"), period: .oneTime)
            Issue.record("a one-time item has no periods")
        } catch { #expect(error.field == "billingPeriod") }
        do {
            _ = try BillingCalendar(scheme: scheme, start: Self.day("2027-02-01"), period: .monthly)
            Issue.record("a start before the first order is inconsistent")
        } catch { #expect(error.field == "startDay") }
    }

    @Test func dayArithmeticRoundTrips() {
        for n in stride(from: -1000, through: 40000, by: 7) {
            #expect(CalendarDay(dayNumber: n).dayNumber == n)
        }
        #expect(Self.day("2028-02-28").adding(days: 1) == Self.day("2028-02-29"))
        #expect(Self.day("2027-02-28").adding(days: 1) == Self.day("2027-03-01"))
        #expect(Self.day("2027-12-31").adding(days: 1) == Self.day("2028-01-01"))
        #expect(Self.day("2027-01-10").daysThrough(Self.day("2027-01-31")) == 22)
    }
}
