import FormCoding
import ResellerCore

/// The Users page of an Admin: the storefront users of its own account, their access, and an invitation.
enum UsersPage {
    struct RoleBox { var slug, label: String; var on: Bool }

    struct UserRow {
        var id: Int64
        var name, email, status, access: String
        var me, admin, active: Bool
        var roles: [RoleBox]
    }

    struct Page {
        var csrf: String
        var users: [UserRow]
        var pager: Pager?
        var firstNameField, lastNameField, emailField: Field
        var inviteRoles: [RoleBox]
        var rolesError: String?
    }

    static func boxes(_ chosen: [UserRole]) -> [RoleBox] {
        UserRole.allCases.map { RoleBox(slug: $0.slug, label: $0.rawValue, on: chosen.contains($0)) }
    }

    /// One page of the users (`contacts`), the invitation form under it.
    static func render(_ contacts: [Contact], pager: Pager?, me: Int64, header: StorefrontHeader, form: FormBody,
                       errors: [String: String], notice: Notice?) -> String {
        let rows = contacts.compactMap { c -> UserRow? in
            guard let u = c.storefrontUser else { return nil }
            let access = u.type == .admin ? "Admin" : "User: " + u.roles.map(\.rawValue).joined(separator: ", ")
            return UserRow(id: c.id, name: c.fullName, email: c.email, status: u.status.rawValue, access: access,
                           me: u.id == me, admin: u.type == .admin, active: u.status != .inactive,
                           roles: boxes(u.roles))
        }
        let page = Page(
            csrf: header.csrf, users: rows, pager: pager,
            firstNameField: Field("firstName", label: "First name", value: form["firstName"],
                                  error: errors["firstName"], required: false),
            lastNameField: Field("lastName", label: "Last name", value: form["lastName"], error: errors["lastName"]),
            emailField: Field("email", label: "Email (the login)", value: form["email"], type: "email",
                              error: errors["email"]),
            inviteRoles: boxes(roles(form)), rolesError: errors["roles"])
        return HTML.page(title: "Users", signedIn: header, notice: notice, body: "users", page)
    }

    /// The roles ticked in a posted form (one `role` field per box).
    static func roles(_ form: FormBody) -> [UserRole] {
        let slugs = Set(form.fields.filter { $0.name == "role" }.map(\.value))
        return UserRole.allCases.filter { slugs.contains($0.slug) }
    }

    static func type(_ form: FormBody) -> UserType? {
        switch form["type"] {
        case "admin": .admin
        case "user": .user
        default: nil
        }
    }
}
