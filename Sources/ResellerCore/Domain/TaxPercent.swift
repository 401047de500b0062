/// A tax rate in hundredths of a percent (24 % is 2400, 5.5 % is 550): exact, never a float.
public struct TaxPercent: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    public static let zero = TaxPercent(hundredths: 0)

    /// "24", "5.5", "25.50": 0 to 100 with at most two decimals, ASCII digits only.
    public static func parse(_ raw: String, field: String = "rate") throws(FieldError) -> TaxPercent {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let expected = "a rate in percent from 0 to 100 with at most two decimals, such as 24 or 5.5"
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 3,
              whole.allSatisfy({ $0.isASCII && $0.isNumber }),
              parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw FieldError(field, "\"\(raw)\" is not \(expected)") }
        let fraction = parts.count > 1 ? String(parts[1]) + String(repeating: "0", count: 2 - parts[1].count) : "00"
        let value = Int(whole)! * 100 + Int(fraction)!
        guard value <= 10_000 else { throw FieldError(field, "\"\(raw)\" is above 100; expected \(expected)") }
        return TaxPercent(hundredths: value)
    }

    /// The shortest decimal: "24", "5.5", "25.55" (the JSON form).
    public var description: String {
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// `amount` × this rate, rounded half up to the minor unit (EN 16931 BR-CO-17: once per category and rate).
    /// Nil past Int64, which no invoice within the money ceiling reaches.
    public func tax(on amount: Int64) -> Int64? {
        let (product, overflow) = amount.magnitude.multipliedReportingOverflow(by: UInt64(hundredths))
        guard !overflow, product <= UInt64(Int64.max) - 5_000 else { return nil }
        let rounded = Int64((product + 5_000) / 10_000)
        return amount < 0 ? -rounded : rounded
    }

    public static func < (a: TaxPercent, b: TaxPercent) -> Bool { a.hundredths < b.hundredths }
}
