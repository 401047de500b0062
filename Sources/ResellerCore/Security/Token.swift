import Foundation

/// A one-time link token: 256 random bits, shown once (in the email) as URL-safe base64; only its
/// SHA-256 is stored, so a copy of the database cannot activate anyone.
public struct Token: Sendable {
    public let text: String
    public let hash: [UInt8]

    static func generate() -> Token {
        let text = base64URL(Sodium.randomBytes(32))
        return Token(text: text, hash: hashOf(text))
    }

    /// URL-safe base64 without padding: 32 bytes are 43 characters, fit for links and cookies.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hashOf(_ text: String) -> [UInt8] { Sodium.sha256(Array(text.utf8)) }

    /// 256 random bits as 43 URL-safe characters: for a CSRF token that is never stored.
    public static func random() -> String { generate().text }
}

public enum TokenPurpose: String, Sendable { case activation, reset }
