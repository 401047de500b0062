import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The money and access bugs of #11 that live in the service: each test failed before its fix.
@Suite struct AfterOnboardingRuleTests {
    /// An EUR balance must never read as USD: the currency is fixed once a list or a ledger entry exists.
    @Test func currencyIsFixedOnceMoneyIsKeptInIt() throws {
        let fx = try Fixture()
        let fresh = try fx.reseller("Fresh", email: "f@fresh.example")
        var usd = AccountForm(fresh.fields)
        usd.currency = "USD"
        #expect(try fx.service.updateAccount(fresh.id, usd, expectedVersion: fresh.version, by: staff)
                    .fields.currency == "USD")

        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        var f = AccountForm(a.fields)
        f.currency = "USD"
        let refusal = fieldErrors { _ = try fx.service.updateAccount(a.id, f, expectedVersion: a.version, by: staff) }
        #expect(refusal.map(\.field) == ["currency"])
        #expect(refusal.first?.message.contains("stays EUR") == true)

        // A payment alone (no list) fixes it too.
        let paid = try fx.reseller("Paid", email: "p@paid.example")
        _ = try fx.service.recordPayment(accountId: paid.id, PaymentForm(amount: "10"), by: staff)
        var g = AccountForm(paid.fields)
        g.currency = "USD"
        #expect(fields { _ = try fx.service.updateAccount(paid.id, g, expectedVersion: paid.version, by: staff) }
                    == ["currency"])
        #expect(try fx.service.account(a.id).fields.currency == "EUR")
        #expect(try fx.service.account(paid.id).fields.currency == "EUR")
    }

    /// A free item, even on an account with no credit left, executes and writes no zero debit.
    @Test func aFreeOrderExecutes() throws {
        let fx = try Fixture()
        let a = try fx.reseller(credit: "0")
        _ = try fx.priceList("Trials EUR", csv: "code,description,billing_period,price\nTRIAL,Trial,one-time,0.00")
        _ = try fx.service.assignPriceLists(a.id, names: ["Trials EUR"], by: staff)
        let order = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "TRIAL", quantity: 3)], by: staff)
        #expect(order.status == .executed)
        #expect(order.total.minor == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM ledger") == 0)
        #expect(try fx.service.outbox().filter { $0.kind == .orderOverCredit }.isEmpty)
    }

    /// A prorated charge that rounds to 0.00: 0.01 a month, one day of January.
    @Test func aProrationThatRoundsToZeroExecutes() throws {
        let fx = try Fixture()
        let a = try fx.reseller(credit: "0", billingDay: "first", partial: "onOrderDay")
        _ = try fx.priceList("Cent EUR", csv: "code,description,billing_period,price\nCENT,Cent,monthly,0.01")
        _ = try fx.service.assignPriceLists(a.id, names: ["Cent EUR"], by: staff)
        fx.clock.set(Date(timeIntervalSince1970: 1_769_817_600))   // 2026-01-31: 1/31 of 0.01 is 0.00
        let order = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "CENT", quantity: 1)], by: staff)
        #expect(order.total.minor == 0)
        #expect(order.status == .executed)
    }

    /// With Ordering off there is no credit, not an unlimited one; above the credit only when confirmed.
    @Test func executeNeedsOrderingAndConfirmsAboveTheCredit() throws {
        let fx = try Fixture()
        let a = try fx.reseller(credit: "0")
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let order = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "SETUP", quantity: 1)], by: staff)
        #expect(order.status == .submitted)
        var off = AccountForm(try fx.service.account(a.id).fields)
        off.clearOrdering()
        let stored = try fx.service.account(a.id)
        _ = try fx.service.updateAccount(a.id, off, expectedVersion: stored.version, by: staff)
        let refusal = fieldErrors { _ = try fx.service.executeOrder(order.id, by: staff) }
        #expect(refusal.map(\.field) == ["order"])
        #expect(refusal.first?.message.contains("Ordering off") == true)
        #expect(fieldErrors { _ = try fx.service.executeOrder(order.id, aboveCredit: true, by: staff) }
                    .map(\.field) == ["order"])
        #expect(try fx.count("SELECT COUNT(*) FROM ledger") == 0)

        let b = try fx.reseller("Second", email: "s@second.example", credit: "10.00")
        _ = try fx.service.assignPriceLists(b.id, names: ["Core EUR"], by: staff)
        let big = try fx.service.placeOrder(accountId: b.id, customerAccountId: nil,
                                            lines: [OrderRequestLine(productCode: "SETUP", quantity: 1)], by: staff)
        #expect(fields { _ = try fx.service.executeOrder(big.id, by: staff) } == ["order"])
        #expect(try fx.service.executeOrder(big.id, aboveCredit: true, by: staff).status == .executed)
        #expect(try fx.service.availableCredit(b.id) == .amount(Money(minor: -14000, currency: "EUR")))
    }

    /// Pricing ignores the case of product codes, so assignment must too: two lists pricing VM-2C4G and
    /// vm-2c4g monthly would make the product unorderable.
    @Test func overlapIgnoresCase() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.priceList("Lower EUR", csv: "code,description,billing_period,price\nvm-2c4g,VM,monthly,29.00")
        _ = try fx.priceList("Ünicode EUR", csv: "code,description,billing_period,price\nÉTÉ,Summer,monthly,1.00")
        _ = try fx.priceList("Ünicode2 EUR", csv: "code,description,billing_period,price\nété,Summer,monthly,2.00")
        let refusal = fieldErrors {
            _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR", "Lower EUR"], by: staff)
        }
        #expect(refusal.map(\.field) == ["priceLists"])
        #expect(refusal.first?.message.contains("vm-2c4g (monthly)") == true)
        let both = ["Ünicode EUR", "Ünicode2 EUR"]
        #expect(fields { _ = try fx.service.assignPriceLists(a.id, names: both, by: staff) } == ["priceLists"])
        #expect(try fx.count("SELECT COUNT(*) FROM account_price_lists") == 0)
    }

    /// Only an active list valid on the order day sells; the refusal says which list and why.
    @Test func inactiveExpiredAndFutureListsDoNotSell() throws {
        let fx = try Fixture()   // the clock reads 2026-01-01
        let cases: [(String, String, String, Bool, String)] = [
            ("Old EUR", "", "2025-12-31", true, "expired on 2025-12-31"),
            ("Off EUR", "", "", false, "is inactive"),
            ("Soon EUR", "2026-02-01", "", true, "is valid only from 2026-02-01"),
        ]
        for (n, (name, from, to, active, reason)) in cases.enumerated() {
            let a = try fx.reseller("Reseller \(n)", email: "r\(n)@r.example")
            _ = try fx.service.importPriceList(csv: Fixture.coreCSV, name: name, currency: "EUR", validFrom: from,
                                               validTo: to, active: active, by: staff)
            _ = try fx.service.assignPriceLists(a.id, names: [name], by: staff)
            let errors = fieldErrors {
                _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                              lines: [OrderRequestLine(productCode: "SETUP", quantity: 1)], by: staff)
            }
            #expect(errors.map(\.field) == ["productCode"], "\(name)")
            #expect(errors.first?.message.contains("\(name), which \(reason), so it cannot be ordered from on "
                                                   + "2026-01-01") == true, "\(errors)")
        }
        #expect(try fx.count("SELECT COUNT(*) FROM orders") == 0)
        // The last day of validity still sells.
        let last = try fx.reseller("Last Day", email: "l@l.example")
        _ = try fx.service.importPriceList(csv: Fixture.coreCSV, name: "Until Today EUR", currency: "EUR",
                                           validFrom: "2026-01-01", validTo: "2026-01-01", by: staff)
        _ = try fx.service.assignPriceLists(last.id, names: ["Until Today EUR"], by: staff)
        #expect(try fx.service.placeOrder(accountId: last.id, customerAccountId: nil,
                                          lines: [OrderRequestLine(productCode: "SETUP", quantity: 1)], by: staff)
                    .status == .executed)
    }
}
