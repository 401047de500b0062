/// One member state's VAT ID: how it is named in a refusal, the form it expects, and the check of the part after
/// the prefix, which gives that part in its canonical form (some states' older, shorter forms are padded).
struct VATRule: Sendable {
    /// "German": a refusal reads "not a valid German VAT ID (…)".
    let adjective: String
    /// The form told in every refusal, with the prefix: "DE and 9 digits".
    let form: String
    let check: @Sendable (_ body: [UInt8]) throws(VATFault) -> String
}

/// What is wrong with the part after the prefix, worded by `VATNumber.check` inside the refusal.
enum VATFault: Error, Equatable {
    case notDigits
    /// A letter where a digit belongs, or a sign where either belongs.
    case misplaced
    case length
    /// A part the state's rule forbids, in words: "starts with 0", "no date of birth in it".
    case part(String)
    case checkDigit
    case checkDigits

    /// The words after the form's semicolon; `body` is the part after the prefix, as typed.
    func text(body: String) -> String {
        switch self {
        case .notDigits: "not all digits"
        case .misplaced: "a character out of place"
        case .length:
            "has \(body.count) " + (body.allSatisfy { $0.isASCII && $0.isNumber } ? "digit" : "character")
                + (body.count == 1 ? "" : "s")
        case .part(let words): words
        case .checkDigit: "check digit wrong"
        case .checkDigits: "check digits wrong"
        }
    }
}
