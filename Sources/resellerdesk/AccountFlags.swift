import ArgumentParser
import ResellerCore

/// The account fields as flags, shared by `account add` and `account update`. Only flags that were given
/// change the form, so `update` edits exactly what it names.
struct AccountFlags: ParsableArguments {
    @Option(help: "Company or person name (required for add).") var name: String?
    @Option(help: "Account email (required for add).") var email: String?
    @Option(help: "Country: ISO 3166-1 alpha-2 code or name, e.g. GR, Greece, Ελλάδα (required for add).")
    var country: String?
    @Option(help: "Currency: ISO 4217 code or name, e.g. EUR, euro, \"US dollar\" (default EUR).") var currency: String?
    @Option(name: .customLong("trading-name")) var tradingName: String?
    @Option(help: "Customer, Reseller, Partner, Prospect or Vendor.") var type: String?
    @Option var phone: String?
    @Option var website: String?
    @Option(help: "VAT / tax registration number.") var vat: String?
    @Option(name: .customLong("tax-authority")) var taxAuthority: String?
    @Option var description: String?
    @Option var street: String?
    @Option var city: String?
    @Option var postcode: String?
    @Option var state: String?
    @Option(name: .customLong("account-manager"), help: "Staff login owning the account (default: you).") var accountManager: String?
    @Flag(inversion: .prefixedNo, help: "Enable Ordering (the section holding credit, proration and reselling).") var ordering: Bool?
    @Option(name: .customLong("credit-limit"), help: "Credit limit, e.g. 5000.00.") var creditLimit: String?
    @Flag(name: .customLong("unlimited-credit"), help: "Unlimited credit instead of an amount.") var unlimitedCredit = false
    @Flag(inversion: .prefixedNo, help: "Enable Prorate Billing (needs --billing-day).") var prorate: Bool?
    @Option(name: .customLong("billing-day"), help: "first, last, first-order or 1..28.") var billingDay: String?
    @Option(name: .customLong("partial-charges"), help: "on-order-day or on-next-billing-day.") var partialCharges: String?
    @Flag(inversion: .prefixedNo, help: "Enable Reselling (order for end customers).") var reselling: Bool?
    @Flag(name: .customLong("separate-invoices"), inversion: .prefixedNo) var separateInvoices: Bool?
    @Flag(name: .customLong("tax-exempt"), inversion: .prefixedNo) var taxExempt: Bool?

    func apply(to form: inout AccountForm) {
        if let name { form.name = name }
        if let email { form.email = email }
        if let country { form.country = country }
        if let currency { form.currency = currency }
        if let tradingName { form.tradingName = tradingName }
        if let type { form.type = type }
        if let phone { form.phone = phone }
        if let website { form.website = website }
        if let vat { form.registrationNumber = vat }
        if let taxAuthority { form.taxAuthority = taxAuthority }
        if let description { form.description = description }
        if let street { form.street = street }
        if let city { form.city = city }
        if let postcode { form.postcode = postcode }
        if let state { form.state = state }
        if let accountManager { form.accountManager = accountManager }
        // Turning Ordering off clears its section (doc); flags for that section given with it still
        // reach the validator, which then says they need Ordering.
        if ordering == false { form.clearOrdering() }
        if ordering == true { form.enableOrdering = true }
        if let creditLimit {
            form.creditLimit = creditLimit
            if !unlimitedCredit { form.unlimitedCredit = false }
        }
        if unlimitedCredit {
            form.unlimitedCredit = true
            if creditLimit == nil { form.creditLimit = "" }
        }
        if prorate == false { form.prorateBilling = false; form.billingDay = "" }
        if prorate == true { form.prorateBilling = true }
        if let billingDay { form.billingDay = billingDay }
        if let partialCharges { form.partialChargesInvoicing = partialCharges }
        if let reselling { form.enableReselling = reselling }
        if let separateInvoices { form.separateInvoices = separateInvoices }
        if let taxExempt { form.taxExempt = taxExempt }
    }
}
