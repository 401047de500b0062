/// The lines of a UBL document (BG-25): for whom, how many, the net amount, the period, the item with its VAT
/// category, and the full unit price.
extension UBLDocument {
    /// Line `n` (0-based). Its quantity × unit price ÷ 1 less its allowance (or plus its charge) is its net
    /// amount exactly (Peppol's PEPPOL-EN16931-R120): a prorated line keeps the whole period's unit price and
    /// takes the days not charged off as a line allowance, rather than a rounded unit price that does not add up.
    func line(_ w: inout XMLWriter, _ n: Int) {
        let l = lines[n]
        w.element(kind.line) { w in
            w.element("cbc:ID", text: String(n + 1))
            // The account the line is for: a reseller's invoice gathers the charges of its end customers.
            w.element("cbc:Note", text: "For \(l.forAccountName)")
            w.element(kind.quantity, ["unitCode": "C62"], text: String(l.quantity))
            w.amount("cbc:LineExtensionAmount", l.amount)
            if let start = l.periodStart {
                w.element("cac:InvoicePeriod") { w in
                    w.element("cbc:StartDate", text: start.description)
                    w.element("cbc:EndDate", text: (l.periodEnd ?? start).description)
                }
            }
            adjustment(&w, l, full: undiscounted[n])
            item(&w, l)
            w.element("cac:Price") { w in w.amount("cbc:PriceAmount", l.unitPrice) }
        }
    }

    /// What sets the net amount apart from quantity × unit price: the days not charged of a prorated line
    /// ("Prorated: 22/31 days") as an allowance, nothing for a whole period. Written from the difference
    /// itself, so a line always adds up, whatever made it differ.
    private func adjustment(_ w: inout XMLWriter, _ l: InvoiceLine, full: Money) {
        let difference = full.minor - l.amount.minor
        guard difference != 0 else { return }
        let reason = l.daysCharged.map { "Prorated: \($0)/\(l.daysInPeriod ?? $0) days" } ?? "Adjustment"
        w.element("cac:AllowanceCharge") { w in
            w.element("cbc:ChargeIndicator", text: difference < 0 ? "true" : "false")
            w.element("cbc:AllowanceChargeReason", text: reason)
            w.amount("cbc:Amount", Money(minor: abs(difference), currency: l.amount.currency))
            w.amount("cbc:BaseAmount", full)
        }
    }

    /// The product: its description as the item's name, its code as the seller's, and its category and rate.
    private func item(_ w: inout XMLWriter, _ l: InvoiceLine) {
        w.element("cac:Item") { w in
            w.element("cbc:Name", text: l.description)
            w.element("cac:SellersItemIdentification") { w in w.element("cbc:ID", text: l.productCode) }
            // The initializer refused a line without tax, so every line here has one.
            if let tax = l.tax { taxCategory(&w, "cac:ClassifiedTaxCategory", tax.category, tax.rate) }
        }
    }
}
