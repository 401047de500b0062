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

    public static func named(_ code: String) -> Currency? { byCode[code.uppercased()] }

    /// Parses a currency field: three letters, a known ISO 4217 code.
    public static func parse(_ raw: String, field: String = "currency") throws(FieldError) -> Currency {
        let code = raw.trimmingCharacters(in: .whitespaces).uppercased()
        if code.isEmpty { throw FieldError(field, "currency is required (an ISO 4217 code such as EUR)") }
        guard let c = byCode[code] else {
            throw FieldError(field, "\"\(raw)\" is not a supported ISO 4217 currency code (e.g. EUR, USD, GBP)")
        }
        return c
    }
}

import Foundation
