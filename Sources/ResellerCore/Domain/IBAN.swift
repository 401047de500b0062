/// The ISO 13616 check of an International Bank Account Number: two letters (the country), two check digits,
/// then up to 30 letters and digits, whose mod-97 remainder (ISO 7064) is 1 once the first four characters are
/// moved to the end and each letter is read as 10-35. It catches every single typo and most swaps, so a wrong
/// account number is refused before it is printed on invoices that customers pay into.
public enum IBAN {
    /// The IBAN as stored and printed: upper case, spaces dropped; nil when it fails the check.
    public static func normalized(_ raw: String) -> String? {
        let text = String(raw.filter { $0 != " " }.uppercased())
        return isValid(text) ? text : nil
    }

    /// Whether `text` (no spaces, any case) passes the form and the mod-97 check.
    public static func isValid(_ text: String) -> Bool {
        let chars = Array(text.uppercased().unicodeScalars)
        guard (15...34).contains(chars.count),
              chars[0...1].allSatisfy(isLetter), chars[2...3].allSatisfy(isDigit),
              chars.allSatisfy({ isLetter($0) || isDigit($0) }) else { return false }
        return ISO7064.mod97(chars[4...] + chars[0..<4]) == 1
    }

    private static func isLetter(_ c: Unicode.Scalar) -> Bool { ISO7064.isLetter(c) }
    private static func isDigit(_ c: Unicode.Scalar) -> Bool { ISO7064.isDigit(c) }
}
