/// An amount in integer minor units with its currency. Never a float: parsed and printed with one fixed
/// format ("1234.50"), whatever the process locale says.
public struct Money: Sendable, Hashable, Codable, Comparable {
    public let minor: Int64
    public let currency: String

    public init(minor: Int64, currency: String) {
        self.minor = minor
        self.currency = currency
    }

    /// The largest amount any money field accepts: 999,999,999.99 in a two-digit currency.
    public static let maxMajor: Int64 = 999_999_999

    var digits: Int { Currency.named(currency)?.minorDigits ?? 2 }

    /// The largest amount of `currency` (999,999,999.99 EUR): what a field accepts, and the most an order
    /// line or an order may total, so sums of amounts stay far inside Int64.
    public static func ceiling(_ currency: String) -> Money {
        let scale = power(Currency.named(currency)?.minorDigits ?? 2)
        return Money(minor: maxMajor * scale + scale - 1, currency: currency)
    }

    /// Plain decimal text with the currency's digits, e.g. "5000.00"; the JSON and CSV form.
    public var decimalString: String {
        let scale = Money.power(digits)
        let sign = minor < 0 ? "-" : ""
        let a = minor.magnitude
        let whole = a / UInt64(scale), frac = a % UInt64(scale)
        if digits == 0 { return "\(sign)\(whole)" }
        let f = String(frac)
        return "\(sign)\(whole).\(String(repeating: "0", count: digits - f.count))\(f)"
    }

    /// Grouped for people: "5,000.00 EUR".
    public var display: String {
        var text = decimalString
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + Money.grouped(String(parts[0])) + fraction + " " + currency
    }

    /// "999999999" → "999,999,999": thousands with a fixed comma, whatever the locale.
    static func grouped(_ digits: String) -> String {
        var whole = digits, out = ""
        while whole.count > 3 {
            out = "," + String(whole.suffix(3)) + out   // two Strings: the generic + cost a conformance scan (#27)
            whole = String(whole.dropLast(3))
        }
        return whole + out
    }

    public static func < (a: Money, b: Money) -> Bool { a.minor < b.minor }

    static func power(_ n: Int) -> Int64 { (0..<n).reduce(1) { acc, _ in acc * 10 } }

    /// Parses a non-negative amount such as "5000", "5000.5" or "5000.50" in the given currency.
    /// Only ASCII digits and one "." are accepted, with at most the currency's minor digits.
    public static func parse(_ raw: String, currency: Currency, field: String,
                             label: String = "amount") throws(FieldError) -> Money {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let expected = currency.minorDigits == 0
            ? "a whole number such as 5000"
            : "a number such as 5000 or 5000.\(String(repeating: "0", count: currency.minorDigits))"
        guard !text.isEmpty else { throw FieldError(field, "\(label) is required: \(expected)") }
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2, let wholeText = parts.first, !wholeText.isEmpty,
              wholeText.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw FieldError(field, "\(label) must be \(expected), not \"\(raw)\"")
        }
        let fracText = parts.count == 2 ? parts[1] : ""
        guard fracText.allSatisfy({ $0.isASCII && $0.isNumber }), !(parts.count == 2 && fracText.isEmpty) else {
            throw FieldError(field, "\(label) must be \(expected), not \"\(raw)\"")
        }
        guard fracText.count <= currency.minorDigits else {
            throw FieldError(field, "\(label) takes at most \(currency.minorDigits) decimals in \(currency.code)")
        }
        let significant = wholeText.drop(while: { $0 == "0" })
        guard significant.count <= 9, let whole = Int64(wholeText), whole <= maxMajor else {
            throw FieldError(field, "\(label) must be at most \(grouped(String(maxMajor))).\(String(repeating: "9", count: currency.minorDigits))")
        }
        let padded = fracText + String(repeating: "0", count: currency.minorDigits - fracText.count)
        let frac = Int64(padded) ?? 0
        return Money(minor: whole * power(currency.minorDigits) + frac, currency: currency.code)
    }

    /// Whether `text` could still become a valid amount as the user types ("", "1", "1.", "1.5").
    /// The terminal's money field accepts a keystroke only if the result passes this.
    public static func isValidPrefix(_ text: String, currency: Currency) -> Bool {
        let parts = text.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        guard parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else { return false }
        if parts.count == 2 && (parts[0].isEmpty || currency.minorDigits == 0) { return false }
        if parts.count == 2 && parts[1].count > currency.minorDigits { return false }
        return parts[0].drop(while: { $0 == "0" }).count <= 9
    }
}


import Foundation
