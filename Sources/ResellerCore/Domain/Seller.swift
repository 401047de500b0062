/// The seller: the distributor that runs the desk, from the configuration's [company] (domain.md#the-seller-and-tax).
/// An invoice is the seller's legal document, so it prints who issued it; the values are checked when the
/// configuration is read (`ServiceSettings(_ config:)`), and this type only says what is missing and how it prints.
public struct Seller: Sendable, Hashable, Codable {
    public var name, street, city, postcode, country, vatId: String?
    public var taxRegistration, email, phone, iban, bic, bank, footer: String?

    public init(name: String? = nil, street: String? = nil, city: String? = nil, postcode: String? = nil,
                country: String? = nil, vatId: String? = nil, taxRegistration: String? = nil, email: String? = nil,
                phone: String? = nil, iban: String? = nil, bic: String? = nil, bank: String? = nil,
                footer: String? = nil) {
        self.name = name
        self.street = street
        self.city = city
        self.postcode = postcode
        self.country = country
        self.vatId = vatId
        self.taxRegistration = taxRegistration
        self.email = email
        self.phone = phone
        self.iban = iban
        self.bic = bic
        self.bank = bank
        self.footer = footer
    }

    /// The keys an invoice cannot do without that are not set, in this order: "company.name", "company.street",
    /// "company.city", "company.postcode", "company.country", "company.vat_id". Empty: invoices may be issued.
    public var missingKeys: [String] {
        let required: [(String, String?)] = [("company.name", name), ("company.street", street),
                                             ("company.city", city), ("company.postcode", postcode),
                                             ("company.country", country), ("company.vat_id", vatId)]
        return required.filter { Self.isBlank($0.1) }.map(\.0)
    }

    /// As printed at the head of an invoice: name; street; "postcode city"; the country's English name;
    /// "VAT ID <vatId>"; "Tax registration <…>" when set; email; phone — empty parts left out.
    public var printedLines: [String] {
        let place = [postcode, city].compactMap(Self.present).joined(separator: " ")
        // An unknown code (a Seller built in code, not from the checked configuration) prints as itself.
        let countryName = Self.present(country).map { Country.named($0)?.name ?? $0 }
        let lines: [String?] = [Self.present(name), Self.present(street), place.isEmpty ? nil : place, countryName,
                                Self.present(vatId).map { "VAT ID \($0)" },
                                Self.present(taxRegistration).map { "Tax registration \($0)" },
                                Self.present(email), Self.present(phone)]
        return lines.compactMap { $0 }
    }

    /// "IBAN … · BIC … · Bank …" (parts that are set), nil when no IBAN: without an account number there is
    /// nothing to pay into, and a BIC or bank name alone would only mislead.
    public var bankLine: String? {
        guard let iban = Self.present(iban) else { return nil }
        let parts = ["IBAN \(iban)", Self.present(bic).map { "BIC \($0)" }, Self.present(bank).map { "Bank \($0)" }]
        return parts.compactMap { $0 }.joined(separator: " · ")
    }

    /// A value worth printing, trimmed: set and not only white space. The e-invoice writes a party's fields by it.
    static func present(_ value: String?) -> String? {
        guard let text = value?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    private static func isBlank(_ value: String?) -> Bool { present(value) == nil }
}
