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
    public var decimalString: String { String(decoding: decimalBytes(grouped: false), as: UTF8.self) }

    /// Grouped for people: "5,000.00 EUR".
    public var display: String {
        String(decoding: decimalBytes(grouped: true) + [UInt8(ascii: " ")] + Array(currency.utf8), as: UTF8.self)
    }

    /// The amount with the currency's digits, a comma before each group of three whole digits when `grouped`.
    /// Built as bytes: each row of the accounts list shows two amounts, and splitting and joining the decimal
    /// text as Strings was a sixth of the cost of drawing the list (issue #27).
    private func decimalBytes(grouped: Bool) -> [UInt8] {
        let digits = digits, scale = UInt64(Money.power(digits)), magnitude = minor.magnitude
        let whole = Array(String(magnitude / scale).utf8)
        var bytes: [UInt8] = minor < 0 ? [UInt8(ascii: "-")] : []
        for (i, digit) in whole.enumerated() {
            if grouped && i > 0 && (whole.count - i) % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(digit)
        }
        if digits > 0 {
            let fraction = Array(String(magnitude % scale).utf8)
            bytes.append(UInt8(ascii: "."))
            bytes += repeatElement(UInt8(ascii: "0"), count: digits - fraction.count)
            bytes += fraction
        }
        return bytes
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
            throw FieldError(field, "\(label) must be at most \(ceiling(currency.code).display)")
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
