/// How an invoice is paid (BG-16): a credit transfer to the seller's account, quoting the payment reference.
extension UBLDocument {
    /// Where SEPA credit transfers reach: the EU, the rest of the EEA and the other members of the scheme.
    static let sepaCountries = VATNumber.euCountries.union(["IS", "LI", "NO", "CH", "GB", "MC", "SM", "VA", "AD"])

    /// An invoice's payment means: credit transfer to the seller's IBAN and BIC with the invoice's ISO 11649
    /// reference (domain.md#invoices-as-documents). A credit note is not paid (see `paymentTerms`).
    func paymentMeans(_ w: inout XMLWriter) {
        guard kind == .invoice else { return }
        let iban = Seller.present(seller.iban)
        let (code, name) = Self.paymentMeansCode(iban: iban, currency: currency)
        w.element("cac:PaymentMeans") { w in
            w.element("cbc:PaymentMeansCode", ["name": name], text: code)
            w.element("cbc:PaymentID", ifPresent: PaymentReference(number: number)?.text)
            guard let iban else { return }
            w.element("cac:PayeeFinancialAccount") { w in
                w.element("cbc:ID", text: iban)
                if let bic = Seller.present(seller.bic) {
                    w.element("cac:FinancialInstitutionBranch") { w in w.element("cbc:ID", text: bic) }
                }
            }
        }
    }

    /// UNCL 4461: 58 SEPA credit transfer (euros to an account in SEPA), else 30 credit transfer. A transfer
    /// names the account it goes to (BR-61), so a seller without an IBAN gets 1, "instrument not defined".
    static func paymentMeansCode(iban: String?, currency: String) -> (code: String, name: String) {
        guard let iban else { return ("1", "Instrument not defined") }
        if currency == "EUR" && sepaCountries.contains(String(iban.prefix(2))) { return ("58", "SEPA credit transfer") }
        return ("30", "Credit transfer")
    }
}
