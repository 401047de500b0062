/// Phone numbers: digits with the usual separators and an optional leading "+".
public enum PhoneNumber {
    public static func validate(_ raw: String, field: String, label: String = "phone") throws(FieldError) -> String? {
        guard let t = try TextRules.clean(raw, field: field, label: label, required: false, max: 30) else { return nil }
        let allowed = Set("0123456789+-()./ ")
        guard t.allSatisfy({ allowed.contains($0) }), t.filter(\.isNumber).count >= 3,
              !t.dropFirst().contains("+") else {
            throw FieldError(field, "\(label) must be digits with optional + - ( ) . / and spaces, e.g. +30 210 1234567")
        }
        return t
    }
}

/// Websites: an http(s) address; a bare host name gets "https://".
public enum Website {
    public static func validate(_ raw: String, field: String) throws(FieldError) -> String? {
        guard var t = try TextRules.clean(raw, field: field, label: "website", required: false, max: 200) else { return nil }
        if !t.lowercased().hasPrefix("http://") && !t.lowercased().hasPrefix("https://") { t = "https://" + t }
        guard let url = URL(string: t), let host = url.host, host.contains("."), !t.contains(" ") else {
            throw FieldError(field, "website must be a web address such as https://example.com")
        }
        return t
    }
}

/// A staff member's Unix login: the account manager and the actor of staff changes.
public enum StaffLogin {
    public static func validate(_ raw: String, field: String) throws(FieldError) -> String {
        let t = raw.trimmingCharacters(in: .whitespaces)
        let ok = !t.isEmpty && t.count <= 32 && t.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard ok else { throw FieldError(field, "account manager must be a staff login (letters, digits, . _ -), not \"\(raw)\"") }
        return t
    }
}

import Foundation
