import Foundation

/// A one-time link token: 256 random bits, shown once (in the email) as URL-safe base64; only its
/// SHA-256 is stored, so a copy of the database cannot activate anyone.
public struct Token: Sendable {
    public let text: String
    public let hash: [UInt8]

    static func generate() -> Token {
        let raw = Sodium.randomBytes(32)
        let text = Data(raw).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return Token(text: text, hash: hashOf(text))
    }

    static func hashOf(_ text: String) -> [UInt8] { Sodium.sha256(Array(text.utf8)) }

    /// 256 random bits as 43 URL-safe characters: for a CSRF token that is never stored.
    public static func random() -> String { generate().text }
}

public enum TokenPurpose: String, Sendable { case activation, reset }
