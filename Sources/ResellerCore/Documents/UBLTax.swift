/// The VAT of a UBL document: the breakdown per category and rate (BG-23) and each line's category (BG-30),
/// written by each category's EN 16931 rules.
extension UBLDocument {
    /// The tax total and one subtotal per category and rate, as the document was issued (BR-CO-17: the tax of
    /// each was rounded once, on its taxable amount).
    func taxTotal(_ w: inout XMLWriter) {
        w.element("cac:TaxTotal") { w in
            w.amount("cbc:TaxAmount", amounts.tax)
            for t in amounts.taxes {
                w.element("cac:TaxSubtotal") { w in
                    w.amount("cbc:TaxableAmount", t.taxable)
                    w.amount("cbc:TaxAmount", t.tax)
                    taxCategory(&w, "cac:TaxCategory", t.category, t.rate, exemption: exemption(t))
                }
            }
        }
    }

    /// Why a subtotal bears no VAT, where its category must say (BR-E-10, BR-AE-10, BR-O-10) and only there
    /// (BR-S-10, BR-Z-10): the breakdown's reason, else the domain's wording of the category.
    private func exemption(_ t: TaxSubtotal) -> String? {
        guard t.category.needsExemptionReason else { return nil }
        return Seller.present(t.reason) ?? t.category.defaultExemptionReason
    }

    /// A category with its rate, and the exemption reason (`exemption`) in the breakdown; a line's category
    /// carries none.
    func taxCategory(_ w: inout XMLWriter, _ name: String, _ category: TaxCategory, _ rate: TaxPercent,
                     exemption: String? = nil) {
        w.element(name) { w in
            w.element("cbc:ID", text: category.rawValue)
            // Not subject to VAT has no rate at all (BR-O-05, BR-48); every other category states its own.
            if category != .outOfScope { w.element("cbc:Percent", text: rate.description) }
            if let exemption {
                if let code = category.exemptionReasonCode { w.element("cbc:TaxExemptionReasonCode", text: code) }
                w.element("cbc:TaxExemptionReason", text: exemption)
            }
            w.element("cac:TaxScheme") { w in w.element("cbc:ID", text: "VAT") }
        }
    }
}

extension TaxCategory {
    /// Exempt, reverse charge and not subject to VAT say why no VAT is charged; a taxed category may not.
    var needsExemptionReason: Bool { self == .exempt || self == .reverseCharge || self == .outOfScope }

    /// The VATEX code of the reason where one code fits every document of the category; an exemption's
    /// article differs from account to account, so it is stated in words only.
    var exemptionReasonCode: String? {
        switch self {
        case .reverseCharge: "VATEX-EU-AE"
        case .outOfScope: "VATEX-EU-O"
        case .standard, .zero, .exempt: nil
        }
    }

    /// The text when a stored breakdown has no reason of its own: the domain's wording of the category.
    var defaultExemptionReason: String {
        switch self {
        case .reverseCharge: TaxRules.reverseChargeNote
        case .outOfScope: TaxRules.outOfScopeNote
        case .standard, .zero, .exempt: TaxRules.exemptSupplyNote
        }
    }
}
