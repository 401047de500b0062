/// An invoice's payment reference: an ISO 11649 creditor reference, "RF", two check digits, and the invoice
/// number's letters and digits ("INV-000123" → "RF73INV000123"). Banks carry it in a transfer's structured
/// remittance (`CdtrRefInf`), so a statement's entry finds its invoice by it. Derived from the number, never
/// stored, so it cannot drift from it.
public struct PaymentReference: Sendable, Hashable, CustomStringConvertible {
    /// The electronic form: "RF73INV000123", no spaces (the XML's `PaymentID`, the JSON).
    public let text: String

    /// ISO 11649 allows 1 to 21 letters and digits after the check digits; an invoice number holds far fewer.
    public init?(number: String) {
        let body = Array(number.uppercased().unicodeScalars.filter { ISO7064.isLetter($0) || ISO7064.isDigit($0) })
        guard (1...21).contains(body.count) else { return nil }
        let check = 98 - ISO7064.mod97(body + Array("RF00".unicodeScalars))
        text = "RF" + (check < 10 ? "0" : "") + String(check) + String(String.UnicodeScalarView(body))
    }

    /// A reference as printed or typed ("rf73 inv0 0012 3"): nil unless its form and check digits hold.
    public init?(parsing input: String) {
        let chars = Array(input.uppercased().unicodeScalars.filter { $0 != " " })
        guard (5...25).contains(chars.count), String(String.UnicodeScalarView(chars[0...1])) == "RF",
              chars[2...3].allSatisfy(ISO7064.isDigit),
              chars.allSatisfy({ ISO7064.isLetter($0) || ISO7064.isDigit($0) }),
              ISO7064.mod97(chars[4...] + chars[0..<4]) == 1 else { return nil }
        text = String(String.UnicodeScalarView(chars))
    }

    /// The paper form, in groups of four as ISO 11649 prints it: "RF73 INV0 0012 3".
    public var printed: String {
        stride(from: 0, to: text.count, by: 4).map { String(text.dropFirst($0).prefix(4)) }.joined(separator: " ")
    }

    public var description: String { text }
}
