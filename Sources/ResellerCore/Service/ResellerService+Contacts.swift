import Foundation

/// An account's contacts: adding, editing, removing and reading them.
extension ResellerService {
    /// Adds a contact; with Storefront User ticked it also creates the Admin user, its activation token and
    /// the activation email, all in the same transaction.
    public func addContact(to accountId: Int64, _ form: ContactForm, by actor: Actor) throws(ServiceError) -> Contact {
        let fields = try ContactValidator.validate(form)
        let now = self.now
        return try store.write { tx in
            let account = try existingAccount(tx, accountId)
            if try tx.contactId(email: fields.email) != nil {
                throw ServiceError.invalid(ContactSchema.email.id, "a contact with the email \(fields.email) already "
                                           + "exists (emails are storefront logins and must be unique)")
            }
            let id = try tx.insertContact(fields, accountId: accountId, at: now)
            try tx.audit(actor, "contact", id, "create", diff([:], fields.auditValues), at: now)
            try tx.audit(actor, "account", accountId, "addContact", ["contact": [nil, fields.email]], at: now)
            try tx.reindexContacts(of: accountId)
            if form.storefrontUser {
                try inviteStorefrontUser(tx, contactId: id, account: account, by: actor, at: now)
            }
            return try tx.contact(id)!
        }
    }

    public func editContact(_ contactId: Int64, _ form: ContactForm, by actor: Actor) throws(ServiceError) -> Contact {
        let fields = try ContactValidator.validate(form)
        let now = self.now
        return try store.write { tx in
            guard let old = try tx.contact(contactId) else {
                throw ServiceError.notFound(field: "contact", message: "no contact \(contactId)")
            }
            if let other = try tx.contactId(email: fields.email), other != contactId {
                throw ServiceError.invalid(ContactSchema.email.id,
                                           "a contact with the email \(fields.email) already exists")
            }
            try tx.updateContact(contactId, fields, at: now)
            // The email is the storefront login: a new one means links mailed to the old address and
            // browsers signed in under it must stop working. A pending user gets a new activation link at the
            // new address; an active one stays active and both addresses are told (domain.md#contacts).
            if let user = old.storefrontUser, EmailAddress.key(old.email) != EmailAddress.key(fields.email) {
                try tx.revokeTokens(userId: user.id, purpose: nil, at: now)
                try tx.deleteSessions(userId: user.id)
                let new = try tx.contact(contactId)!
                let account = try existingAccount(tx, old.accountId)
                switch user.status {
                case .pending: try queueLink(tx, purpose: .activation, userId: user.id, contact: new, account: account,
                                             at: now)
                case .active: try queueLoginChanged(tx, from: old.email, to: new, account: account, at: now)
                case .inactive: break
                }
            }
            try tx.audit(actor, "contact", contactId, "update", diff(old.fields.auditValues, fields.auditValues),
                         at: now)
            try tx.reindexContacts(of: old.accountId)
            return try tx.contact(contactId)!
        }
    }

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

    public func contact(email: String) throws(ServiceError) -> Contact {
        let found = try store.read { tx in try tx.contactId(email: email).flatMap { try tx.contact($0) } }
        guard let found else {
            throw .notFound(field: ContactSchema.email.id, message: "no contact with the email \(email)")
        }
        return found
    }

    public func contacts(of accountId: Int64) throws(ServiceError) -> [Contact] {
        try store.read { try $0.contacts(of: accountId) }
    }
}

extension ContactFields {
    var auditValues: [String: String?] {
        ["firstName": firstName, "lastName": lastName, "email": email, "phone": phone, "mobile": mobile,
         "companyRole": companyRole, "primary": String(primary), "billTo": String(billTo), "optIn": String(optIn)]
    }
}
