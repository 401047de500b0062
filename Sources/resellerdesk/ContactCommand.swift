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
