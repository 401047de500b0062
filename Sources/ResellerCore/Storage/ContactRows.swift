import Foundation
import GRDB

extension StoreTx {
    func insertContact(_ f: ContactFields, accountId: Int64, at now: Date) throws -> Int64 {
        return try insert(sql: """
            INSERT INTO contacts (account_id, first_name, last_name, email, email_key, phone, mobile, company_role,
                                  is_primary, is_bill_to, opt_in, created_at, updated_at)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [accountId, f.firstName, f.lastName, f.email, EmailAddress.key(f.email), f.phone, f.mobile,
                             f.companyRole, f.primary, f.billTo, f.optIn, now, now])
    }

    func updateContact(_ id: Int64, _ f: ContactFields, at now: Date) throws {
        try execute(sql: """
            UPDATE contacts SET first_name = ?, last_name = ?, email = ?, email_key = ?, phone = ?, mobile = ?,
              company_role = ?, is_primary = ?, is_bill_to = ?, opt_in = ?, updated_at = ? WHERE id = ?
            """, arguments: [f.firstName, f.lastName, f.email, EmailAddress.key(f.email), f.phone, f.mobile,
                             f.companyRole, f.primary, f.billTo, f.optIn, now, id])
    }

    /// The contact id holding this email (case-insensitive), if any.
    func contactId(email: String) throws -> Int64? {
        try value(Int64.self, sql: "SELECT id FROM contacts WHERE email_key = ?", arguments: [EmailAddress.key(email)])
    }

    private static let contactSelect = """
        SELECT c.*, u.id AS user_id, u.user_type, u.roles, u.status, u.failed_logins, u.locked
        FROM contacts c LEFT JOIN storefront_users u ON u.contact_id = c.id
        """

    func contact(_ id: Int64) throws -> Contact? {
        try row(sql: Self.contactSelect + " WHERE c.id = ?", arguments: [id]).map(Self.contact)
    }

    func contacts(of accountId: Int64) throws -> [Contact] {
        try rows(sql: Self.contactSelect + " WHERE c.account_id = ? ORDER BY c.id",
                         arguments: [accountId]).map(Self.contact)
    }

    /// The bill-to contacts of each account as (email, full name), oldest first: who receives its invoices.
    func billToRecipients(of accountIds: [Int64]) throws -> [Int64: [(String, String)]] {
        var found: [Int64: [(String, String)]] = [:]
        for r in try rows(forIds: accountIds, { marks in """
            SELECT account_id, email, first_name, last_name FROM contacts
             WHERE account_id IN (\(marks)) AND is_bill_to = 1 ORDER BY id
            """ }) {
            found[r[0], default: []].append((r[1], [r[2] as String?, r[3] as String?].compactMap { $0 }
                .joined(separator: " ")))
        }
        return found
    }

    static func contact(_ r: SQLRow) -> Contact {
        var user: StorefrontUser?
        if let uid = r["user_id"] as Int64? {
            let roles = (r["roles"] as String? ?? "").split(separator: ",").compactMap { UserRole(rawValue: String($0)) }
            user = StorefrontUser(id: uid, contactId: r["id"], type: UserType(rawValue: r["user_type"]) ?? .user,
                                  roles: roles, status: UserStatus(rawValue: r["status"]) ?? .inactive,
                                  failedLogins: r["failed_logins"], locked: r["locked"])
        }
        let fields = ContactFields(firstName: r["first_name"], lastName: r["last_name"], email: r["email"],
                                   phone: r["phone"], mobile: r["mobile"], companyRole: r["company_role"],
                                   primary: r["is_primary"], billTo: r["is_bill_to"], optIn: r["opt_in"])
        return Contact(id: r["id"], accountId: r["account_id"], fields: fields, storefrontUser: user)
    }

    func insertStorefrontUser(contactId: Int64, type: UserType, at now: Date) throws -> Int64 {
        return try insert(sql: """
            INSERT INTO storefront_users (contact_id, user_type, status, created_at) VALUES (?, ?, ?, ?)
            """, arguments: [contactId, type.rawValue, UserStatus.pending.rawValue, now])
    }

    func setUserAccess(_ userId: Int64, type: UserType, roles: [UserRole]) throws {
        try execute(sql: "UPDATE storefront_users SET user_type = ?, roles = ? WHERE id = ?",
                       arguments: [type.rawValue, roles.map(\.rawValue).joined(separator: ","), userId])
    }

    /// Deletes a contact and its storefront user with the rows that name them (tokens, sessions; unsent link
    /// emails were withdrawn first and keep their history without the user).
    func deleteContact(_ contactId: Int64) throws {
        if let userId = try userIdForContact(contactId) {
            try execute(sql: "UPDATE outbox SET link_user_id = NULL WHERE link_user_id = ?", arguments: [userId])
            try execute(sql: "DELETE FROM tokens WHERE user_id = ?", arguments: [userId])
            try execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId])
            try execute(sql: "DELETE FROM storefront_users WHERE id = ?", arguments: [userId])
        }
        try execute(sql: "DELETE FROM contacts WHERE id = ?", arguments: [contactId])
    }

    func setUserStatus(_ userId: Int64, _ status: UserStatus, at now: Date) throws {
        try execute(sql: """
            UPDATE storefront_users SET status = ?,
              activated_at = CASE WHEN ? = 'Active' THEN COALESCE(activated_at, ?) ELSE activated_at END
            WHERE id = ?
            """, arguments: [status.rawValue, status.rawValue, now, userId])
    }

    func setPassword(_ userId: Int64, hash: String) throws {
        try execute(sql: "UPDATE storefront_users SET password_hash = ?, failed_logins = 0, locked = 0 WHERE id = ?",
                       arguments: [hash, userId])
    }

    func passwordHash(_ userId: Int64) throws -> String? {
        try value(String.self, sql: "SELECT password_hash FROM storefront_users WHERE id = ?", arguments: [userId])
    }

    /// Counts a sign-in attempt before its password is checked, in the one statement that decides whether it
    /// may be checked at all: only an active, unlocked user with a password may be, and the fourth attempt in a
    /// row locks at once (domain.md#protections: more than three wrong passwords lock), so however many attempts arrive
    /// together, at most four are checked. One that proves right lifts the count and its lock
    /// (`resetFailedLogins`). Nil when the attempt may not be checked; else the count and the stored hash.
    func claimSignIn(_ userId: Int64) throws -> (failedLogins: Int, hash: String)? {
        try row(sql: """
            UPDATE storefront_users SET failed_logins = failed_logins + 1,
              locked = CASE WHEN failed_logins + 1 >= 4 THEN 1 ELSE 0 END
            WHERE id = ? AND status = ? AND locked = 0 AND password_hash IS NOT NULL
            RETURNING failed_logins, password_hash
            """, arguments: [userId, UserStatus.active.rawValue]).map { ($0[0], $0[1]) }
    }

    func resetFailedLogins(_ userId: Int64) throws {
        try execute(sql: "UPDATE storefront_users SET failed_logins = 0, locked = 0 WHERE id = ?",
                       arguments: [userId])
    }

    // MARK: Tokens

    /// Stores a new token's hash and revokes every earlier live token of the same purpose: the link just
    /// sent is the only live one.
    func insertToken(hash: [UInt8], userId: Int64, purpose: TokenPurpose, expires: Date, at now: Date) throws {
        try revokeTokenRows(userId: userId, purpose: purpose, at: now)
        try execute(sql: """
            INSERT INTO tokens (user_id, purpose, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?)
            """, arguments: [userId, purpose.rawValue, Data(hash), expires, now])
    }

    /// Revokes the user's links of `purpose` (all when nil): the live tokens stop working and the link
    /// emails not yet sent are withdrawn, so no later send mints a link this revocation meant to end.
    func revokeTokens(userId: Int64, purpose: TokenPurpose?, at now: Date) throws {
        try revokeTokenRows(userId: userId, purpose: purpose, at: now)
        try withdrawLinkMail(userId: userId, purpose: purpose,
                             reason: "not sent: the link was replaced or revoked first")
    }

    private func revokeTokenRows(userId: Int64, purpose: TokenPurpose?, at now: Date) throws {
        try execute(sql: """
            UPDATE tokens SET revoked_at = ? WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL
              AND (CAST(? AS TEXT) IS NULL OR purpose = ?)
            """, arguments: [now, userId, purpose?.rawValue, purpose?.rawValue])
    }

    struct TokenRow {
        var id: Int64, userId: Int64, purpose: String, expiresAt: Date, usedAt: Date?, revokedAt: Date?
    }

    func token(hash: [UInt8]) throws -> TokenRow? {
        try row(sql: "SELECT * FROM tokens WHERE token_hash = ?", arguments: [Data(hash)]).map {
            TokenRow(id: $0["id"], userId: $0["user_id"], purpose: $0["purpose"], expiresAt: $0["expires_at"],
                     usedAt: $0["used_at"], revokedAt: $0["revoked_at"])
        }
    }

    /// Marks a token used; false if another request used or revoked it first.
    func consumeToken(_ id: Int64, at now: Date) throws -> Bool {
        let changed = try execute(sql: """
            UPDATE tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL
            """, arguments: [now, id])
        return changed == 1
    }

    func liveTokenCount(userId: Int64, at now: Date) throws -> Int {
        try value(Int.self, sql: """
            SELECT COUNT(*) FROM tokens WHERE user_id = ? AND used_at IS NULL AND revoked_at IS NULL AND expires_at > ?
            """, arguments: [userId, now]) ?? 0
    }

    func userIdForContact(_ contactId: Int64) throws -> Int64? {
        try value(Int64.self, sql: "SELECT id FROM storefront_users WHERE contact_id = ?", arguments: [contactId])
    }

    func contactIdForUser(_ userId: Int64) throws -> Int64? {
        try value(Int64.self, sql: "SELECT contact_id FROM storefront_users WHERE id = ?", arguments: [userId])
    }

    /// The contact a storefront user belongs to (with the user), or nil when there is none any more.
    func contact(ofUser userId: Int64) throws -> Contact? {
        try contactIdForUser(userId).flatMap { try contact($0) }
    }

    func deleteSessions(userId: Int64) throws {
        try execute(sql: "DELETE FROM sessions WHERE user_id = ?", arguments: [userId])
    }
}
