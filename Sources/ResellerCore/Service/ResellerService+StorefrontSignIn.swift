import Foundation

/// Who a valid link belongs to, for the activation and reset pages (reading it changes nothing).
public struct LinkHolder: Sendable {
    public var contact: Contact
    public var account: Account
    public var expiresAt: Date
}

/// A signed-in storefront user and the reseller account it acts for.
public struct StorefrontPrincipal: Sendable {
    public var userId: Int64
    public var contact: Contact
    public var account: Account
    public var user: StorefrontUser { contact.storefrontUser! }
}

/// Signing in to the storefront: activation and reset links, passwords and the login itself.
extension ResellerService {
    // MARK: Links (storefront)

    /// Who a link is for, without using it: the GET of the activation page changes nothing.
    public func inspectLink(_ tokenText: String, purpose: TokenPurpose) throws(ServiceError) -> LinkHolder {
        let now = self.now
        return try store.read { tx in try liveLink(tx, tokenText, purpose: purpose, at: now).holder }
    }

    private func liveLink(_ tx: StoreTx, _ tokenText: String, purpose: TokenPurpose, at now: Date) throws -> (row: StoreTx.TokenRow, holder: LinkHolder) {
        let what = purpose == .activation ? "activation link" : "password reset link"
        let ask = "ask \(settings.helpContact) for a new link"
        guard tokenText.count <= 100, let row = try tx.token(hash: Token.hashOf(tokenText)), row.purpose == purpose.rawValue else {
            throw ServiceError.refused(field: "token", message: "this \(what) is not valid; \(ask)")
        }
        if row.usedAt != nil { throw ServiceError.refused(field: "token", message: "this \(what) has already been used; \(ask)") }
        if row.revokedAt != nil { throw ServiceError.refused(field: "token", message: "this \(what) was replaced by a newer one or withdrawn; use the latest email or \(ask)") }
        if row.expiresAt <= now { throw ServiceError.refused(field: "token", message: "this \(what) expired on \(Format.timestamp(row.expiresAt)); \(ask)") }
        guard let contact = try tx.contact(ofUser: row.userId), let account = try tx.account(contact.accountId) else {
            throw ServiceError.refused(field: "token", message: "this \(what) is not valid; \(ask)")
        }
        return (row, LinkHolder(contact: contact, account: account, expiresAt: row.expiresAt))
    }

    /// Activation (domain.md#onboarding): token + password (typed twice) → Active, token consumed, "activation
    /// successful" email queued, all in one transaction.
    public func activate(token: String, password: String, confirmation: String) throws(ServiceError) -> Contact {
        try setPasswordWithLink(token: token, purpose: .activation, password: password, confirmation: confirmation)
    }

    /// Completes a password reset: new password, unlocked, token consumed, every other link revoked,
    /// sessions ended, email queued.
    public func completePasswordReset(token: String, password: String, confirmation: String) throws(ServiceError) -> Contact {
        try setPasswordWithLink(token: token, purpose: .reset, password: password, confirmation: confirmation)
    }

    private func setPasswordWithLink(token: String, purpose: TokenPurpose, password: String, confirmation: String) throws(ServiceError) -> Contact {
        let holder = try inspectLink(token, purpose: purpose)
        try PasswordPolicy.check(password, confirmation: confirmation, email: holder.contact.email)
        // Argon2id takes tens of milliseconds: hash before taking the write lock.
        guard let hash = Sodium.hashPassword(password) else { throw .storage("password hashing failed (out of memory)") }
        let now = self.now
        return try store.write { tx in
            let (row, holder) = try liveLink(tx, token, purpose: purpose, at: now)
            guard try tx.consumeToken(row.id, at: now) else {
                throw ServiceError.refused(field: "token", message: "this link has already been used")
            }
            let user = holder.contact.storefrontUser!
            if purpose == .activation && user.status != .pending {
                throw ServiceError.refused(field: "token", message: "this account is \(user.status.rawValue); ask \(settings.helpContact)")
            }
            try tx.setPassword(user.id, hash: hash)
            try tx.setUserStatus(user.id, .active, at: now)
            // A new password ends every other way in: no link mailed before it may set one after it.
            try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
            try tx.deleteSessions(userId: user.id)
            let actor = Actor.storefront(userId: user.id, email: holder.contact.email)
            try tx.audit(actor, "storefrontUser", user.id, purpose == .activation ? "activate" : "resetPassword",
                         ["status": [user.status.rawValue, UserStatus.active.rawValue]], at: now)
            let params = ["firstName": holder.contact.firstName ?? holder.contact.lastName, "fullName": holder.contact.fullName,
                          "email": holder.contact.email, "resellerName": holder.account.name,
                          "helpContact": settings.helpContact]
            try tx.enqueue(QueuedMail(kind: purpose == .activation ? .activationSuccessful : .resetSuccessful,
                                      toAddress: holder.contact.email, toName: holder.contact.fullName,
                                      subject: purpose == .activation ? "Your storefront account is active" : "Your storefront password was changed",
                                      params: params), at: now)
            return try tx.contact(holder.contact.id)!
        }
    }

    /// A signed-in user changes the password: the current one must be right, the new one follows the
    /// rules; every session ends (the caller starts a new one for this browser), every live link is
    /// revoked and the user is emailed.
    public func changePassword(_ principal: StorefrontPrincipal, current: String, new password: String,
                               confirmation: String) throws(ServiceError) {
        let email = principal.contact.email
        guard let hash = try store.read({ tx in try tx.passwordHash(principal.userId) }),
              Sodium.verifyPassword(current, hash: hash) else {
            throw .invalid("current", "the current password is not right")
        }
        try PasswordPolicy.check(password, confirmation: confirmation, email: email)
        if password == current { throw .invalid("password", "the new password must differ from the current one") }
        guard let newHash = Sodium.hashPassword(password) else { throw .storage("password hashing failed (out of memory)") }
        let now = self.now
        try store.write { tx in
            try checkStorefrontRights(tx, .storefront(userId: principal.userId, email: email),
                                      accountId: principal.account.id, needs: nil)
            try tx.setPassword(principal.userId, hash: newHash)
            // A reset link mailed earlier (perhaps to someone who saw the old password) must not undo this.
            try tx.revokeTokens(userId: principal.userId, purpose: nil, at: now)
            try tx.deleteSessions(userId: principal.userId)
            try tx.audit(.storefront(userId: principal.userId, email: email), "storefrontUser", principal.userId, "changePassword", at: now)
            try tx.enqueue(QueuedMail(kind: .resetSuccessful, toAddress: email, toName: principal.contact.fullName,
                                      subject: "Your storefront password was changed",
                                      params: ["firstName": principal.contact.firstName ?? principal.contact.lastName,
                                               "fullName": principal.contact.fullName, "email": email,
                                               "resellerName": principal.account.name, "helpContact": settings.helpContact]), at: now)
        }
    }

    // MARK: Login

    /// Email + password → the user. Unknown email, wrong password, not yet active, inactive or locked all
    /// give the same `.invalidCredentials` after the same work: one committed write, then one Argon2id check.
    /// The attempt is counted before its password is checked, in the write that decides whether it may be
    /// checked (`claimSignIn`), so the fourth wrong password in a row locks however many arrive at once.
    public func authenticate(email: String, password: String) throws(ServiceError) -> StorefrontPrincipal {
        let now = self.now
        let attempt = try store.write { tx in try claimSignIn(tx, email: email, at: now) }
        guard passwordChecks.check(password, against: attempt?.hash), let attempt else { throw .invalidCredentials }
        // Right: the count of wrong passwords starts again (and a fourth attempt's provisional lock goes).
        try store.write { tx in try tx.resetFailedLogins(attempt.principal.userId) }
        return attempt.principal
    }

    /// Records the attempt; the user and its hash when its password may be checked. Every attempt commits
    /// one write, an unknown email's too (an audit event that names no one), because that is what a
    /// stopwatch could tell apart: a commit waits for the WAL's fsync (synchronous=FULL, milliseconds),
    /// while the few pages more that a known user's row adds cost microseconds.
    private func claimSignIn(_ tx: StoreTx, email: String, at now: Date)
        throws -> (principal: StorefrontPrincipal, hash: String)? {
        guard let (contact, account, user) = try findStorefrontUser(tx, email: email) else {
            let nobody = Actor.storefront(userId: 0, email: "(unknown email)")
            try tx.audit(nobody, "storefrontUser", 0, "signInUnknown", at: now)
            return nil
        }
        let actor = Actor.storefront(userId: user.id, email: contact.email)
        guard let claim = try tx.claimSignIn(user.id) else {
            try tx.audit(actor, "storefrontUser", user.id, "signInRefused", at: now)   // locked, pending or inactive
            return nil
        }
        try tx.audit(actor, "storefrontUser", user.id, "signInAttempt",
                     ["failedLogins": [String(claim.failedLogins - 1), String(claim.failedLogins)]], at: now)
        return (StorefrontPrincipal(userId: user.id, contact: contact, account: account), claim.hash)
    }
}
