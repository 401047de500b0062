/// The New Account / Edit Account form as typed: every field as text or a tick box. Every front fills one
/// of these (the terminal form, `account add` flags, the storefront's end-customer form) and the service
/// validates it with `AccountValidator`, so there is one set of rules and one set of messages.
public struct AccountForm: Sendable, Hashable, Codable {
    public var name = ""
    public var tradingName = ""
    public var type = AccountType.customer.rawValue
    public var email = ""
    public var phone = ""
    public var website = ""
    public var registrationNumber = ""
    public var taxAuthority = ""
    public var description = ""
    public var street = ""
    public var city = ""
    public var postcode = ""
    public var state = ""
    public var country = ""
    /// Empty means the configured default currency.
    public var currency = ""
    /// Empty means the staff login creating the account.
    public var accountManager = ""
    public var enableOrdering = false
    /// Empty with ordering on means 0 (the default in domain.md#accounts).
    public var creditLimit = ""
    public var unlimitedCredit = false
    public var prorateBilling = false
    public var billingDay = ""
    public var partialChargesInvoicing = ""
    public var enableReselling = false
    public var separateInvoices = false
    public var taxExempt = false
    public var taxExemptionReason = ""
    /// Days until an invoice is due; empty means the desk's default.
    public var paymentTermsDays = ""

    public init() {}

    /// The form showing a stored account, for editing.
    public init(_ f: AccountFields) {
        name = f.name
        tradingName = f.tradingName ?? ""
        type = f.type.rawValue
        email = f.email
        phone = f.phone ?? ""
        website = f.website ?? ""
        registrationNumber = f.registrationNumber ?? ""
        taxAuthority = f.taxAuthority ?? ""
        description = f.description ?? ""
        street = f.address.street ?? ""
        city = f.address.city ?? ""
        postcode = f.address.postcode ?? ""
        state = f.address.state ?? ""
        country = f.address.country
        currency = f.currency
        accountManager = f.accountManager
        separateInvoices = f.separateInvoices
        taxExempt = f.taxExempt
        taxExemptionReason = f.taxExemptionReason ?? ""
        paymentTermsDays = String(f.paymentTermsDays)
        if let o = f.ordering {
            enableOrdering = true
            switch o.creditLimit {
            case .amount(let m): creditLimit = m.decimalString
            case .unlimited: unlimitedCredit = true
            }
            prorateBilling = o.prorateBillingDay != nil
            billingDay = o.prorateBillingDay?.text ?? ""
            partialChargesInvoicing = o.partialChargesInvoicing.rawValue
            enableReselling = o.enableReselling
        }
    }

    /// Turning Ordering off clears the section (domain.md#accounts); the terminal asks first when it holds values.
    public mutating func clearOrdering() {
        enableOrdering = false
        creditLimit = ""
        unlimitedCredit = false
        prorateBilling = false
        billingDay = ""
        partialChargesInvoicing = ""
        enableReselling = false
    }

    /// Whether the Ordering section holds anything that turning it off would discard.
    public var orderingHasValues: Bool {
        !creditLimit.isEmpty || unlimitedCredit || prorateBilling || !billingDay.isEmpty
            || !partialChargesInvoicing.isEmpty || enableReselling
    }
}
