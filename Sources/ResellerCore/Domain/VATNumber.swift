/// EU VAT IDs checked offline (docs/domain.md#the-seller-and-tax): the desk cannot reach VIES, so it checks what
/// each member state publishes — the prefix, the format and the check digits — as python-stdnum does, which
/// scripts/testing/vat-oracle.py holds this to.
public enum VATNumber {
    /// The EU member states by ISO 3166-1 alpha-2 code (GR for Greece), 27 of them.
    public static let euCountries: Set<String> = Set(rules.keys)

    /// The VAT prefix of an EU country: "EL" for GR, else the code itself; nil outside the EU.
    public static func prefix(of country: String) -> String? {
        let code = country.uppercased()
        guard euCountries.contains(code) else { return nil }
        return code == "GR" ? "EL" : code
    }

    /// `raw` with spaces and dots dropped (also hyphens), uppercased, checked as a VAT ID of `country` (ISO code,
    /// e.g. "DE", "GR"): the prefix, the country's format and its check digits.
    /// Success: the normalized ID with its prefix ("DE136695976"). Failure: a message such as
    /// "not a valid German VAT ID (DE and 9 digits; check digit wrong)" or
    /// "not a valid Greek VAT ID (EL and 9 digits; starts with GR, Greece's prefix is EL)" —
    /// always "not a valid <Adjective> VAT ID (<expected form>; <what is wrong>)".
    public static func check(_ raw: String, country: String) -> Result<String, VATNumberError> {
        let code = country.uppercased()
        guard let rule = rules[code], let prefix = prefix(of: code) else {
            let wrong = code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter }
                ? "\(code) is not an EU country" : "no EU country prefix"
            return .failure(VATNumberError(message: "not a valid EU VAT ID (an EU country prefix and number; "
                                                     + "\(wrong))"))
        }
        func refuse(_ wrong: String) -> Result<String, VATNumberError> {
            .failure(VATNumberError(message: "not a valid \(rule.adjective) VAT ID (\(rule.form); \(wrong))"))
        }
        let id = normalized(raw)
        guard id.hasPrefix(prefix) else { return refuse(prefixProblem(id, prefix: prefix)) }
        let body = String(id.dropFirst(prefix.count))
        guard !body.isEmpty else { return refuse("nothing after \(prefix)") }
        do throws(VATFault) {
            return .success(prefix + (try rule.check(Array(body.utf8))))
        } catch {
            return refuse(error.text(body: body))
        }
    }

    /// True when `check` succeeds.
    public static func isValid(_ raw: String, country: String) -> Bool {
        if case .success = check(raw, country: country) { return true }
        return false
    }

    /// How people write VAT IDs on letterheads ("DE 136.695.976", "el-094259216") to the one form stored.
    /// Only ASCII letters are uppercased: a letter outside ASCII stays and fails the country's format.
    static func normalized(_ raw: String) -> String {
        String(raw.filter { !$0.isWhitespace && $0 != "." && $0 != "-" }
            .map { $0.isASCII ? Character($0.uppercased()) : $0 })
    }

    /// Why `id` does not start with `prefix`: Greece's ISO code in place of EL, another state's prefix, or none.
    private static func prefixProblem(_ id: String, prefix: String) -> String {
        let start = String(id.prefix(2))
        if prefix == "EL" && start == "GR" { return "starts with GR, Greece's prefix is EL" }
        if start == "EL" || euCountries.contains(start) { return "starts with \(start), not \(prefix)" }
        return "the prefix \(prefix) is missing"
    }
}

/// Why a VAT ID was refused, in one sentence for the person who typed it.
public struct VATNumberError: Error, Sendable, Hashable {
    public let message: String
}
