extension PaymentReference {
    /// The document number the reference was made from: its letters, a hyphen, its digits ("RF73INV000123" →
    /// "INV-000123"), the inverse of `init(number:)` for the desk's numbers. nil for a reference of another
    /// shape (a creditor's own scheme, "RF18539007547034"), which names no document of the desk.
    public var documentNumber: String? {
        let body = text.unicodeScalars.dropFirst(4)
        let letters = body.prefix(while: ISO7064.isLetter)
        let digits = body.dropFirst(letters.count)
        guard !letters.isEmpty, !digits.isEmpty, digits.allSatisfy(ISO7064.isDigit) else { return nil }
        return String(String.UnicodeScalarView(letters)) + "-" + String(String.UnicodeScalarView(digits))
    }
}
