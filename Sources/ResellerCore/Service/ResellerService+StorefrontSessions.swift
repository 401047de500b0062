import Foundation

/// A signed-in storefront browser: who, for which reseller, and the token its forms must carry.
public struct StorefrontSession: Sendable {
    public var principal: StorefrontPrincipal
    /// Every form of a signed-in page carries it; a POST without it is refused (CSRF).
    public var csrf: String
    public var expiresAt: Date
}

extension ResellerService {
    /// Starts a session after a successful `authenticate`: a new random id every login (never one the
    /// browser offered), stored only as its SHA-256. Returns the id for the cookie.
    public func startSession(for principal: StorefrontPrincipal) throws(ServiceError) -> (id: String, session: StorefrontSession) {
        let id = Token.generate(), csrf = Token.generate().text
        let now = self.now, expires = now.addingTimeInterval(settings.sessionLifetime)
        try store.write { tx in
            try tx.deleteExpiredSessions(at: now)
            try tx.insertSession(hash: id.hash, userId: principal.userId, csrf: csrf, expires: expires, at: now)
            try tx.audit(.storefront(userId: principal.userId, email: principal.contact.email), "storefrontUser",
                         principal.userId, "login", at: now)
        }
        return (id.text, StorefrontSession(principal: principal, csrf: csrf, expiresAt: expires))
    }

    /// The session behind a cookie, or nil when it is unknown, expired, or its user is no longer an
    /// active storefront user (deactivation and password changes delete sessions; this also covers a lock).
    public func session(_ id: String) throws(ServiceError) -> StorefrontSession? {
        guard id.count <= 100 else { return nil }
        let now = self.now
        return try store.read { tx in
            guard let row = try tx.session(hash: Token.hashOf(id), at: now),
                  let contact = try tx.contact(ofUser: row.userId),
                  let user = contact.storefrontUser, user.status == .active, !user.locked,
                  let account = try tx.account(contact.accountId) else { return nil }
            return StorefrontSession(principal: StorefrontPrincipal(userId: row.userId, contact: contact, account: account),
                                     csrf: row.csrf, expiresAt: row.expiresAt)
        }
    }

    /// Log out: the session id stops working at once.
    public func endSession(_ id: String) throws(ServiceError) {
        guard id.count <= 100 else { return }
        try store.write { tx in try tx.deleteSession(hash: Token.hashOf(id)) }
    }
}
