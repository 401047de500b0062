import ArgumentParser
import ResellerCore

extension ContactCommand {
    typealias Remove = EmailCommand<RemoveAction>
    typealias EnableStorefront = EmailCommand<EnableStorefrontAction>
    typealias ResendActivation = EmailCommand<ResendActivationAction>
    typealias Deactivate = EmailCommand<DeactivateAction>
    typealias ResetPassword = EmailCommand<ResetPasswordAction>

    /// What one of the commands on a contact's email does: an email in, one service call, one sentence out.
    protocol EmailAction {
        static var configuration: CommandConfiguration { get }
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String
    }

    /// `contact remove|enable-storefront|resend-activation|deactivate|reset-password EMAIL`: one command shape
    /// for the five actions, as `AccountCommand.StatusCommand` is for suspend, resume and close.
    struct EmailCommand<A: EmailAction>: ParsableCommand {
        static var configuration: CommandConfiguration { A.configuration }
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The contact's email.") var email: String

        func run() throws {
            try CLIContext.run(global, json: false) { (ctx) throws(ServiceError) in
                print(TerminalSafe.line(try A.perform(email: email, ctx)))
            }
        }
    }

    enum RemoveAction: EmailAction {
        static let configuration = CommandConfiguration(
            commandName: "remove", abstract: "Remove a contact; its storefront user's links and sessions end.")
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.removeContact(try ctx.service.contact(email: email).id, by: ctx.actor)
            return "Removed \(email); the audit keeps its history"
        }
    }

    enum EnableStorefrontAction: EmailAction {
        static let configuration = CommandConfiguration(
            commandName: "enable-storefront",
            abstract: "Make a contact an Admin storefront user, or invite an Inactive user again "
                + "(a new activation link).")
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String {
            _ = try ctx.service.enableStorefront(contactId: try ctx.service.contact(email: email).id, by: ctx.actor)
            return "\(email) is pending activation; activation email queued"
        }
    }

    enum ResendActivationAction: EmailAction {
        static let configuration = CommandConfiguration(
            commandName: "resend-activation", abstract: "Send a new activation link; the old one stops working.")
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.resendActivation(email: email, by: ctx.actor)
            return "New activation email queued to \(email); the previous link no longer works"
        }
    }

    enum DeactivateAction: EmailAction {
        static let configuration = CommandConfiguration(
            commandName: "deactivate", abstract: "End storefront access: Inactive, links revoked, sessions ended.")
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.deactivateStorefront(email: email, by: ctx.actor)
            return "\(email) can no longer sign in to the storefront"
        }
    }

    enum ResetPasswordAction: EmailAction {
        static let configuration = CommandConfiguration(
            commandName: "reset-password", abstract: "Email a password reset link to an Active user.")
        static func perform(email: String, _ ctx: CLIContext) throws(ServiceError) -> String {
            try ctx.service.startPasswordReset(email: email, by: ctx.actor)
            return "Password reset email queued to \(email)"
        }
    }
}
