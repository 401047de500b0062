import Testing
@testable import ResellerCore

@Suite struct ProrationTests {
    func day(_ y: Int, _ m: Int, _ d: Int) -> CalendarDay { CalendarDay(year: y, month: m, day: d)! }

    @Test func theDocumentedExample() throws {
        // Billing day the 1st, order on 10 January: 22/31 of the monthly price (the order day counts).
        let p = try #require(Proration.partial(orderDay: day(2026, 1, 10), billingDay: .firstOfMonth, firstOrderDay: nil, period: .monthly))
        #expect(p.days == 22)
        #expect(p.periodDays == 31)
        #expect(p.nextBillingDay == day(2026, 2, 1))
        #expect(p.apply(to: 3100) == 2200)
        #expect(p.apply(to: 560) == 397)   // 560 × 22 / 31 = 397.4 → 397
    }

    @Test func onTheBillingDayThereIsNoPartialPeriod() {
        #expect(Proration.partial(orderDay: day(2026, 3, 1), billingDay: .firstOfMonth, firstOrderDay: nil, period: .monthly) == nil)
        #expect(Proration.partial(orderDay: day(2026, 2, 28), billingDay: .lastOfMonth, firstOrderDay: nil, period: .monthly) == nil)
    }

    @Test func lastOfMonthAndFixedDays() throws {
        let last = try #require(Proration.partial(orderDay: day(2026, 2, 10), billingDay: .lastOfMonth, firstOrderDay: nil, period: .monthly))
        #expect(last.nextBillingDay == day(2026, 2, 28))
        #expect(last.days == 18)
        #expect(last.periodDays == 28)   // 31 Jan → 28 Feb
        let fifteenth = try #require(Proration.partial(orderDay: day(2026, 1, 20), billingDay: .day(15), firstOrderDay: nil, period: .monthly))
        #expect(fifteenth.nextBillingDay == day(2026, 2, 15))
        #expect(fifteenth.days == 26)
        #expect(fifteenth.periodDays == 31)
        let before = try #require(Proration.partial(orderDay: day(2026, 3, 5), billingDay: .day(15), firstOrderDay: nil, period: .monthly))
        #expect(before.nextBillingDay == day(2026, 3, 15))
        #expect(before.days == 10)
        #expect(before.periodDays == 28)   // 15 Feb → 15 Mar
    }

    @Test func dayOfFirstOrder() throws {
        #expect(Proration.partial(orderDay: day(2026, 1, 10), billingDay: .dayOfFirstOrder, firstOrderDay: nil, period: .monthly) == nil)
        let later = try #require(Proration.partial(orderDay: day(2026, 2, 20), billingDay: .dayOfFirstOrder,
                                                   firstOrderDay: day(2026, 1, 10), period: .monthly))
        #expect(later.nextBillingDay == day(2026, 3, 10))
        #expect(later.days == 18)
    }

    @Test func annualUsesTheDaysOfTheYear() throws {
        let p = try #require(Proration.partial(orderDay: day(2026, 1, 10), billingDay: .firstOfMonth, firstOrderDay: nil, period: .annual))
        #expect(p.days == 22)
        #expect(p.periodDays == 365)
        let leap = try #require(Proration.partial(orderDay: day(2028, 1, 10), billingDay: .firstOfMonth, firstOrderDay: nil, period: .annual))
        #expect(leap.periodDays == 366)
    }

    @Test func oneTimeChargesAreNeverProrated() {
        #expect(Proration.partial(orderDay: day(2026, 1, 10), billingDay: .firstOfMonth, firstOrderDay: nil, period: .oneTime) == nil)
    }

    @Test func yearBoundary() throws {
        let p = try #require(Proration.partial(orderDay: day(2026, 12, 20), billingDay: .firstOfMonth, firstOrderDay: nil, period: .monthly))
        #expect(p.nextBillingDay == day(2027, 1, 1))
        #expect(p.days == 12)
        #expect(p.periodDays == 31)
    }

    @Test func calendarDays() {
        #expect(day(1970, 1, 1).dayNumber == 0)
        #expect(day(2026, 3, 1).dayNumber - day(2026, 2, 1).dayNumber == 28)
        #expect(day(2024, 3, 1).dayNumber - day(2024, 2, 1).dayNumber == 29)
        #expect(CalendarDay(year: 2026, month: 2, day: 29) == nil)
        #expect(day(2026, 1, 31).adding(months: 1, clampTo: 31) == day(2026, 2, 28))
        #expect(day(2026, 1, 15).adding(months: -1, clampTo: 15) == day(2025, 12, 15))
    }
}

@Suite struct PriceListCSVTests {
    let eur = Currency.named("EUR")!

    @Test func parsesQuotedFieldsAndCRLF() throws {
        let csv = "\u{FEFF}code,description,billing_period,price\r\nA,\"Cloud VM, 2 vCPU \"\"large\"\"\",monthly,31.00\r\nB,Setup,one-time,150\r\n"
        let items = try PriceListCSV.parse(csv, currency: eur)
        #expect(items.count == 2)
        #expect(items[0].description == "Cloud VM, 2 vCPU \"large\"")
        #expect(items[1].unitPrice == Money(minor: 15000, currency: "EUR"))
        #expect(items[1].billingPeriod == .oneTime)
    }

    @Test func reportsEveryBadRowWithItsLine() {
        let csv = """
            code,description,billing_period,price
            A,Good,monthly,1.00
            ,Missing code,monthly,1.00
            C,Bad period,weekly,1.00
            D,Bad price,monthly,1.999
            A,Duplicate,monthly,2.00
            E,Too few
            """
        let errors = fieldErrors { _ = try PriceListCSV.parse(csv, currency: eur) }
        let text = errors.map(\.message).joined(separator: "\n")
        #expect(errors.count == 5)
        for expected in ["line 3", "line 4", "line 5", "line 6", "line 7"] { #expect(text.contains(expected), "\(expected)") }
        #expect(Set(errors.map(\.field)) == ["code", "billing_period", "price", "file"])
    }

    @Test func headerAndEmptyFiles() {
        #expect(fields { _ = try PriceListCSV.parse("", currency: eur) } == ["file"])
        #expect(fields { _ = try PriceListCSV.parse("sku,name,period,amount\nA,B,monthly,1", currency: eur) } == ["file"])
        #expect(fields { _ = try PriceListCSV.parse("code,description,billing_period,price\n", currency: eur) } == ["file"])
        #expect(fields { _ = try PriceListCSV.parse("code,description,billing_period,price\n\"A,B,monthly,1", currency: eur) } == ["file"])
    }

    @Test func hostileTextIsRefused() {
        let csv = "code,description,billing_period,price\nA,\"Evil \u{1B}]52;c;aGk=\u{07}\",monthly,1\n"
        #expect(fields { _ = try PriceListCSV.parse(csv, currency: eur) } == ["description"])
    }
}
