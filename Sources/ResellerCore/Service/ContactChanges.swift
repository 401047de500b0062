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
            let kept = UserRole.allCases.filter(roles.contains)
            if type == .user && kept.isEmpty {
                throw ServiceError.invalid("roles", "a User needs at least one role: "
                                           + UserRole.allCases.map(\.rawValue).joined(separator: ", "))
            }
            if type == .admin && !kept.isEmpty {
                throw ServiceError.invalid("roles", "an Admin has every role; give roles only to a User")
            }
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
}
