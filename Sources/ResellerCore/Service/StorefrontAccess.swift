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

extension ResellerService {
    // MARK: Invitations (staff)

    /// Ticks Storefront User on an existing contact: Admin user, token and activation email, one transaction.
    public func enableStorefront(contactId: Int64, by actor: Actor) throws(ServiceError) -> Contact {
        let now = self.now
        return try store.write { tx in
            guard let contact = try tx.contact(contactId), let account = try tx.account(contact.accountId) else {
                throw ServiceError.notFound(field: "contact", message: "no contact \(contactId)")
            }
            if let user = contact.storefrontUser, user.status != .inactive {
                throw ServiceError.refused(field: "storefrontUser", message: "\(contact.email) is already a storefront user (\(user.status.rawValue))")
            }
            try inviteStorefrontUser(tx, contactId: contactId, account: account, by: actor, at: now)
            return try tx.contact(contactId)!
        }
    }

    /// Creates (or re-opens) the Admin user, a fresh activation token (revoking earlier ones) and the
    /// activation email, inside the caller's transaction.
    func inviteStorefrontUser(_ tx: StoreTx, contactId: Int64, account: Account, by actor: Actor, at now: Date) throws {
        guard let contact = try tx.contact(contactId) else { return }
        let userId: Int64
        if let existing = contact.storefrontUser {
            userId = existing.id
            try tx.setUserStatus(userId, .pending, at: now)
        } else {
            userId = try tx.insertStorefrontUser(contactId: contactId, type: .admin, at: now)
        }
        try tx.audit(actor, "storefrontUser", userId, "invite", ["status": [contact.storefrontUser?.status.rawValue, UserStatus.pending.rawValue],
                                                                 "userType": [nil, UserType.admin.rawValue]], at: now)
        try queueLink(tx, purpose: .activation, userId: userId, contact: contact, account: account, at: now)
    }

    /// Queues a link email: the row names the user and the purpose, never a token (the deliverer makes the
    /// token as it sends; see `claimDueMail`). Earlier links of the purpose, sent or not, stop working now.
    func queueLink(_ tx: StoreTx, purpose: TokenPurpose, userId: Int64, contact: Contact, account: Account,
                           at now: Date) throws {
        try tx.revokeTokens(userId: userId, purpose: purpose, at: now)
        let params: [String: String] = [
            "firstName": contact.firstName ?? contact.lastName, "fullName": contact.fullName, "email": contact.email,
            "resellerName": account.name, "helpContact": settings.helpContact,
        ]
        let subject = purpose == .activation
            ? "Activate your storefront account for \(account.name)"
            : "Reset your storefront password"
        try tx.enqueue(QueuedMail(kind: purpose == .activation ? .activation : .passwordReset, toAddress: contact.email,
                                  toName: contact.fullName, subject: subject, params: params,
                                  link: LinkRequest(userId: userId, purpose: purpose)), at: now)
    }

    /// Sends a new activation link to a pending user; the previous link stops working.
    public func resendActivation(email: String, by actor: Actor) throws(ServiceError) {
        let now = self.now
        try store.write { tx in
            let (contact, account, user) = try storefrontUser(tx, email: email)
            guard user.status == .pending else {
                throw ServiceError.refused(field: "email", message: "\(contact.email) is \(user.status.rawValue); only a user pending activation gets an activation link")
            }
            try tx.audit(actor, "storefrontUser", user.id, "resendActivation", at: now)
            try queueLink(tx, purpose: .activation, userId: user.id, contact: contact, account: account, at: now)
        }
    }

    /// Unticks storefront access: the user becomes Inactive, its links stop working and its sessions end.
    public func deactivateStorefront(email: String, by actor: Actor) throws(ServiceError) {
        let now = self.now
        try store.write { tx in
            let (contact, _, user) = try storefrontUser(tx, email: email)
            try checkManages(tx, actor, contact)
            guard user.status != .inactive else {
                throw ServiceError.refused(field: "email", message: "\(email) is already inactive")
            }
            try tx.setUserStatus(user.id, .inactive, at: now)
            try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
            try tx.deleteSessions(userId: user.id)
            try tx.audit(actor, "storefrontUser", user.id, "deactivate", ["status": [user.status.rawValue, UserStatus.inactive.rawValue]], at: now)
        }
    }

    /// Sends a password reset link. From the desk an unknown or non-active email is an error; from the
    /// storefront's "forgot password" page (`quiet`) it is silently ignored so the page reveals nothing.
    public func startPasswordReset(email: String, by actor: Actor, quiet: Bool = false) throws(ServiceError) {
        let now = self.now
        try store.write { tx in
            let found = try findStorefrontUser(tx, email: email)
            guard let (contact, account, user) = found, user.status == .active else {
                guard quiet else {
                    guard let (contact, _, user) = found else { throw Self.noStorefrontUser(email) }
                    throw ServiceError.refused(field: "email", message: "\(contact.email) is \(user.status.rawValue); "
                                               + "a password can be reset only for an Active user")
                }
                // Quietly, the same committed write as for an active user, for the reason `claimSignIn` gives.
                try tx.audit(actor, "storefrontUser", found?.2.id ?? 0, "passwordResetRefused", at: now)
                return
            }
            try tx.audit(actor, "storefrontUser", user.id, "startPasswordReset", at: now)
            try queueLink(tx, purpose: .reset, userId: user.id, contact: contact, account: account, at: now)
        }
    }

    private func storefrontUser(_ tx: StoreTx, email: String) throws -> (Contact, Account, StorefrontUser) {
        guard let found = try findStorefrontUser(tx, email: email) else { throw Self.noStorefrontUser(email) }
        return found
    }

    private func findStorefrontUser(_ tx: StoreTx, email: String) throws -> (Contact, Account, StorefrontUser)? {
        guard let id = try tx.contactId(email: email), let contact = try tx.contact(id),
              let user = contact.storefrontUser, let account = try tx.account(contact.accountId) else { return nil }
        return (contact, account, user)
    }

    private static func noStorefrontUser(_ email: String) -> ServiceError {
        .notFound(field: "email", message: "no storefront user with the email \(email)")
    }

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

    /// Activation (doc): token + password (typed twice) → Active, token consumed, "activation successful"
    /// email queued, all in one transaction.
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
