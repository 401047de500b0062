import ResellerCore

/// A gross total as the terminal says it (domain.md#the-seller-and-tax: the totals staff see are gross): what it
/// is made of, so nobody reads a gross figure as the net of the price lists.
enum TaxedTotal {
    /// The title of a column of gross totals.
    static let column = "Total incl. VAT"

    /// "net 4,838.71 + VAT 1,161.29 = 6,000.00 EUR". An order or document from before tax has no net or tax of
    /// its own: its total is its nets, and it says so rather than show a VAT of 0.00 nobody computed.
    static func breakdown(net: Money?, tax: Money?, total: Money) -> String {
        guard let net, let tax else { return "\(total.display) (before tax was computed)" }
        return "net \(amount(net)) + VAT \(amount(tax)) = \(total.display)"
    }

    /// Grouped as the total is ("4,838.71"), its currency named once, after the total.
    static func amount(_ m: Money) -> String { String(m.display.dropLast(m.currency.count + 1)) }

    /// An order's first charges.
    static func of(_ order: Order) -> String { breakdown(net: order.net, tax: order.tax, total: order.total) }

    /// An invoice's or a credit note's amounts.
    static func of(_ amounts: TaxedAmounts) -> String {
        amounts.issuedBeforeTax ? breakdown(net: nil, tax: nil, total: amounts.total)
            : breakdown(net: amounts.net, tax: amounts.tax, total: amounts.total)
    }
}
