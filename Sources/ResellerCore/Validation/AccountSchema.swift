import FieldSchema

/// The account's fields, once: the New/Edit Account form is laid out from this list, the validator takes
/// its names and limits, `account add|update` their flags, `account show --json` their keys.
public enum AccountSchema {
    public typealias Field = FieldSpec<AccountForm>

    static let personal = "Personal", address = "Billing address", ordering = "Ordering"

    public static let name = Field("name", "Name", .text(\.name, maxLength: 200), section: personal, required: true,
                                   help: "The legal name, as invoices show it.")
    public static let tradingName = Field("tradingName", "Trading name", .text(\.tradingName, maxLength: 200),
                                          section: personal, foldable: true, flag: "trading-name",
                                          help: "The name the account trades under, when not its legal name.")
    public static let type = Field("type", "Type",
                                   .choice(\.type, AccountType.allCases.map { .init($0.rawValue, $0.rawValue) }),
                                   section: personal, help: "What the account is to you.")
    public static let email = Field("email", "Email", .text(\.email, maxLength: 254), section: personal,
                                    required: true, help: "The account's email address, e.g. office@example.com.")
    public static let phone = Field("phone", "Phone", .text(\.phone, maxLength: 30), section: personal,
                                    foldable: true,
                                    help: "Digits with optional + - ( ) . / and spaces, e.g. +30 210 1234567.")
    public static let website = Field("website", "Website", .text(\.website, maxLength: 200), section: personal,
                                      foldable: true, help: "The account's web address, e.g. https://example.com.")
    public static let registrationNumber = Field(
        "registrationNumber", "VAT number", .text(\.registrationNumber, maxLength: 50), section: personal,
        foldable: true, noun: "registration number", flag: "vat",
        help: "The VAT or company registration number.")
    public static let taxAuthority = Field("taxAuthority", "Tax authority", .text(\.taxAuthority, maxLength: 100),
                                           section: personal, foldable: true, flag: "tax-authority",
                                           help: "The tax office the account is registered with.")
    public static let description = Field("description", "Description",
                                          .text(\.description, maxLength: 2000, multiline: true), section: personal,
                                          foldable: true, help: "Notes about the account, for staff.")
    public static let accountManager = Field(
        "accountManager", "Account manager", .text(\.accountManager, maxLength: 32), section: personal,
        foldable: true, flag: "account-manager",
        help: "The staff login owning the account; empty means you.")
    public static let street = Field("street", "Street", .text(\.street, maxLength: 200), section: address,
                                     foldable: true, help: "The billing address, as invoices show it.")
    public static let city = Field("city", "City", .text(\.city, maxLength: 100), section: address, foldable: true,
                                   help: "The billing address, as invoices show it.")
    public static let postcode = Field("postcode", "Postcode", .text(\.postcode, maxLength: 20), section: address,
                                       foldable: true, help: "The billing address, as invoices show it.")
    public static let state = Field("state", "State", .text(\.state, maxLength: 100), section: address,
                                    foldable: true, help: "The billing address, as invoices show it.")
    public static let country = Field(
        "country", "Country", .text(\.country, maxLength: 60), section: address, required: true,
        help: "A code or a name (GR, Greece, Ελλάδα); a single match completes on Tab.")
    public static let currency = Field("currency", "Currency", .text(\.currency, maxLength: 60), section: address,
                                       help: "A code or a name (EUR, euro); empty takes the desk's default currency.")
    public static let separateInvoices = Field("separateInvoices", "Separate invoices", .check(\.separateInvoices),
                                               section: address, foldable: true, flag: "separate-invoices",
                                               help: "One invoice per end customer, and one for the reseller, "
                                                   + "not one for all.")
    public static let taxExempt = Field("taxExempt", "Tax exempt", .check(\.taxExempt), section: address,
                                        foldable: true, flag: "tax-exempt", help: "No tax is charged to this account.")
    public static let taxExemptionReason = Field(
        "taxExemptionReason", "Tax exemption reason", .text(\.taxExemptionReason, maxLength: 200), section: address,
        foldable: true, noun: "tax exemption reason", flag: "tax-exemption-reason",
        help: "Printed on invoices as why no VAT is charged, e.g. Article 27 §1.")
    public static let paymentTermsDays = Field(
        "paymentTermsDays", "Payment terms (days)", .text(\.paymentTermsDays, maxLength: 3), section: address,
        foldable: true, noun: "payment terms", flag: "payment-terms",
        help: "Days until an invoice is due, 0 to 365; empty takes the desk's default (30).")
    public static let enableOrdering = Field(
        "enableOrdering", "Enable Ordering", .check(\.enableOrdering), section: ordering, noun: "ordering",
        flag: "ordering", help: "The account may order (credit limit, proration, reselling).")
    public static let creditLimit = Field("creditLimit", "Credit limit", .text(\.creditLimit, maxLength: 30),
                                          section: ordering, flag: "credit-limit",
                                          help: "The most the account may owe, in its currency; more waits for staff.")
    public static let unlimitedCredit = Field("unlimitedCredit", "Unlimited credit", .check(\.unlimitedCredit),
                                              section: ordering, flag: "unlimited-credit",
                                              help: "Orders are never held for credit.")
    public static let prorateBilling = Field("prorateBilling", "Prorate billing", .check(\.prorateBilling),
                                             section: ordering, noun: "proration", flag: "prorate",
                                             help: "A first partial period is charged by its days.")
    public static let billingDay = Field(
        "billingDay", "Billing day", .choice(\.billingDay, BillingDay.all.map { .init($0.text, $0.label) }),
        section: ordering, flag: "billing-day", help: "The day each billing period starts.")
    public static let partialChargesInvoicing = Field(
        "partialChargesInvoicing", "Partial charges",
        .choice(\.partialChargesInvoicing, PartialChargesInvoicing.allCases.map { .init($0.rawValue, $0.label) }),
        section: ordering, noun: "partial charges invoicing", flag: "partial-charges",
        help: "When a partial period is invoiced.")
    public static let enableReselling = Field("enableReselling", "Enable Reselling", .check(\.enableReselling),
                                              section: ordering, noun: "reselling", flag: "reselling",
                                              help: "The account may sell to end customers of its own.")

    /// Every field, in the order of the form.
    public static let fields: [Field] = [
        name, tradingName, type, email, phone, website, registrationNumber, taxAuthority, description, accountManager,
        street, city, postcode, state, country, currency, separateInvoices, taxExempt, taxExemptionReason,
        paymentTermsDays, enableOrdering, creditLimit, unlimitedCredit, prorateBilling, billingDay,
        partialChargesInvoicing, enableReselling,
    ]

    public static let sections = [personal, address, ordering]
}
