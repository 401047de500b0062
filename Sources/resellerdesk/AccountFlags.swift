import ArgumentParser
import FieldSchema
import ResellerCore

private typealias S = AccountSchema

/// A flag's help: the field's own line from its schema, then what only the CLI needs to say.
func help<Model>(_ spec: FieldSpec<Model>, _ more: String = "") -> ArgumentHelp {
    ArgumentHelp(more.isEmpty ? spec.help : spec.help + " " + more)
}

/// The account fields as flags, shared by `account add` and `account update`, named and explained by the
/// account's one schema. Only flags that were given change the form, so `update` edits exactly what it names.
struct AccountFlags: ParsableArguments {
    @Option(name: .customLong(S.name.flag), help: help(S.name, "Required for add.")) var name: String?
    @Option(name: .customLong(S.email.flag), help: help(S.email, "Required for add.")) var email: String?
    @Option(name: .customLong(S.country.flag), help: help(S.country, "Required for add.")) var country: String?
    @Option(name: .customLong(S.currency.flag), help: help(S.currency)) var currency: String?
    @Option(name: .customLong(S.tradingName.flag), help: help(S.tradingName)) var tradingName: String?
    @Option(name: .customLong(S.type.flag), help: help(S.type, "Customer, Reseller, Partner, Prospect or Vendor."))
    var type: String?
    @Option(name: .customLong(S.phone.flag), help: help(S.phone)) var phone: String?
    @Option(name: .customLong(S.website.flag), help: help(S.website)) var website: String?
    @Option(name: .customLong(S.registrationNumber.flag), help: help(S.registrationNumber)) var vat: String?
    @Option(name: .customLong(S.taxAuthority.flag), help: help(S.taxAuthority)) var taxAuthority: String?
    @Option(name: .customLong(S.description.flag), help: help(S.description)) var description: String?
    @Option(name: .customLong(S.street.flag), help: help(S.street)) var street: String?
    @Option(name: .customLong(S.city.flag), help: help(S.city)) var city: String?
    @Option(name: .customLong(S.postcode.flag), help: help(S.postcode)) var postcode: String?
    @Option(name: .customLong(S.state.flag), help: help(S.state)) var state: String?
    @Option(name: .customLong(S.accountManager.flag), help: help(S.accountManager)) var accountManager: String?
    @Flag(name: .customLong(S.enableOrdering.flag), inversion: .prefixedNo, help: help(S.enableOrdering))
    var ordering: Bool?
    @Option(name: .customLong(S.creditLimit.flag), help: help(S.creditLimit, "E.g. 5000.00.")) var creditLimit: String?
    @Flag(name: .customLong(S.unlimitedCredit.flag), help: help(S.unlimitedCredit)) var unlimitedCredit = false
    @Flag(name: .customLong(S.prorateBilling.flag), inversion: .prefixedNo, help: help(S.prorateBilling))
    var prorate: Bool?
    @Option(name: .customLong(S.billingDay.flag), help: help(S.billingDay, "first, last, first-order or 1..28."))
    var billingDay: String?
    @Option(name: .customLong(S.partialChargesInvoicing.flag),
            help: help(S.partialChargesInvoicing, "on-order-day or on-next-billing-day."))
    var partialCharges: String?
    @Flag(name: .customLong(S.enableReselling.flag), inversion: .prefixedNo, help: help(S.enableReselling))
    var reselling: Bool?
    @Flag(name: .customLong(S.separateInvoices.flag), inversion: .prefixedNo, help: help(S.separateInvoices))
    var separateInvoices: Bool?
    @Flag(name: .customLong(S.taxExempt.flag), inversion: .prefixedNo, help: help(S.taxExempt)) var taxExempt: Bool?
    @Option(name: .customLong(S.taxExemptionReason.flag), help: help(S.taxExemptionReason))
    var taxExemptionReason: String?
    @Option(name: .customLong(S.paymentTermsDays.flag), help: help(S.paymentTermsDays)) var paymentTerms: String?

    func apply(to form: inout AccountForm) {
        let texts: [(FieldSpec<AccountForm>, String?)] = [
            (S.name, name), (S.email, email), (S.country, country), (S.currency, currency),
            (S.tradingName, tradingName), (S.type, type), (S.phone, phone), (S.website, website),
            (S.registrationNumber, vat), (S.taxAuthority, taxAuthority), (S.description, description),
            (S.street, street), (S.city, city), (S.postcode, postcode), (S.state, state),
            (S.accountManager, accountManager), (S.paymentTermsDays, paymentTerms),
            (S.taxExemptionReason, taxExemptionReason),
        ]
        for (spec, value) in texts { if let value { spec.set(value, in: &form) } }
        // Turning Ordering off clears its section (domain.md#accounts); flags for that section given with it still
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
        let checks: [(FieldSpec<AccountForm>, Bool?)] = [
            (S.enableReselling, reselling), (S.separateInvoices, separateInvoices), (S.taxExempt, taxExempt),
        ]
        for (spec, value) in checks { if let value { spec.setChecked(value, in: &form) } }
    }
}
