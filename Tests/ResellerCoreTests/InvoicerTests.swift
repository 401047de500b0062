import DeskTestSupport
import Testing
@testable import ResellerCore

/// docs/domain.md#billing and the worked examples of issue #12, on the pure invoicer.
@Suite struct InvoicerTests {
    static func day(_ text: String) -> CalendarDay { try! CalendarDay.parse(text, field: "day", label: "day") }
    static func eur(_ minor: Int64) -> Money { Money(minor: minor, currency: "EUR") }

    static func account(_ id: Int64 = 1, billingDay: BillingDay? = .firstOfMonth,
                        partial: PartialChargesInvoicing = .onOrderDay, separate: Bool = false,
                        terms: Int = 30) throws -> BillingAccount {
        try BillingAccount(id: id, scheme: BillingScheme(billingDay: billingDay, partialChargesInvoicing: partial),
                           currency: "EUR", separateInvoices: separate, paymentTermsDays: terms,
                           buyer: TaxRules.Buyer(country: "GR"))
    }

    /// A seller outside the EU: Greek accounts are not subject to VAT, so these invoices total their nets.
    static let tax = Invoicer.Tax(seller: TestSeller.outsideEU, rates: TaxRateTable([]))

    static func sub(_ id: Int64 = 10, account: Int64 = 1, forAccount: Int64? = nil, forName: String = "Aegean",
                    code: String = "VM", period: BillingPeriod = .monthly, price: Int64 = 3000, quantity: Int = 2,
                    start: String = "2027-01-10") -> Subscription {
        Subscription(id: id, billedAccountId: account, forAccountId: forAccount ?? account, forAccountName: forName,
                     productCode: code, description: "Cloud VM", period: period, unitPrice: eur(price),
                     start: day(start), quantity: quantity)
    }

    /// Runs and moves the subscriptions on as storage would once the drafts are issued.
    static func run(_ accounts: [BillingAccount], _ subs: inout [Subscription], charges: [PendingCharge] = [],
                    through: String) throws -> [InvoiceDraft] {
        let run = try Invoicer.run(accounts: accounts, subscriptions: subs, charges: charges, through: day(through),
                                   tax: tax)
        for i in subs.indices { if let next = run.nextBillingDates[subs[i].id] { subs[i].nextBillingDate = next } }
        return run.invoices
    }

    @Test func onOrderDayThePartialIsInvoicedAtOnceThenEachMonthOnce() throws {
        let a = try Self.account()
        var subs = [Self.sub()]
        let first = try Self.run([a], &subs, through: "2027-01-10")
        #expect(first.count == 1)
        #expect(first[0].date == Self.day("2027-01-10"))
        #expect(first[0].dueDate == Self.day("2027-02-09"))
        #expect(first[0].total == Self.eur(4258))
        let line = try #require(first[0].lines.first)
        #expect(line.periodStart == Self.day("2027-01-10") && line.periodEnd == Self.day("2027-01-31"))
        #expect(line.daysCharged == 22 && line.daysInPeriod == 31 && line.quantity == 2)
        #expect(line.unitPrice == Self.eur(3000) && line.subscriptionId == 10 && line.productCode == "VM")
        #expect(subs[0].nextBillingDate == Self.day("2027-02-01"))
        #expect(try Self.run([a], &subs, through: "2027-01-31").isEmpty)

        let february = try Self.run([a], &subs, through: "2027-02-01")
        #expect(february.map(\.total) == [Self.eur(6000)])
        #expect(february[0].lines[0].periodStart == Self.day("2027-02-01"))
        #expect(february[0].lines[0].periodEnd == Self.day("2027-02-28"))
        #expect(february[0].lines[0].daysCharged == nil && february[0].lines[0].daysInPeriod == nil)
        // Running it again issues nothing: the subscription is invoiced through February.
        #expect(try Self.run([a], &subs, through: "2027-02-01").isEmpty)
        #expect(subs[0].nextBillingDate == Self.day("2027-03-01"))
    }

    @Test func onNextBillingDayThePartialJoinsTheFirstWholePeriod() throws {
        let a = try Self.account(partial: .onNextBillingDay)
        var subs = [Self.sub()]
        #expect(try Self.run([a], &subs, through: "2027-01-10").isEmpty)
        #expect(try Self.run([a], &subs, through: "2027-01-31").isEmpty)
        let invoices = try Self.run([a], &subs, through: "2027-02-01")
        #expect(invoices.count == 1)
        #expect(invoices[0].date == Self.day("2027-02-01"))
        #expect(invoices[0].total == Self.eur(10258))
        #expect(invoices[0].lines.map(\.amount) == [Self.eur(4258), Self.eur(6000)])
        #expect(invoices[0].lines.map { $0.periodStart!.description } == ["2027-01-10", "2027-02-01"])
        #expect(try Self.run([a], &subs, through: "2027-02-01").isEmpty)
    }

    @Test func withoutProrationPeriodsRunFromTheOrderDayClamped() throws {
        let a = try Self.account(billingDay: nil, partial: .onNextBillingDay)
        var subs = [Self.sub(quantity: 1, start: "2027-01-31")]
        // No partial charge, so Partial Charges Invoicing changes nothing: the first period is due that day.
        let first = try Self.run([a], &subs, through: "2027-01-31")
        #expect(first.map(\.total) == [Self.eur(3000)])
        #expect(first[0].lines[0].periodEnd == Self.day("2027-02-27"))
        #expect(first[0].lines[0].daysCharged == nil)
        // A late run catches up: each period on the invoice of its own first day.
        let later = try Self.run([a], &subs, through: "2027-03-31")
        #expect(later.map(\.date.description) == ["2027-02-28", "2027-03-31"])
        #expect(later.map { "\($0.lines[0].periodStart!)..\($0.lines[0].periodEnd!)" }
                == ["2027-02-28..2027-03-30", "2027-03-31..2027-04-29"])
        #expect(later.map(\.total) == [Self.eur(3000), Self.eur(3000)])
        #expect(later.map(\.dueDate.description) == ["2027-03-30", "2027-04-30"])
    }

    @Test func annualItemsUseTheDaysOfTheYear() throws {
        let a = try Self.account()
        var subs = [Self.sub(period: .annual, price: 12000, quantity: 1), Self.sub(11, period: .annual, price: 12000,
                                                                                  quantity: 1, start: "2028-01-10")]
        let invoices = try Self.run([a], &subs, through: "2028-02-01")
        let lines = invoices.flatMap(\.lines)
        // 120.00 × 22/365 = 7.232… → 7.23; in 2028 × 22/366 = 7.213… → 7.21; then whole years, the first
        // subscription's second year on the same 2028-02-01 invoice as the other's first.
        #expect(invoices.map(\.date.description) == ["2027-01-10", "2027-02-01", "2028-01-10", "2028-02-01"])
        #expect(lines.map(\.amount) == [723, 12000, 721, 12000, 12000].map(Self.eur))
        #expect(lines.map { $0.daysInPeriod } == [365, nil, 366, nil, nil])
        #expect(lines[1].periodEnd == Self.day("2028-01-31"))
        #expect(lines[3].periodStart == Self.day("2028-02-01") && lines[3].periodEnd == Self.day("2029-01-31"))
    }

    @Test func oneInvoicePerBilledAccountAndDateOrPerAccountItIsForWithSeparateInvoices() throws {
        var subs = [Self.sub(10), Self.sub(11, forAccount: 2, forName: "Taverna Nikos", code: "M365"),
                    Self.sub(12, account: 3, forName: "Other reseller")]
        let together = try Self.run([Self.account(), Self.account(3)], &subs, through: "2027-01-10")
        #expect(together.count == 2)
        #expect(together.map(\.billedAccountId) == [1, 3])
        #expect(together[0].lines.map(\.forAccountName) == ["Aegean", "Taverna Nikos"])
        #expect(together[0].forAccountId == nil)
        #expect(together[0].total == Self.eur(8516))

        var again = [Self.sub(10), Self.sub(11, forAccount: 2, forName: "Taverna Nikos", code: "M365")]
        let separate = try Self.run([Self.account(separate: true)], &again, through: "2027-01-10")
        #expect(separate.count == 2)
        #expect(separate.map(\.forAccountId) == [1, 2])
        #expect(separate.map { $0.lines.map(\.forAccountId) } == [[1], [2]])
        #expect(separate.allSatisfy { $0.billedAccountId == 1 && $0.total == Self.eur(4258) })
    }

    @Test func oneTimeChargesJoinTheInvoiceOfTheirDate() throws {
        let a = try Self.account(partial: .onNextBillingDay)
        var subs = [Self.sub()]
        let setup = PendingCharge(billedAccountId: 1, invoiceDate: Self.day("2027-02-01"), line: InvoiceLine(
            forAccountId: 1, forAccountName: "Aegean", chargeId: 7, productCode: "SETUP", description: "Setup",
            quantity: 1, unitPrice: Self.eur(15000), amount: Self.eur(15000)))
        #expect(try Self.run([a], &subs, charges: [setup], through: "2027-01-31").isEmpty)
        let invoices = try Self.run([a], &subs, charges: [setup], through: "2027-02-01")
        #expect(invoices.count == 1)
        #expect(invoices[0].total == Self.eur(25258))
        #expect(invoices[0].lines.map(\.productCode) == ["SETUP", "VM", "VM"])
    }

    @Test func raisingChargesTheAddedUnitsForTheRestOfThePeriod() throws {
        let cases: [(PartialChargesInvoicing, [String: Int64])] = [
            (.onOrderDay, ["2027-02-15": 4500, "2027-03-01": 15000]), (.onNextBillingDay, ["2027-03-01": 19500])]
        for (partial, expected) in cases {
            let a = try Self.account(partial: partial)
            var subs = [Self.sub()]
            _ = try Self.run([a], &subs, through: "2027-02-01")
            let change = try QuantityChange.apply(subs[0], quantity: 5, on: Self.day("2027-02-15"), scheme: a.scheme)
            let charge = try #require(change.charge)
            // 3 added × 30.00 × 14/28 (15–28 February) = 45.00.
            #expect(charge.line.quantity == 3 && charge.line.amount == Self.eur(4500))
            #expect(charge.line.daysCharged == 14 && charge.line.daysInPeriod == 28)
            #expect(charge.line.periodStart == Self.day("2027-02-15"))
            #expect(charge.line.periodEnd == Self.day("2027-02-28"))
            #expect(change.subscription.quantity(on: Self.day("2027-02-15")) == 5)
            #expect(change.subscription.quantity(on: Self.day("2027-02-14")) == 2)
            subs[0] = change.subscription
            let invoices = try Self.run([a], &subs, charges: [charge], through: "2027-03-01")
            var totals: [String: Int64] = [:]
            for i in invoices { totals[i.date.description] = i.total.minor }
            #expect(totals == expected, "\(partial)")
        }
    }

    @Test func loweringTakesEffectNextPeriodAndARaiseCanReplaceIt() throws {
        let a = try Self.account()
        var subs = [Self.sub(quantity: 5)]
        _ = try Self.run([a], &subs, through: "2027-02-01")
        let lower = try QuantityChange.apply(subs[0], quantity: 3, on: Self.day("2027-02-15"), scheme: a.scheme)
        #expect(lower.charge == nil)
        #expect(lower.effective == Self.day("2027-03-01"))
        #expect(lower.subscription.quantity(on: Self.day("2027-02-28")) == 5)
        #expect(lower.subscription.quantity(on: Self.day("2027-03-01")) == 3)
        // Back to 4 the same month: still within the 5 paid for, so nothing is charged; 4 from March.
        let back = try QuantityChange.apply(lower.subscription, quantity: 4, on: Self.day("2027-02-20"),
                                            scheme: a.scheme)
        #expect(back.charge == nil)
        #expect(back.subscription.quantity(on: Self.day("2027-03-01")) == 4)
        // Back to 5 cancels the lowering.
        let same = try QuantityChange.apply(back.subscription, quantity: 5, on: Self.day("2027-02-21"),
                                            scheme: a.scheme)
        #expect(same.subscription.quantitySteps == subs[0].quantitySteps)
        subs[0] = back.subscription
        let march = try Self.run([a], &subs, through: "2027-03-01")
        #expect(march.map(\.total) == [Self.eur(12000)])
        #expect(march[0].lines[0].quantity == 4)
    }

    @Test func aRaiseOnTheFirstDayOfAPeriodNotYetInvoicedIsBilledWithIt() throws {
        let a = try Self.account()
        var subs = [Self.sub()]
        _ = try Self.run([a], &subs, through: "2027-02-01")
        let change = try QuantityChange.apply(subs[0], quantity: 3, on: Self.day("2027-03-01"), scheme: a.scheme)
        #expect(change.charge == nil)
        subs[0] = change.subscription
        #expect(try Self.run([a], &subs, through: "2027-03-01").map(\.total) == [Self.eur(9000)])
        // Once March is invoiced, the same raise on its first day charges the whole month for the added unit.
        let after = try QuantityChange.apply(subs[0], quantity: 4, on: Self.day("2027-03-01"), scheme: a.scheme)
        #expect(after.charge?.line.amount == Self.eur(3000))
        #expect(after.charge?.line.daysCharged == nil)
    }

    @Test func quantityChangesAreValidated() throws {
        let a = try Self.account()
        let s = Self.sub()
        for bad in [0, -1, 100_001] {
            do { _ = try QuantityChange.apply(s, quantity: bad, on: Self.day("2027-01-20"), scheme: a.scheme)
                Issue.record("\(bad) accepted") } catch { #expect(error.field == "quantity") }
        }
        do { _ = try QuantityChange.apply(s, quantity: 2, on: Self.day("2027-01-20"), scheme: a.scheme)
            Issue.record("an unchanged quantity accepted") } catch { #expect(error.field == "quantity") }
        do { _ = try QuantityChange.apply(s, quantity: 3, on: Self.day("2027-01-01"), scheme: a.scheme)
            Issue.record("a day before the start accepted") } catch { #expect(error.field == "day") }
        var ending = s
        ending.status = .ending
        do { _ = try QuantityChange.apply(ending, quantity: 3, on: Self.day("2027-01-20"), scheme: a.scheme)
            Issue.record("an ending subscription changed") } catch { #expect(error.field == "subscription") }
    }

    @Test func cancelAtPeriodEndBillsNothingMore() throws {
        let a = try Self.account()
        var subs = [Self.sub()]
        _ = try Self.run([a], &subs, through: "2027-02-01")
        let c = try SubscriptionCancellation.apply(subs[0], now: false, on: Self.day("2027-02-15"), scheme: a.scheme)
        #expect(c.creditNote == nil)
        #expect(c.subscription.status == .ending && c.subscription.endDate == Self.day("2027-02-28"))
        subs[0] = c.subscription
        #expect(try Self.run([a], &subs, through: "2027-06-01").isEmpty)
    }

    @Test func cancelNowCreditsTheUnusedWholeDays() throws {
        let a = try Self.account()
        var subs = [Self.sub()]
        _ = try Self.run([a], &subs, through: "2027-02-01")
        let c = try SubscriptionCancellation.apply(subs[0], now: true, on: Self.day("2027-02-15"), scheme: a.scheme)
        let note = try #require(c.creditNote)
        // 16–28 February unused: 60.00 × 13/28 = 27.857… → 27.86. The cancel day counts as used.
        #expect(note.total == Self.eur(2786))
        #expect(note.lines.map { "\($0.periodStart!)..\($0.periodEnd!) \($0.daysCharged!)/\($0.daysInPeriod!)" }
                == ["2027-02-16..2027-02-28 13/28"])
        #expect(c.subscription.status == .canceled && c.subscription.endDate == Self.day("2027-02-15"))
        subs[0] = c.subscription
        #expect(try Self.run([a], &subs, through: "2027-06-01").isEmpty)
        do { _ = try SubscriptionCancellation.apply(subs[0], now: true, on: Self.day("2027-02-16"), scheme: a.scheme)
            Issue.record("cancelled twice") } catch { #expect(error.field == "subscription") }
    }

    @Test func cancelNowAfterARunAheadCreditsTheWholeLaterPeriodsToo() throws {
        let a = try Self.account()
        var subs = [Self.sub()]
        _ = try Self.run([a], &subs, through: "2027-03-01")
        let c = try SubscriptionCancellation.apply(subs[0], now: true, on: Self.day("2027-02-27"), scheme: a.scheme)
        // 28 February (1/28 of 60.00 = 2.142… → 2.14) and the whole of March (60.00).
        #expect(c.creditNote?.lines.map(\.amount) == [Self.eur(214), Self.eur(6000)])
        #expect(c.creditNote?.total == Self.eur(6214))
    }

    @Test func cancelNowBeforeTheWaitingPartialIsInvoicedBillsOnlyTheDaysUsed() throws {
        let a = try Self.account(partial: .onNextBillingDay)
        var subs = [Self.sub()]
        let c = try SubscriptionCancellation.apply(subs[0], now: true, on: Self.day("2027-01-20"), scheme: a.scheme)
        #expect(c.creditNote == nil)
        subs[0] = c.subscription
        let invoices = try Self.run([a], &subs, through: "2027-03-01")
        // 10–20 January: 60.00 × 11/31 = 21.290… → 21.29, on the billing date the partial waited for.
        #expect(invoices.map(\.total) == [Self.eur(2129)])
        #expect(invoices[0].date == Self.day("2027-02-01"))
        #expect(invoices[0].lines[0].periodEnd == Self.day("2027-01-20") && invoices[0].lines[0].daysCharged == 11)
    }

    @Test func inputsAreValidatedNamingTheField() throws {
        do { _ = try Self.account(terms: 366); Issue.record("366 days accepted") } catch let e as FieldError {
            #expect(e.field == "paymentTermsDays")
        }
        do { _ = try Invoicer.run(accounts: [], subscriptions: [Self.sub()], through: Self.day("2027-02-01"),
                                     tax: Self.tax)
            Issue.record("an unknown account accepted") } catch { #expect(error.field == "account") }
        let eurAccount = try Self.account()
        var odd = Self.sub()
        odd.nextBillingDate = Self.day("2027-02-02")
        do { _ = try Invoicer.run(accounts: [eurAccount], subscriptions: [odd], through: Self.day("2027-03-01"),
                                     tax: Self.tax)
            Issue.record("a next billing date off the calendar accepted") } catch {
            #expect(error.field == "nextBillingDate")
        }
        var usd = Self.sub()
        usd.unitPrice = Money(minor: 100, currency: "USD")
        do { _ = try Invoicer.run(accounts: [eurAccount], subscriptions: [usd], through: Self.day("2027-03-01"),
                                     tax: Self.tax)
            Issue.record("a USD subscription on a EUR account accepted") } catch { #expect(error.field == "currency") }
        var huge = Self.sub(price: Money.ceiling("EUR").minor, quantity: 2)
        huge.nextBillingDate = Self.day("2027-01-10")
        do { _ = try Invoicer.run(accounts: [eurAccount], subscriptions: [huge], through: Self.day("2027-03-01"),
                                     tax: Self.tax)
            Issue.record("an overflowing line accepted") } catch { #expect(error.field == "quantity") }
    }
}
