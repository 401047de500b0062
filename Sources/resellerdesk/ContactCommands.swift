import ArgumentParser
import ResellerCore

struct ContactCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "contact", abstract: "Add contacts and manage their storefront access.",
        subcommands: [ContactAdd.self, ResendActivation.self, DeactivateContact.self, ResetPassword.self])
}

struct ContactAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a contact (Add Contact); --storefront makes it an Admin storefront user and emails the activation link.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Account id or code.") var account: String
    @Option(name: .customLong("last-name")) var lastName: String
    @Option var email: String
    @Option(name: .customLong("first-name")) var firstName = ""
    @Option var phone = ""
    @Option var mobile = ""
    @Option(help: "Company role.") var role = ""
    @Flag(help: "Primary contact.") var primary = false
    @Flag(name: .customLong("bill-to"), help: "Bill-to contact.") var billTo = false
    @Flag(name: .customLong("opt-in"), help: "Consents to marketing email.") var optIn = false
    @Flag(help: "Storefront User: create the Admin user and queue the activation email.") var storefront = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        try CLIContext.run(global, json: json) { (ctx) throws(ServiceError) in
            let a = try ctx.service.findAccount(account)
            var form = ContactForm()
            form.firstName = firstName
            form.lastName = lastName
            form.email = email
            form.phone = phone
            form.mobile = mobile
            form.companyRole = role
            form.primary = primary
            form.billTo = billTo
            form.optIn = optIn
            form.storefrontUser = storefront
            let c = try ctx.service.addContact(to: a.id, form, by: ctx.actor)
            if ctx.json { JSON.print(JSONValues.contact(c)); return }
            print(TerminalSafe.line("Added contact \(c.fullName) <\(c.email)> to \(a.code)"))
            if c.storefrontUser != nil {
                print(TerminalSafe.line("Storefront user (Admin) pending activation; activation email queued to \(c.email)"))
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

extension ContactEmailAction {
    func run() throws {
        try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in print(TerminalSafe.line(try perform(ctx))) }
    }
}

struct ResendActivation: ContactEmailAction {
    static let configuration = CommandConfiguration(commandName: "resend-activation", abstract: "Send a new activation link; the old one stops working.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The contact's email.") var email: String
    func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
        try ctx.service.resendActivation(email: email, by: ctx.actor)
        return "New activation email queued to \(email); the previous link no longer works"
    }
}

struct DeactivateContact: ContactEmailAction {
    static let configuration = CommandConfiguration(commandName: "deactivate", abstract: "End storefront access: Inactive, links revoked, sessions ended.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The contact's email.") var email: String
    func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
        try ctx.service.deactivateStorefront(email: email, by: ctx.actor)
        return "\(email) can no longer sign in to the storefront"
    }
}

struct ResetPassword: ContactEmailAction {
    static let configuration = CommandConfiguration(commandName: "reset-password", abstract: "Email a password reset link to an Active user.")
    @OptionGroup var global: GlobalOptions
    @Argument(help: "The contact's email.") var email: String
    func perform(_ ctx: CLIContext) throws(ServiceError) -> String {
        try ctx.service.startPasswordReset(email: email, by: ctx.actor)
        return "Password reset email queued to \(email)"
    }
}
