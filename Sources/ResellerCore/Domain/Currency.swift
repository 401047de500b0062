/// ISO 4217 currencies the desk can bill in, with their minor-unit digits. A fixed table rather than the
/// platform's ICU data: money rules must not change with the host's locale or library version.
public struct Currency: Sendable, Hashable, Codable {
    public let code: String
    public let name: String
    public let minorDigits: Int

    public static let all: [Currency] = [
        ("AED", "UAE Dirham", 2), ("ARS", "Argentine Peso", 2), ("AUD", "Australian Dollar", 2),
        ("BGN", "Bulgarian Lev", 2), ("BHD", "Bahraini Dinar", 3), ("BRL", "Brazilian Real", 2),
        ("CAD", "Canadian Dollar", 2), ("CHF", "Swiss Franc", 2), ("CLP", "Chilean Peso", 0),
        ("CNY", "Yuan Renminbi", 2), ("COP", "Colombian Peso", 2), ("CZK", "Czech Koruna", 2),
        ("DKK", "Danish Krone", 2), ("EGP", "Egyptian Pound", 2), ("EUR", "Euro", 2),
        ("GBP", "Pound Sterling", 2), ("HKD", "Hong Kong Dollar", 2), ("HUF", "Forint", 2),
        ("IDR", "Rupiah", 2), ("ILS", "New Israeli Sheqel", 2), ("INR", "Indian Rupee", 2),
        ("ISK", "Iceland Krona", 0), ("JPY", "Yen", 0), ("KES", "Kenyan Shilling", 2),
        ("KRW", "Won", 0), ("KWD", "Kuwaiti Dinar", 3), ("MAD", "Moroccan Dirham", 2),
        ("MXN", "Mexican Peso", 2), ("MYR", "Malaysian Ringgit", 2), ("NGN", "Naira", 2),
        ("NOK", "Norwegian Krone", 2), ("NZD", "New Zealand Dollar", 2), ("PHP", "Philippine Peso", 2),
        ("PKR", "Pakistan Rupee", 2), ("PLN", "Zloty", 2), ("QAR", "Qatari Rial", 2),
        ("RON", "Romanian Leu", 2), ("RSD", "Serbian Dinar", 2), ("SAR", "Saudi Riyal", 2),
        ("SEK", "Swedish Krona", 2), ("SGD", "Singapore Dollar", 2), ("THB", "Baht", 2),
        ("TRY", "Turkish Lira", 2), ("TWD", "New Taiwan Dollar", 2), ("UAH", "Hryvnia", 2),
        ("USD", "US Dollar", 2), ("VND", "Dong", 0), ("ZAR", "Rand", 2),
    ].map { Currency(code: $0.0, name: $0.1, minorDigits: $0.2) }

    private static let byCode: [String: Currency] = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })

    private static let rule = CodeOrName(noun: "currency", plural: "currencies", codeLength: 3,
                                         entries: all.map { ($0.code, $0.name) },
                                         otherNames: otherNames.codeNamePairs(codeLength: 3))

    public static func named(_ code: String) -> Currency? { byCode[code.uppercased()] }

    /// The currency `text` stands for: its ISO 4217 code in any case or its name ("euro", "US dollar");
    /// refused when unknown or when it fits several ("dollar"), see `CodeOrName`.
    public static func resolve(_ text: String, field: String = "currency") -> Result<Currency, FieldError> {
        rule.resolve(text, field: field, expected: "an ISO 4217 code (EUR, USD, GBP) or a name (euro, US dollar)")
            .map { byCode[$0]! }
    }

    /// The currencies that fit what is typed so far: the form shows them, and one alone is what `resolve` gives.
    public static func candidates(_ text: String) -> [Currency] { rule.candidates(text).map { byCode[$0]! } }

    /// Parses a currency field by the rule of `resolve`.
    public static func parse(_ raw: String, field: String = "currency") throws(FieldError) -> Currency {
        try resolve(raw, field: field).get()
    }

    /// Names people also type: the ISO names qualified by country, older or local names.
    private static let otherNames = """
CNY Renminbi|CNY Chinese Yuan|EUR Ευρώ|GBP British Pound|GBP Sterling|HUF Hungarian Forint|\
IDR Indonesian Rupiah|ILS Israeli Shekel|ILS Shekel|JPY Japanese Yen|KRW South Korean Won|PLN Polish Zloty|\
THB Thai Baht|UAH Ukrainian Hryvnia|USD United States Dollar|VND Vietnamese Dong|\
ZAR South African Rand
"""
}

import Foundation
