/// Which tax an invoice line bears (domain.md#the-seller-and-tax, "Which tax"): the billed account's tax
/// standing, the seller's country, the item's class and the invoice date give the EN 16931 category, the rate
/// and the reason printed with it. Pure.
public enum TaxRules {
    /// What the rules need to know of the billed account.
    public struct Buyer: Sendable, Hashable {
        public var country: String
        /// The account's VAT ID when it passes its country's check (`VATNumber`), else nil.
        public var validVATId: String?
        /// Set when the account is tax exempt: the reason printed on its invoices.
        public var exemptionReason: String?

        public init(country: String, validVATId: String? = nil, exemptionReason: String? = nil) {
            self.country = country; self.validVATId = validVATId; self.exemptionReason = exemptionReason
        }
    }

    public static let reverseChargeNote = "Reverse charge: VAT to be accounted for by the recipient"
    public static let outsideEUNote = "Not subject to VAT: services to a customer outside the EU"
    public static let outOfScopeNote = "Not subject to VAT"
    public static let exemptSupplyNote = "Exempt supply"

    /// The five rules, in order; a seller outside the EU applies the first two and [O] to everything else.
    public static func treatment(sellerCountry: String, buyer: Buyer, taxClass: TaxClass, on day: CalendarDay,
                                 rates: TaxRateTable) throws(FieldError) -> TaxTreatment {
        if let reason = buyer.exemptionReason {
            return TaxTreatment(category: .exempt, rate: .zero, reason: reason)
        }
        if buyer.country == sellerCountry {
            return try domestic(buyer.country, taxClass, on: day, rates: rates)
        }
        let eu = VATNumber.euCountries
        guard eu.contains(sellerCountry) else {
            return TaxTreatment(category: .outOfScope, rate: .zero, reason: outOfScopeNote)
        }
        guard eu.contains(buyer.country) else {
            return TaxTreatment(category: .outOfScope, rate: .zero, reason: outsideEUNote)
        }
        if buyer.validVATId != nil {
            return TaxTreatment(category: .reverseCharge, rate: .zero, reason: reverseChargeNote)
        }
        // Services supplied electronically to a non-taxable person are taxed where the customer is.
        return try domestic(buyer.country, taxClass, on: day, rates: rates)
    }

    /// A supply taxed in `country`: its rate for the class [S], 0 % [Z], or exempt [E].
    private static func domestic(_ country: String, _ taxClass: TaxClass, on day: CalendarDay,
                                 rates: TaxRateTable) throws(FieldError) -> TaxTreatment {
        switch taxClass {
        case .exempt: return TaxTreatment(category: .exempt, rate: .zero, reason: exemptSupplyNote)
        case .zero: return TaxTreatment(category: .zero, rate: .zero, reason: nil)
        case .standard, .reduced:
            let rate = try rates.rate(country, taxClass, on: day)
            return TaxTreatment(category: rate == .zero ? .zero : .standard, rate: rate, reason: nil)
        }
    }
}

/// A line's tax: its category, its rate, and the reason or note printed with a category that bears none.
public struct TaxTreatment: Sendable, Hashable, Codable {
    public var category: TaxCategory
    public var rate: TaxPercent
    public var reason: String?

    public init(category: TaxCategory, rate: TaxPercent, reason: String?) {
        self.category = category; self.rate = rate; self.reason = reason
    }

    /// "S 24 %", "AE 0 % · Reverse charge: VAT to be accounted for by the recipient": as staff read it.
    public var label: String { category.label(rate) + (reason.map { " · \($0)" } ?? "") }
}
