import Foundation

/// Storefront users, the contacts that sign in to the storefront (domain.md#contacts): staff invitations, activation
/// and reset emails, deactivation, a user's type and roles, and the storefront's Users page.
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
                throw ServiceError.refused(field: ContactSchema.storefrontUser.id,
                                           message: "\(contact.email) is already a storefront user "
                                               + "(\(user.status.rawValue))")
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
        try tx.audit(actor, "storefrontUser", userId, "invite",
                     ["status": [contact.storefrontUser?.status.rawValue, UserStatus.pending.rawValue],
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
                throw ServiceError.refused(field: ContactSchema.email.id, message: "\(contact.email) is "
                                           + "\(user.status.rawValue); only a user pending activation gets an "
                                           + "activation link")
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
                throw ServiceError.refused(field: ContactSchema.email.id, message: "\(email) is already inactive")
            }
            try tx.setUserStatus(user.id, .inactive, at: now)
            try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
            try tx.deleteSessions(userId: user.id)
            try tx.audit(actor, "storefrontUser", user.id, "deactivate",
                         ["status": [user.status.rawValue, UserStatus.inactive.rawValue]], at: now)
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
                    throw ServiceError.refused(field: ContactSchema.email.id, message: "\(contact.email) is "
                                               + "\(user.status.rawValue); a password can be reset only for an "
                                               + "Active user")
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

    func findStorefrontUser(_ tx: StoreTx, email: String) throws -> (Contact, Account, StorefrontUser)? {
        guard let id = try tx.contactId(email: email), let contact = try tx.contact(id),
              let user = contact.storefrontUser, let account = try tx.account(contact.accountId) else { return nil }
        return (contact, account, user)
    }

    private static func noStorefrontUser(_ email: String) -> ServiceError {
        .notFound(field: ContactSchema.email.id, message: "no storefront user with the email \(email)")
    }

    /// Makes a storefront user Admin (every role) or User with the roles given (at least one). Pages and
    /// actions read the roles on every request, so the change holds at the user's next click.
    public func setStorefrontAccess(_ contactId: Int64, type: UserType, roles: [UserRole],
                                    by actor: Actor) throws(ServiceError) -> Contact {
        let now = self.now
        return try store.write { tx in
            guard let contact = try tx.contact(contactId) else {
                throw ServiceError.notFound(field: "contact", message: "no contact \(contactId)")
            }
            guard let user = contact.storefrontUser else {
                throw ServiceError.refused(field: ContactSchema.storefrontUser.id, message: "\(contact.email) is "
                                           + "not a storefront user; enable storefront access first")
            }
            try checkManages(tx, actor, contact)
            let kept = UserRole.allCases.filter(roles.contains)
            try Self.checkAccess(type, kept)
            try tx.setUserAccess(user.id, type: type, roles: kept)
            try tx.audit(actor, "storefrontUser", user.id, "setAccess",
                         ["userType": [user.type.rawValue, type.rawValue],
                          "roles": [user.roles.map(\.rawValue).joined(separator: ", "),
                                    kept.map(\.rawValue).joined(separator: ", ")]], at: now)
            return try tx.contact(contactId)!
        }
    }

    /// An active user's login email changed: the old address hears of it (in case it was not them) and the
    /// new one learns how to sign in.
    func queueLoginChanged(_ tx: StoreTx, from oldEmail: String, to contact: Contact, account: Account,
                           at now: Date) throws {
        let params = ["firstName": contact.firstName ?? contact.lastName, "resellerName": account.name,
                      "oldEmail": oldEmail, "newEmail": contact.email, "helpContact": settings.helpContact]
        for address in [oldEmail, contact.email] {
            try tx.enqueue(QueuedMail(kind: .loginEmailChanged, toAddress: address, toName: contact.fullName,
                                      subject: "Your storefront login email was changed", params: params), at: now)
        }
    }

    // MARK: The storefront's Users page (an Admin manages its own account's users)

    /// The storefront users of an account, by name. A storefront actor needs the Admin type.
    public func storefrontUsers(of accountId: Int64, by actor: Actor) throws(ServiceError) -> [Contact] {
        try store.read { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .manageUsers)
            return try tx.contacts(of: accountId).filter { $0.storefrontUser != nil }
        }
    }

    /// An Admin invites a person of its company: a contact, its storefront user with the type and roles
    /// chosen, and the activation email, in one transaction. A storefront Admin invites at most
    /// `storefront.invitations_per_day` a day.
    public func inviteUser(to accountId: Int64, firstName: String, lastName: String, email: String, type: UserType,
                           roles: [UserRole], by actor: Actor) throws(ServiceError) -> Contact {
        var form = ContactForm()
        form.firstName = firstName
        form.lastName = lastName
        form.email = email
        // Every problem at once: the contact's fields and the access chosen.
        var problems: [FieldError] = []
        var checked: ContactFields?
        do { checked = try ContactValidator.validate(form) } catch { problems += error.fieldErrors }
        do { try Self.checkAccess(type, roles) } catch { problems += error.fieldErrors }
        guard let fields = checked, problems.isEmpty else { throw .invalid(problems) }
        let now = self.now
        let invited: Contact? = try store.write { tx in
            try checkStorefrontRights(tx, actor, accountId: accountId, needs: .manageUsers)
            let account = try existingAccount(tx, accountId)
            try checkQuota(tx, .invitations, accountId: accountId, by: actor, at: now)
            if let existing = try tx.contactId(email: fields.email) {
                guard case .storefront = actor else {
                    throw ServiceError.invalid(ContactSchema.email.id, "\(fields.email) is already a contact "
                                               + "(emails are storefront logins and must be unique)")
                }
                // Staff see the collision in the account's history; the Admin's answer names no account.
                let owner = try tx.contact(existing).map { AccountCode.format($0.accountId) }
                try tx.audit(actor, "account", accountId, "inviteRefused",
                             ["email": [nil, fields.email], "existingContactOf": [nil, owner]], at: now)
                return nil
            }
            let id = try tx.insertContact(fields, accountId: accountId, at: now)
            try tx.audit(actor, "contact", id, "create", diff([:], fields.auditValues), at: now)
            try tx.audit(actor, "account", accountId, "inviteUser", ["email": [nil, fields.email]], at: now)
            try tx.reindexContacts(of: accountId)
            try inviteStorefrontUser(tx, contactId: id, account: account, by: actor, at: now)
            let user = try tx.contact(id)!.storefrontUser!
            try tx.setUserAccess(user.id, type: type, roles: UserRole.allCases.filter(roles.contains))
            return try tx.contact(id)!
        }
        // One answer whichever account holds the email, the inviting one included (review L1): a plain
        // "already a contact" for one's own account would make this answer mean "another reseller's".
        guard let invited else {
            throw .invalid(ContactSchema.email.id, "this email cannot be invited; ask \(settings.helpContact)")
        }
        return invited
    }

    /// A type and its roles as the rules allow them: a User has at least one role, an Admin none (it has all).
    static func checkAccess(_ type: UserType, _ roles: [UserRole]) throws(ServiceError) {
        if type == .user && roles.isEmpty {
            throw ServiceError.invalid("roles", "a User needs at least one role: "
                                       + UserRole.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if type == .admin && !roles.isEmpty {
            throw ServiceError.invalid("roles", "an Admin has every role; give roles only to a User")
        }
    }

    /// A storefront Admin acts on another user of its own account, never on itself (so an account cannot
    /// lose its last Admin by a slip); staff act on anyone.
    func checkManages(_ tx: StoreTx, _ actor: Actor, _ contact: Contact) throws {
        try checkStorefrontRights(tx, actor, accountId: contact.accountId, needs: .manageUsers)
        if case .storefront(let userId, _) = actor, contact.storefrontUser?.id == userId {
            throw ServiceError.refused(field: "user", message: "you cannot change your own access; ask another Admin "
                                       + "or your account manager")
        }
    }
}
