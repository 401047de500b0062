import Foundation

/// The pre-login forms' CSRF token (double submit): the hidden field carries 256 random bits, the cookie the
/// same token and its HMAC-SHA-256 under the server's key, "token.mac". A cookie planted from a sibling
/// subdomain with a value of the planter's choosing (unsigned, or signed with another key) does not verify,
/// so a forged form cannot simply pair a made-up field with a made-up cookie.
public struct FormCookie: Sendable {
    private let key: [UInt8]

    /// `key`: the 32 bytes of `ResellerService.storefrontKey()`.
    public init(key: [UInt8]) { self.key = key }

    /// A new token for the form, and the cookie value that vouches for it.
    public func issue() -> (token: String, cookie: String) {
        let token = Token.random()
        return (token, token + "." + Token.base64URL(mac(token)))
    }

    /// The token a cookie carries, if the cookie was signed with this key.
    public func token(fromCookie cookie: String) -> String? {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 43, let signature = Self.bytes(base64URL: parts[1]) else {
            return nil
        }
        let token = String(parts[0])
        return Sodium.verifyHMACSHA256(signature, message(token), key: key) ? token : nil
    }

    /// The purpose is signed too, so no other value this key may one day sign can pass for a form cookie.
    private func message(_ token: String) -> [UInt8] { Array("storefront form cookie:\(token)".utf8) }
    private func mac(_ token: String) -> [UInt8] { Sodium.hmacSHA256(message(token), key: key) }

    private static func bytes(base64URL text: Substring) -> [UInt8]? {
        guard text.utf8.count == 43 else { return nil }
        let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="
        return Data(base64Encoded: standard).map { [UInt8]($0) }
    }
}
