/// What a transaction's remittance information offers for finding what it pays: ISO 11649 payment
/// references, invoice numbers and account codes, each list without repeats, in order of appearance
/// (structured references first, then the free text). Matching tries them in that priority: a payment
/// reference carries its own check digits, an invoice number names one invoice, an account code only the
/// account.
///
/// Payers write them every way, so the free text is searched, not just compared:
/// - a payment reference compact ("RF73INV000123") or printed in groups of four ("RF73 INV0 0012 3"), in any
///   case, kept only when its check digits hold (`PaymentReference(parsing:)`), so a mistyped one is ignored
///   rather than pointing at another invoice. Printed groups run on into the next word when the reference
///   ends on a full group, so the longest run that holds is taken, then shorter ones; a mistyped printed
///   reference may thus leave a shorter one that holds by chance (1 in 97), but of four or eight characters
///   after "RFnn", which is no invoice number (those have six digits or more after INV);
/// - an invoice number as `INV-000123`, `INV000123` or `inv-000123` (INV, an optional hyphen, six digits or
///   more), normalised to the desk's form "INV-000123";
/// - an account code likewise as `ACC-000123` or `ACC000123`, normalised to "ACC-000123".
/// A code counts only as a word of its own: "XINV-000123" or "INV-0001234X" name nothing.
public struct RemittanceReferences: Sendable, Hashable {
    public var paymentReferences: [PaymentReference] = []
    public var invoiceNumbers: [String] = []
    public var accountCodes: [String] = []

    public init(structured: [String], unstructured: [String]) {
        for text in structured + unstructured {
            let scalars = Array(text.uppercased().unicodeScalars)
            for reference in Self.paymentReferences(in: scalars) where !paymentReferences.contains(reference) {
                paymentReferences.append(reference)
            }
            for n in Self.numbers(after: "INV", in: scalars) {
                let number = DocumentNumber.format("INV", n)
                if !invoiceNumbers.contains(number) { invoiceNumbers.append(number) }
            }
            for n in Self.numbers(after: "ACC", in: scalars) {
                let code = AccountCode.format(n)
                if !accountCodes.contains(code) { accountCodes.append(code) }
            }
        }
    }

    public init(_ transaction: BankTransaction) {
        self.init(structured: transaction.structuredReferences, unstructured: transaction.unstructured)
    }

    /// The invoice numbers to look up, in priority order: those the payment references were made from (by the
    /// rule of invoice numbers, so a creditor's own reference names none), then those written out.
    public var candidateInvoiceNumbers: [String] {
        var out: [String] = []
        let fromReferences = paymentReferences.compactMap(\.documentNumber).flatMap {
            Self.numbers(after: "INV", in: Array($0.unicodeScalars)).map { DocumentNumber.format("INV", $0) }
        }
        for number in fromReferences + invoiceNumbers where !out.contains(number) { out.append(number) }
        return out
    }

    public var isEmpty: Bool { paymentReferences.isEmpty && invoiceNumbers.isEmpty && accountCodes.isEmpty }

    /// Runs of ASCII letters and digits, the words references are made of.
    private struct Word {
        let text: String
        let start: Int, end: Int
    }

    private static func words(_ s: [Unicode.Scalar]) -> [Word] {
        var out: [Word] = []
        var start: Int?
        for k in 0...s.count {
            let inWord = k < s.count && (ISO7064.isLetter(s[k]) || ISO7064.isDigit(s[k]))
            if inWord, start == nil { start = k }
            if !inWord, let first = start {
                out.append(Word(text: String(String.UnicodeScalarView(s[first..<k])), start: first, end: k))
                start = nil
            }
        }
        return out
    }

    /// Payment references starting at a word "RF" + two digits…: the word alone, or, when it is a group of
    /// four, followed by the next groups separated by spaces, the printed form; the longest that holds.
    private static func paymentReferences(in s: [Unicode.Scalar]) -> [PaymentReference] {
        let words = words(s)
        var out: [PaymentReference] = []
        for (k, word) in words.enumerated() where word.text.hasPrefix("RF") && isWordStart(word.start, in: s) {
            var parts = [word]
            var length = word.text.count
            while parts.count < 7, parts[parts.count - 1].text.count == 4, k + parts.count < words.count {
                let next = words[k + parts.count]
                guard s[parts[parts.count - 1].end..<next.start].allSatisfy({ $0 == " " }),
                      length + next.text.count <= 25 else { break }
                parts.append(next)
                length += next.text.count
            }
            for m in stride(from: parts.count, through: 1, by: -1) where isWordEnd(parts[m - 1].end, in: s) {
                if let reference = PaymentReference(parsing: parts[0..<m].map(\.text).joined()) {
                    out.append(reference)
                    break
                }
            }
        }
        return out
    }

    /// The numbers written as `prefix` (upper-case), an optional hyphen and six digits or more, as a word of
    /// their own; zero and numbers too long to be an id are no one's.
    private static func numbers(after prefix: String, in s: [Unicode.Scalar]) -> [Int64] {
        let p = Array(prefix.unicodeScalars)
        var out: [Int64] = []
        var k = 0
        while k + p.count <= s.count {
            guard s[k..<(k + p.count)].elementsEqual(p), isWordStart(k, in: s) else {
                k += 1
                continue
            }
            var q = k + p.count
            if q < s.count && s[q] == "-" { q += 1 }
            let first = q
            while q < s.count && ISO7064.isDigit(s[q]) { q += 1 }
            if q - first >= 6, isWordEnd(q, in: s),
               let n = Int64(String(String.UnicodeScalarView(s[first..<q]))), n > 0 {
                out.append(n)
            }
            k = max(q, k + 1)
        }
        return out
    }

    private static func isWordStart(_ k: Int, in s: [Unicode.Scalar]) -> Bool { k == 0 || !isAlphanumeric(s[k - 1]) }

    private static func isWordEnd(_ k: Int, in s: [Unicode.Scalar]) -> Bool { k == s.count || !isAlphanumeric(s[k]) }

    private static func isAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        c.properties.isAlphabetic || c.properties.numericType != nil
    }
}
