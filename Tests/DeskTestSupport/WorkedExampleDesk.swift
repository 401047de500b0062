import ResellerCore

/// The desk of DOMAIN.md's tax worked examples (domain.md#the-seller-and-tax): a seller in Greece (GR standard
/// 24 %, reduced 13 %), the clock on 2027-01-10, no proration, so an order's first whole month is invoiced on its
/// day. The service, screen and CLI tests of issue #23 share it.
public enum WorkedExampleDesk {
    /// Net prices; P1 leaves its class empty, which is standard.
    public static let csv = """
        code,description,billing_period,price,tax_class
        SVC,Cloud service,monthly,10.00,standard
        RED,E-book service,monthly,10.00,reduced
        P1,Small item one,monthly,0.35,
        P2,Small item two,monthly,0.35,standard
        P3,Small item three,monthly,0.35,standard
        """

    /// A reseller that `account` names and places, ordering and reselling, unlimited credit unless `credit`, tax
    /// exempt with `exempt`, on a new desk of `seller` on `day`, with `csv` assigned as "Tax EUR".
    public static func desk(seller: Seller = TestSeller.greek, day: String = "2027-01-10", csv: String = csv,
                            credit: String? = nil, exempt: String? = nil,
                            _ account: (inout AccountForm) -> Void) throws -> (Fixture, Account) {
        let fx = try Fixture(seller: seller)
        fx.clock.set(day)
        var f = AccountForm()
        f.type = "Reseller"; f.enableOrdering = true; f.enableReselling = true
        if let credit { f.creditLimit = credit } else { f.unlimitedCredit = true }
        if let exempt { f.taxExempt = true; f.taxExemptionReason = exempt }
        account(&f)
        let a = try fx.service.createAccount(f, by: staff)
        _ = try fx.priceList("Tax EUR", csv: csv)
        _ = try fx.service.assignPriceLists(a.id, names: ["Tax EUR"], by: staff)
        return (fx, a)
    }

    /// Staff place `lines` (code, quantity) for the reseller itself.
    public static func order(_ fx: Fixture, _ a: Account, _ lines: [(String, Int)]) throws -> Order {
        try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                  lines: lines.map { OrderRequestLine(productCode: $0.0, quantity: $0.1) }, by: staff)
    }
}
