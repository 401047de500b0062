import FieldSchema

/// The account rules of docs/domain.md#accounts, as one pure function from what was typed to validated fields.
/// The terminal runs it on leaving a field and on save; the service runs it again inside every write.
public enum AccountValidator {
    private typealias S = AccountSchema

    public static func validate(_ form: AccountForm, defaultCurrency: String, defaultManager: String,
                                defaultPaymentTerms: Int = 30) throws(ServiceError) -> AccountFields {
        var e = ErrorList()
        let name = e.check { () throws(FieldError) in try TextRules.clean(form, S.name) }
        let trading = e.check { () throws(FieldError) in try TextRules.clean(form, S.tradingName) } ?? nil
        var type = AccountType.customer
        if let t = AccountType.allCases.first(where: { $0.rawValue.lowercased() == form.type.trimmingCharacters(in: .whitespaces).lowercased() }) {
            type = t
        } else if !form.type.trimmingCharacters(in: .whitespaces).isEmpty {
            e.add("type", "type must be one of \(AccountType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let email = e.check { () throws(FieldError) in try EmailAddress.validate(form.email, field: "email") } ?? nil
        let phone = e.check { () throws(FieldError) in try PhoneNumber.validate(form.phone, field: "phone") } ?? nil
        let website = e.check { () throws(FieldError) in try Website.validate(form.website, field: "website") } ?? nil
        var vat = e.check { () throws(FieldError) in try TextRules.clean(form, S.registrationNumber) } ?? nil
        let authority = e.check { () throws(FieldError) in try TextRules.clean(form, S.taxAuthority) } ?? nil
        let description = e.check { () throws(FieldError) in try TextRules.clean(form, S.description) } ?? nil
        let street = e.check { () throws(FieldError) in try TextRules.clean(form, S.street) } ?? nil
        let city = e.check { () throws(FieldError) in try TextRules.clean(form, S.city) } ?? nil
        let postcode = e.check { () throws(FieldError) in try TextRules.clean(form, S.postcode) } ?? nil
        let state = e.check { () throws(FieldError) in try TextRules.clean(form, S.state) } ?? nil
        let country = e.check { () throws(FieldError) in try Country.parse(form.country) }
        // An EU account's number is its VAT ID (domain.md#the-seller-and-tax): checked, stored without spaces or dots.
        if let raw = vat, let code = country?.code, VATNumber.euCountries.contains(code) {
            switch VATNumber.check(raw, country: code) {
            case .success(let id): vat = id
            case .failure(let error): e.add(S.registrationNumber.id, error.message)
            }
        }
        // Unticking Tax exempt drops its reason, as turning Ordering off clears that section.
        var exemption: String?
        if form.taxExempt {
            exemption = e.check { () throws(FieldError) in try TextRules.clean(form, S.taxExemptionReason) } ?? nil
            if exemption == nil && !e.errors.contains(where: { $0.field == S.taxExemptionReason.id }) {
                e.add(S.taxExemptionReason.id, "tax exemption reason is required when Tax exempt is ticked: the "
                      + "reason invoices print, e.g. Article 27 §1")
            }
        }
        let currencyText = form.currency.trimmingCharacters(in: .whitespaces).isEmpty ? defaultCurrency : form.currency
        let currency = e.check { () throws(FieldError) in try Currency.parse(currencyText) }
        let managerText = form.accountManager.trimmingCharacters(in: .whitespaces).isEmpty ? defaultManager : form.accountManager
        let manager = e.check { () throws(FieldError) in try StaffLogin.validate(managerText, field: "accountManager") }
        let terms = e.check { () throws(FieldError) in
            try paymentTerms(form.paymentTermsDays, default: defaultPaymentTerms)
        }

        var ordering: Ordering?
        if form.enableOrdering {
            var limit: CreditLimit?
            let amountText = form.creditLimit.trimmingCharacters(in: .whitespaces)
            if form.unlimitedCredit {
                if !amountText.isEmpty {
                    e.add("creditLimit", "credit limit is either an amount or Unlimited, not both")
                } else {
                    limit = .unlimited
                }
            } else if let currency {
                limit = e.check { () throws(FieldError) in
                    .amount(try Money.parse(amountText.isEmpty ? "0" : amountText, currency: currency,
                                            field: "creditLimit", label: "credit limit"))
                }
            }
            var billingDay: BillingDay?
            if form.prorateBilling {
                billingDay = e.check { () throws(FieldError) in try BillingDay.parse(form.billingDay) }
            } else if !form.billingDay.trimmingCharacters(in: .whitespaces).isEmpty {
                e.add("billingDay", "billing day can be set only when Enable Prorate Billing is on")
            }
            let partial = e.check { () throws(FieldError) in try PartialChargesInvoicing.parse(form.partialChargesInvoicing) }
            if let limit, let partial {
                ordering = Ordering(creditLimit: limit, prorateBillingDay: billingDay,
                                    partialChargesInvoicing: partial, enableReselling: form.enableReselling)
            }
        } else {
            let outside = "can be set only when Ordering is enabled"
            if !form.creditLimit.trimmingCharacters(in: .whitespaces).isEmpty || form.unlimitedCredit {
                e.add("creditLimit", "credit limit \(outside)")
            }
            if form.prorateBilling || !form.billingDay.isEmpty { e.add("prorateBilling", "proration \(outside)") }
            if !form.partialChargesInvoicing.isEmpty { e.add("partialChargesInvoicing", "partial charges invoicing \(outside)") }
            if form.enableReselling { e.add("enableReselling", "reselling \(outside)") }
        }
        try e.throwIfAny()
        // Every required value is non-nil here: a nil one added an error above.
        return AccountFields(
            name: name!!, tradingName: trading, type: type, email: email!,
            phone: phone, website: website, registrationNumber: vat, taxAuthority: authority,
            description: description,
            address: Address(street: street, city: city, postcode: postcode, state: state, country: country!.code),
            currency: currency!.code, accountManager: manager!, ordering: ordering,
            separateInvoices: form.separateInvoices, taxExempt: form.taxExempt, taxExemptionReason: exemption,
            paymentTermsDays: terms!)
    }

    /// Whole days, 0–365 (domain.md#accounts); empty takes the desk's default.
    static func paymentTerms(_ raw: String, default value: Int) throws(FieldError) -> Int {
        let text = raw.trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return value }
        guard text.count <= 3, text.allSatisfy(\.isASCII), let days = Int(text), (0...365).contains(days) else {
            throw FieldError(S.paymentTermsDays.id, "payment terms must be whole days from 0 to 365, not \"\(raw)\"")
        }
        return days
    }
}
