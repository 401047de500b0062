/// What the invoicer needs to know of a billed account.
public struct BillingAccount: Sendable, Hashable {
    public var id: Int64
    public var scheme: BillingScheme
    public var currency: String
    /// One invoice per account-it-is-for instead of one per billed account (domain.md#invoices: Separate invoices).
    public var separateInvoices: Bool
    public var paymentTermsDays: Int
    /// Its tax standing: what decides the tax of its invoices (domain.md#the-seller-and-tax).
    public var buyer: TaxRules.Buyer

    public init(id: Int64, scheme: BillingScheme, currency: String, separateInvoices: Bool = false,
                paymentTermsDays: Int = 30, buyer: TaxRules.Buyer) throws(FieldError) {
        guard (0...365).contains(paymentTermsDays) else {
            throw FieldError("paymentTermsDays", "payment terms must be 0 to 365 days, not \(paymentTermsDays)")
        }
        guard Currency.named(currency) != nil else {
            throw FieldError("currency", "\"\(currency)\" is not an ISO 4217 currency code")
        }
        self.id = id; self.scheme = scheme; self.currency = currency
        self.separateInvoices = separateInvoices; self.paymentTermsDays = paymentTermsDays; self.buyer = buyer
    }
}
