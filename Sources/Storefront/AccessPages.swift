import Foundation
import ResellerCore

/// The pages before signing in: each one's values, rendered with its template in `AccessTemplates`.
enum AccessPages {
    struct PasswordForm {
        var reseller, email, until, rules, action, csrf, token, button: String
        var password, confirmation: Field
    }

    static func password(purpose: TokenPurpose, holder: LinkHolder, token: String, csrf: String,
                         errors: [String: String] = [:]) -> String {
        let activation = purpose == .activation
        let form = PasswordForm(
            reseller: holder.account.name, email: holder.contact.email, until: Format.timestamp(holder.expiresAt),
            rules: PasswordPolicy.summary, action: activation ? "/activate" : "/reset", csrf: csrf, token: token,
            button: activation ? "Activate my account" : "Set my new password",
            password: .newPassword("password", label: "Password", error: errors["password"]),
            confirmation: Field("confirmation", label: "Password again", type: "password",
                                error: errors["confirmation"], autocomplete: "new-password"))
        return HTML.page(title: activation ? "Activate your storefront account" : "Choose a new password",
                         notice: errors.isEmpty ? nil : .error("The password was not set: see below."),
                         body: "password", form)
    }

    struct DeadLink { var reason: String; var activation: Bool }

    static func deadLink(purpose: TokenPurpose, reason: String) -> String {
        let what = purpose == .activation ? "Activation link" : "Password reset link"
        let sentence = reason.prefix(1).uppercased() + reason.dropFirst()
        return HTML.page(title: "\(what) not valid", body: "deadLink",
                         DeadLink(reason: sentence, activation: purpose == .activation))
    }

    static func passwordSet(purpose: TokenPurpose, email: String) -> String {
        let text = purpose == .activation
            ? "Your storefront account \(email) is active. We have emailed you a confirmation."
            : "Your password for \(email) is changed, and every earlier sign-in has ended. "
                + "We have emailed you a confirmation."
        return HTML.page(title: purpose == .activation ? "Account activated" : "Password changed", notice: .ok(text),
                         body: "passwordSet")
    }

    struct ChangePasswordForm {
        var rules, csrf: String
        var current, password, confirmation: Field
    }

    static func changePassword(header: StorefrontHeader, errors: [String: String] = [:]) -> String {
        let form = ChangePasswordForm(
            rules: PasswordPolicy.summary, csrf: header.csrf,
            current: Field("current", label: "Current password", type: "password", error: errors["current"],
                           autocomplete: "current-password"),
            password: .newPassword("password", label: "New password", error: errors["password"]),
            confirmation: Field("confirmation", label: "New password again", type: "password",
                                error: errors["confirmation"], autocomplete: "new-password"))
        return HTML.page(title: "Change your password", signedIn: header,
                         notice: errors.isEmpty ? nil : .error("The password was not changed: see below."),
                         body: "changePassword", form)
    }

    struct LoginForm { var csrf: String; var email: Field; var password: Field? }

    static func login(csrf: String, email: String = "", problem: String? = nil) -> String {
        let form = LoginForm(csrf: csrf, email: emailField(email),
                             password: Field("password", label: "Password", type: "password",
                                             autocomplete: "current-password"))
        return HTML.page(title: "Log In", notice: problem.map(Notice.error), body: "login", form)
    }

    static func forgot(csrf: String, email: String = "", error: String? = nil) -> String {
        let form = LoginForm(csrf: csrf, email: emailField(email, error: error), password: nil)
        return HTML.page(title: "Forgot your password?", body: "forgot", form)
    }

    /// The email one signs in with (Log In, Forgot password).
    static func emailField(_ value: String, error: String? = nil) -> Field {
        Field("email", label: "Email", value: value, type: "email", error: error, autocomplete: "username")
    }

    static func resetSent(email: String, hours: Int) -> String {
        HTML.page(title: "Check your email",
                  notice: .ok("If \(email) belongs to an active storefront account, a reset link is on its way. "
                              + "It works for \(hours) hours, once."), body: "resetSent")
    }
}
