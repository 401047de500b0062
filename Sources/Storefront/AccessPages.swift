import Foundation
import ResellerCore

/// The pages before signing in, as HTML.
enum AccessPages {
    static func password(purpose: TokenPurpose, holder: LinkHolder, token: String, csrf: String, errors: [String: String] = [:]) -> String {
        let activation = purpose == .activation
        let body = """
        <dl class="facts"><dt>Reseller</dt><dd>\(HTML.escape(holder.account.name))</dd>
        <dt>Your email (you sign in with it)</dt><dd>\(HTML.escape(holder.contact.email))</dd>
        <dt>This link works until</dt><dd>\(HTML.escape(Format.timestamp(holder.expiresAt)))</dd></dl>
        <p class="muted">Password: \(HTML.escape(PasswordPolicy.summary)). A phrase of several words is easy to remember and hard to guess.</p>
        <form method="post" action="\(activation ? "/activate" : "/reset")">
        \(HTML.hidden("csrf", csrf))\(HTML.hidden("token", token))
        \(HTML.field("password", label: "Password", type: "password", error: errors["password"],
                     attributes: "autocomplete=\"new-password\" required minlength=\"\(PasswordPolicy.minLength)\" maxlength=\"\(PasswordPolicy.maxLength)\""))
        \(HTML.field("confirmation", label: "Password again", type: "password", error: errors["confirmation"],
                     attributes: "autocomplete=\"new-password\" required"))
        <p><button type="submit">\(activation ? "Activate my account" : "Set my new password")</button></p>
        </form>
        """
        return HTML.page(title: activation ? "Activate your storefront account" : "Choose a new password",
                         notice: errors.isEmpty ? nil : .error("The password was not set: see below."), body)
    }

    static func deadLink(purpose: TokenPurpose, reason: String) -> String {
        let what = purpose == .activation ? "Activation link" : "Password reset link"
        let next = purpose == .activation
            ? "If you already activated your account, <a href=\"/login\">log in</a>."
            : "You can <a href=\"/forgot\">ask for a new reset link</a>."
        return HTML.page(title: "\(what) not valid", "<p>\(HTML.escape(reason.prefix(1).uppercased() + reason.dropFirst())).</p><p>\(next)</p>")
    }

    static func passwordSet(purpose: TokenPurpose, email: String) -> String {
        let text = purpose == .activation
            ? "Your storefront account \(email) is active. We have emailed you a confirmation."
            : "Your password for \(email) is changed, and every earlier sign-in has ended. We have emailed you a confirmation."
        return HTML.page(title: purpose == .activation ? "Account activated" : "Password changed", notice: .ok(text),
                         "<p><a href=\"/login\"><button type=\"button\">Log In</button></a></p>")
    }

    static func changePassword(header: StorefrontHeader, errors: [String: String] = [:]) -> String {
        HTML.page(title: "Change your password", signedIn: header, notice: errors.isEmpty ? nil : .error("The password was not changed: see below."), """
        <p class="muted">Password: \(HTML.escape(PasswordPolicy.summary)). Changing it ends every other sign-in.</p>
        <form method="post" action="/password">\(HTML.hidden("csrf", header.csrf))
        \(HTML.field("current", label: "Current password", type: "password", error: errors["current"], attributes: "autocomplete=\"current-password\" required"))
        \(HTML.field("password", label: "New password", type: "password", error: errors["password"],
                     attributes: "autocomplete=\"new-password\" required minlength=\"\(PasswordPolicy.minLength)\" maxlength=\"\(PasswordPolicy.maxLength)\""))
        \(HTML.field("confirmation", label: "New password again", type: "password", error: errors["confirmation"],
                     attributes: "autocomplete=\"new-password\" required"))
        <p><button type="submit">Change my password</button></p></form>
        """)
    }

    static func login(csrf: String, email: String = "", problem: String? = nil) -> String {
        HTML.page(title: "Log In", notice: problem.map(Notice.error), """
        <form method="post" action="/login">\(HTML.hidden("csrf", csrf))
        \(HTML.field("email", label: "Email", value: email, type: "email", attributes: "autocomplete=\"username\" required"))
        \(HTML.field("password", label: "Password", type: "password", attributes: "autocomplete=\"current-password\" required"))
        <p><button type="submit">Log In</button></p></form>
        <p><a href="/forgot">Forgot your password?</a></p>
        <p class="muted">After four wrong passwords in a row the account is locked until the password is reset.</p>
        """)
    }

    static func forgot(csrf: String, email: String = "", error: String? = nil) -> String {
        HTML.page(title: "Forgot your password?", """
        <p>Enter the email you sign in with. If it belongs to an active storefront account, we email a link to
        choose a new password.</p>
        <form method="post" action="/forgot">\(HTML.hidden("csrf", csrf))
        \(HTML.field("email", label: "Email", value: email, type: "email", error: error, attributes: "autocomplete=\"username\" required"))
        <p><button type="submit">Send the link</button></p></form>
        """)
    }

    static func resetSent(email: String, hours: Int) -> String {
        HTML.page(title: "Check your email", notice: .ok("If \(email) belongs to an active storefront account, a reset link is on its way. It works for \(hours) hours, once."),
                  "<p><a href=\"/login\">Back to Log In</a></p>")
    }
}
