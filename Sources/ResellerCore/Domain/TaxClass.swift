/// What kind of supply a price-list item is for VAT (domain.md#the-seller-and-tax): the class picks the rate of the
/// country that taxes it. Prices are always net.
public enum TaxClass: String, Sendable, Hashable, Codable, CaseIterable {
    case standard, reduced, zero, exempt

    /// `standard` when empty (the CSV column is optional); refused, naming the classes, when unknown.
    public static func parse(_ raw: String, field: String = "taxClass") throws(FieldError) -> TaxClass {
        let text = raw.trimmingCharacters(in: .whitespaces).lowercased()
        if text.isEmpty { return .standard }
        guard let c = TaxClass(rawValue: text) else {
            throw FieldError(field, "\"\(raw)\" is not a tax class; expected standard, reduced, zero or exempt")
        }
        return c
    }
}

/// The EN 16931 VAT category of a line (UNCL 5305 codes): what the tax breakdown groups by, with the rate.
public enum TaxCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Standard or reduced rate.
    case standard = "S"
    /// Zero rated.
    case zero = "Z"
    case exempt = "E"
    case reverseCharge = "AE"
    /// Not subject to VAT.
    case outOfScope = "O"

    /// "S 24 %": the category and the rate, as every front prints them.
    public func label(_ rate: TaxPercent) -> String { "\(rawValue) \(rate) %" }
}
