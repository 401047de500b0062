import ArgumentParser
import ResellerCore

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Add contacts and manage their storefront access.",
        subcommands: [Add.self, Edit.self, Remove.self, EnableStorefront.self, SetAccess.self,
                      ResendActivation.self, Deactivate.self, ResetPassword.self])
}

extension ContactCommand {
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a contact (Add Contact); --storefront makes it an Admin storefront user and emails the "
                + "activation link.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "Account id or code.") var account: String
        @OptionGroup var fields: ContactFlags
        @Flag(name: .customLong(ContactSchema.storefrontUser.flag), help: help(ContactSchema.storefrontUser))
        var storefront = false
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let a = try ctx.service.findAccount(account)
                var form = ContactForm()
                fields.apply(to: &form)
                form.storefrontUser = storefront
                let c = try ctx.service.addContact(to: a.id, form, by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.contact(c)); return }
                print(TerminalSafe.line("Added contact \(c.fullName) <\(c.email)> to \(a.code)"))
                if c.storefrontUser != nil {
                    print(TerminalSafe.line("Storefront user (Admin) pending activation; "
                                            + "activation email queued to \(c.email)"))
                }
            }
        }
    }

    /// The three storefront-access actions share one shape: an email in, one service call, one sentence out.
    protocol ContactEmailAction: ParsableCommand {
        var global: GlobalOptions { get }
        var email: String { get }
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String
    }

    struct ResendActivation: ContactEmailAction {
        static let configuration = CommandConfiguration(
            commandName: "resend-activation", abstract: "Send a new activation link; the old one stops working.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.resendActivation(email: email, by: ctx.actor)
            return "New activation email queued to \(email); the previous link no longer works"
        }
    }

    struct Deactivate: ContactEmailAction {
        static let configuration = CommandConfiguration(
            commandName: "deactivate", abstract: "End storefront access: Inactive, links revoked, sessions ended.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.deactivateStorefront(email: email, by: ctx.actor)
            return "\(email) can no longer sign in to the storefront"
        }
    }

    struct ResetPassword: ContactEmailAction {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Email a password reset link to an Active user.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.startPasswordReset(email: email, by: ctx.actor)
            return "Password reset email queued to \(email)"
        }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit", abstract: "Correct a contact; only the options given change.",
            discussion: "A new --email is the storefront login: links and sessions of the old one end; a pending "
                + "user gets a new activation link, an active one a notice at both addresses.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's current email.") var contact: String
        @OptionGroup var fields: ContactFlags
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let current = try ctx.service.contact(email: contact)
                var form = ContactForm(current)
                fields.apply(to: &form)
                let c = try ctx.service.editContact(current.id, form, by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.contact(c)); return }
                print(TerminalSafe.line("Saved contact \(c.fullName) <\(c.email)>"))
            }
        }
    }

    struct Remove: ContactEmailAction {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a contact; its storefront user's links and sessions end.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.removeContact(try ctx.service.contact(email: email).id, by: ctx.actor)
            return "Removed \(email); the audit keeps its history"
        }
    }

    struct EnableStorefront: ContactEmailAction {
        static let configuration = CommandConfiguration(
            commandName: "enable-storefront",
            abstract: "Make a contact an Admin storefront user, or invite an Inactive user again (a new activation "
                + "link).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
            _ = try ctx.service.enableStorefront(contactId: try ctx.service.contact(email: email).id, by: ctx.actor)
            return "\(email) is pending activation; activation email queued"
        }
    }

    struct SetAccess: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-access", abstract: "Make a storefront user Admin, or User with roles.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String
        @Option(help: "admin or user.") var type: String
        @Option(help: "For a User: buyer,billing-agent,subscriptions-manager,cloud-administrator.") var roles: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
                let userType: UserType
                switch type.trimmingCharacters(in: .whitespaces).lowercased() {
                case "admin": userType = .admin
                case "user": userType = .user
                default: throw .invalid("type", "--type must be admin or user, not \"\(type)\"")
                }
                var picked: [UserRole] = []
                var unknown: [String] = []
                for word in (roles ?? "").split(separator: ",") {
                    let slug = word.trimmingCharacters(in: .whitespaces).lowercased()
                    if let role = UserRole.allCases.first(where: { $0.slug == slug }) { picked.append(role) }
                    else { unknown.append(String(word)) }
                }
                guard unknown.isEmpty else {
                    throw .invalid("roles", "unknown role(s) \(unknown.joined(separator: ", ")); roles are "
                                   + UserRole.allCases.map(\.slug).joined(separator: ", "))
                }
                let c = try ctx.service.setStorefrontAccess(try ctx.service.contact(email: email).id, type: userType,
                                                            roles: picked, by: ctx.actor)
                if ctx.json { JSON.print(JSONValues.contact(c)); return }
                let user = c.storefrontUser!
                let roles = user.roles.map(\.rawValue).joined(separator: ", ")
                print(TerminalSafe.line("\(c.email) is now \(user.type.rawValue)"
                                        + (roles.isEmpty ? "" : ": " + roles)))
            }
        }
    }
}

extension ContactCommand.ContactEmailAction {
    func run() throws {
        try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
            print(TerminalSafe.line(try perform(ctx)))
        }
    }
}
