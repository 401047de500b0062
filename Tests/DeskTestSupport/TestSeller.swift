import ResellerCore

/// The sellers the tests' desks run as: a desk without one cannot invoice (domain.md#the-seller-and-tax).
public enum TestSeller {
    /// Outside the EU, so the billing tests written before tax keep their figures: every EU account is
    /// "not subject to VAT" [O] at 0 %, and its invoices total their nets.
    public static let outsideEU = Seller(name: "Fixture Cloud AG", street: "Bahnhofstrasse 1", city: "Zürich",
                                         postcode: "8001", country: "CH", vatId: "CHE-123.456.788 MWST")

    /// In Greece, as DOMAIN.md's worked examples: Greek accounts pay Greek VAT, other EU accounts with a valid
    /// VAT ID get reverse charge.
    public static let greek = Seller(name: "Hellenic Cloud Distribution S.A.", street: "Leoforos Kifisias 44",
                                     city: "Marousi", postcode: "151 25", country: "GR", vatId: "EL094259216",
                                     taxRegistration: "FAE Athinon", email: "billing@hellenic-cloud.example",
                                     phone: "+30 210 000 0000", iban: "GR1601101250000000012300695",
                                     bic: "ETHNGRAA", bank: "National Bank of Greece",
                                     footer: "Hellenic Cloud Distribution S.A., General Commercial Registry 000000000")

    /// The seller as the binary's environment (`RESELLERDESK_COMPANY_NAME` …), for the fields that are set.
    public static func environment(_ s: Seller) -> [String: String] {
        let fields: [(String, String?)] = [
            ("company.name", s.name), ("company.street", s.street), ("company.city", s.city),
            ("company.postcode", s.postcode), ("company.country", s.country), ("company.vat_id", s.vatId),
            ("company.tax_registration", s.taxRegistration), ("company.email", s.email), ("company.phone", s.phone),
            ("company.iban", s.iban), ("company.bic", s.bic), ("company.bank", s.bank), ("company.footer", s.footer),
        ]
        var env: [String: String] = [:]
        for (key, value) in fields { if let value { env[ConfigFile.envName(key)] = value } }
        return env
    }

    /// Every [company] variable set empty, which the configuration reads as unset (over any file's value too):
    /// as a CLI run's environment, the binary runs with no seller at all.
    public static let cleared: [String: String] =
        Dictionary(uniqueKeysWithValues: ConfigFile.keys.filter { $0.name.hasPrefix("company.") }
            .map { (ConfigFile.envName($0.name), "") })
}
