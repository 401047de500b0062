import Foundation
import ResellerCore
import Testing

/// The desk of the billing worked examples (issue #12): a reseller on the backup list (BK 30.00 monthly,
/// SETUP 150.00 once), the clock set to a day at noon UTC.
public struct BillingDesk: Sendable {
    public static let csv = """
        code,description,billing_period,price
        BK,Backup 100 GB,monthly,30.00
        SETUP,Setup,one-time,150.00
        """

    public init() {}

    /// The reseller (unlimited credit, proration on `billingDay`, one invoice for all its customers unless
    /// `separate`) with the backup list assigned.
    public func setUp(billingDay: String? = "first", separate: Bool = false) throws -> (Fixture, Account) {
        try reseller { f in
            f.unlimitedCredit = true
            f.separateInvoices = separate
            if let billingDay { f.prorateBilling = true; f.billingDay = billingDay }
        }
    }

    /// The subscription changes' starting point: BK × 2 ordered 2027-01-10 (billing day the 1st, so 42.58,
    /// 22/31 of 60.00, is paid at the order) under `partial` and `creditLimit` (unlimited when nil);
    /// returns the subscription's id.
    public func ordered(partial: String = "onOrderDay",
                        creditLimit: String? = nil) throws -> (Fixture, Account, Int64) {
        let (fx, a) = try reseller { f in
            f.prorateBilling = true; f.billingDay = "first"
            f.partialChargesInvoicing = partial
            if let creditLimit { f.creditLimit = creditLimit } else { f.unlimitedCredit = true }
        }
        try on(fx, "2027-01-10")
        let o = try order(fx, a, [OrderRequestLine(productCode: "BK", quantity: 2)])
        #expect(o.total.decimalString == "42.58")
        return (fx, a, try #require(try fx.service.subscriptions(of: a.id).first).id)
    }

    /// Aegean, ordering and reselling, with what `terms` sets, on a new desk with the backup list assigned.
    private func reseller(_ terms: (inout AccountForm) -> Void) throws -> (Fixture, Account) {
        let fx = try Fixture()
        var f = AccountForm()
        f.name = "Aegean Cloud Partners"; f.email = "accounts@aegean.example"; f.country = "GR"; f.type = "Reseller"
        f.enableOrdering = true; f.enableReselling = true
        terms(&f)
        let a = try fx.service.createAccount(f, by: staff)
        _ = try fx.priceList("Backup EUR", csv: Self.csv)
        _ = try fx.service.assignPriceLists(a.id, names: ["Backup EUR"], by: staff)
        return (fx, a)
    }

    /// The fixture's clock on `text` (YYYY-MM-DD) at noon UTC.
    public func on(_ fx: Fixture, _ text: String) throws { fx.clock.set(text) }

    public func day(_ text: String) -> CalendarDay { CalendarDay.parsed(text) }

    public func order(_ fx: Fixture, _ a: Account, for customer: Int64? = nil,
                      _ lines: [OrderRequestLine]) throws -> Order {
        try fx.service.placeOrder(accountId: a.id, customerAccountId: customer, lines: lines, by: staff)
    }
}
