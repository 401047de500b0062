import Foundation

/// Running contacts after onboarding (doc): removing one, and a storefront user's type and roles.
extension ResellerService {
    /// Removes a contact. Its storefront user, if any, goes with it: links revoked (unsent link emails
    /// withdrawn), sessions ended. The audit keeps the history; the email can be used again.
    public func removeContact(_ contactId: Int64, by actor: Actor) throws(ServiceError) {
        let now = self.now
        try store.write { tx in
            guard let contact = try tx.contact(contactId) else {
                throw ServiceError.notFound(field: "contact", message: "no contact \(contactId)")
            }
            if let user = contact.storefrontUser {
                try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
                try tx.deleteSessions(userId: user.id)
                try tx.audit(actor, "storefrontUser", user.id, "remove", ["status": [user.status.rawValue, nil]],
                             at: now)
            }
            try tx.deleteContact(contactId)
            try tx.audit(actor, "contact", contactId, "remove", ["email": [contact.email, nil]], at: now)
            try tx.audit(actor, "account", contact.accountId, "removeContact", ["contact": [contact.email, nil]],
                         at: now)
            try tx.reindexContacts(of: contact.accountId)
        }
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
                throw ServiceError.refused(field: "storefrontUser", message: "\(contact.email) is not a storefront "
                                           + "user; enable storefront access first")
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
                    throw ServiceError.invalid("email", "\(fields.email) is already a contact (emails are "
                                               + "storefront logins and must be unique)")
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
            throw .invalid("email", "this email cannot be invited; ask \(settings.helpContact)")
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
