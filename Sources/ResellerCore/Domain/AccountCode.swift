/// The human-friendly account code, derived from the never-reused row id: id 123 is "ACC-000123".
public enum AccountCode {
    public static func format(_ id: Int64) -> String {
        let digits = String(id)
        return "ACC-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Accepts "ACC-000123", "acc-123" or a bare id "123".
    public static func parse(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = t.hasPrefix("ACC-") ? String(t.dropFirst(4)) : t
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let id = Int64(digits), id > 0 else {
            return nil
        }
        return id
    }
}

import Foundation
