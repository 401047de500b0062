extension Seller {
    /// The seller from the configuration's [company], each value checked as far as it can be here: text without
    /// control characters, the country an ISO code, the IBAN its mod-97 check, the email one address. A bad
    /// value is refused with its key and where it was set, like every other key: an invoice printed with a
    /// wrong IBAN or a country nobody can name would be paid into the wrong place or refused by the customer.
    /// Missing values are not refused here: the desk runs without a seller, and only invoicing waits for one
    /// (`missingKeys`).
    public init(_ config: ConfigFile) throws(ServiceError) {
        self.init()
        name = try Self.text(config, "company.name", max: 200)
        street = try Self.text(config, "company.street", max: 200)
        city = try Self.text(config, "company.city", max: 100)
        postcode = try Self.text(config, "company.postcode", max: 20)
        country = try Self.country(config)
        vatId = try Self.vatId(config, country: country)
        taxRegistration = try Self.text(config, "company.tax_registration", max: 100)
        email = try Self.email(config)
        phone = try Self.text(config, "company.phone", max: 50)
        iban = try Self.iban(config)
        bic = try Self.bic(config)
        bank = try Self.text(config, "company.bank", max: 200)
        footer = try Self.text(config, "company.footer", max: 1000)
    }

    private static func refusal(_ config: ConfigFile, _ key: String, _ message: String) -> ServiceError {
        .invalid("config", "\(config.source(key)): \(message)")
    }

    /// The key's text, trimmed; nil when unset or blank.
    private static func text(_ config: ConfigFile, _ key: String, max: Int) throws(ServiceError) -> String? {
        guard let raw = config.string(key) else { return nil }
        do {
            return try TextRules.clean(raw, field: key, label: key, required: false, max: max)
        } catch {
            throw refusal(config, key, error.message)
        }
    }

    /// The country's ISO 3166-1 alpha-2 code, upper case. A name is refused with its code, so the file says
    /// one thing in one form; Greece's VAT prefix EL is refused with GR, as staff from Greece may well type it.
    private static func country(_ config: ConfigFile) throws(ServiceError) -> String? {
        let key = "company.country"
        guard let raw = try text(config, key, max: 100) else { return nil }
        if let known = Country.named(raw), raw.count == 2 { return known.code }
        let hint: String
        if raw.uppercased() == "EL" {
            hint = "; Greece is GR (EL is only its VAT ID prefix)"
        } else if case .success(let named) = Country.resolve(raw, field: key) {
            hint = "; \(named.name) is \(named.code)"
        } else {
            hint = ""
        }
        throw refusal(config, key, "\(key) must be an ISO 3166-1 alpha-2 code such as GR or DE, not \"\(raw)\"\(hint)")
    }

    /// An EU seller's VAT ID passes its country's check (prefix, format, check digits), as its customers' do; it
    /// is printed on every invoice and is the reverse charge's other half. Elsewhere it is text.
    private static func vatId(_ config: ConfigFile, country: String?) throws(ServiceError) -> String? {
        let key = "company.vat_id"
        guard let raw = try text(config, key, max: 30) else { return nil }
        guard let country, VATNumber.euCountries.contains(country) else { return raw }
        switch VATNumber.check(raw, country: country) {
        case .success(let id): return id
        case .failure(let error): throw refusal(config, key, "\(key): \(error.message)")
        }
    }

    private static func email(_ config: ConfigFile) throws(ServiceError) -> String? {
        let key = "company.email"
        guard let raw = config.string(key) else { return nil }
        do {
            return try EmailAddress.validate(raw, field: key, label: key, required: false)
        } catch {
            throw refusal(config, key, error.message)
        }
    }

    /// Stored and printed without spaces, in upper case.
    private static func iban(_ config: ConfigFile) throws(ServiceError) -> String? {
        let key = "company.iban"
        guard let raw = try text(config, key, max: 50) else { return nil }
        guard let iban = IBAN.normalized(raw) else {
            throw refusal(config, key, "\(key) must be an IBAN (ISO 13616: country, check digits, account; "
                          + "spaces allowed) whose check digits are right, not \"\(raw)\"")
        }
        return iban
    }

    /// ISO 9362: 4 letters (bank), 2 letters (country), 2 letters or digits (place), optionally 3 more (branch).
    private static func bic(_ config: ConfigFile) throws(ServiceError) -> String? {
        let key = "company.bic"
        guard let raw = try text(config, key, max: 20) else { return nil }
        let bic = Array(raw.uppercased().unicodeScalars)
        let letter: (Unicode.Scalar) -> Bool = { ("A"..."Z").contains($0) }
        let alnum: (Unicode.Scalar) -> Bool = { letter($0) || ("0"..."9").contains($0) }
        guard bic.count == 8 || bic.count == 11, bic[0..<6].allSatisfy(letter), bic[6...].allSatisfy(alnum) else {
            throw refusal(config, key, "\(key) must be a BIC (ISO 9362) of 8 or 11 letters and digits such as "
                          + "ETHNGRAA, not \"\(raw)\"")
        }
        return String(String.UnicodeScalarView(bic))
    }
}
