/// Password rules (domain.md#protections): 12–128 characters, any characters, no composition rules; not a common
/// password and not containing the email's local part.
public enum PasswordPolicy {
    public static let minLength = 12
    public static let maxLength = 128

    public static let summary = "12 to 128 characters, any characters; not a common password and not containing your email name"

    public static func check(_ password: String, confirmation: String? = nil, email: String) throws(ServiceError) {
        var e = ErrorList()
        let count = password.count
        if count < minLength { e.add("password", "password must be at least \(minLength) characters (it has \(count))") }
        else if count > maxLength { e.add("password", "password must be at most \(maxLength) characters") }
        else if password.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            e.add("password", "password must not contain control characters")
        } else {
            let lower = password.lowercased()
            let local = String(email.lowercased().split(separator: "@").first ?? "")
            if CommonPasswords.contains(lower) {
                e.add("password", "this password is too common; choose a longer phrase only you would think of")
            } else if local.count >= 3 && lower.contains(local) {
                e.add("password", "password must not contain the name part of your email (\(local))")
            }
        }
        if let confirmation, confirmation != password {
            e.add("confirmation", "the two passwords are not the same")
        }
        try e.throwIfAny()
    }
}
