/// Email address rules for account emails and storefront logins: one address, local@domain, no spaces or
/// control characters, a domain with at least one dot, within the RFC 5321 length limits.
public enum EmailAddress {
    public static func validate(_ raw: String, field: String, label: String = "email",
                                required: Bool = true) throws(FieldError) -> String? {
        guard let text = try TextRules.clean(raw, field: field, label: label, required: required, max: 254) else {
            return nil
        }
        let expected = "\(label) must be one address like name@example.com"
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw FieldError(field, expected) }
        let local = parts[0], domain = parts[1]
        guard !local.isEmpty, local.utf8.count <= 64, !domain.isEmpty else { throw FieldError(field, expected) }
        let forbidden: Set<Character> = [" ", "\t", ",", ";", "<", ">", "(", ")", "[", "]", "\\", "\"", ":"]
        guard !text.contains(where: { forbidden.contains($0) || $0.isWhitespace }) else {
            throw FieldError(field, "\(expected) (no spaces, commas or brackets)")
        }
        guard !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { throw FieldError(field, expected) }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") }),
              domain.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." }) else {
            throw FieldError(field, "\(expected); \"\(domain)\" is not a valid domain")
        }
        return text
    }

    /// The form used for uniqueness and login lookups: case-insensitive (domain.md#contacts: the storefront login).
    public static func key(_ email: String) -> String { email.lowercased() }
}

import Foundation
