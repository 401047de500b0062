/// The templates of the pages before signing in (see `AccessPages` for their values).
enum AccessTemplates {
    static let all: [String: String] = [
        "password": """
            <dl class="facts"><dt>Reseller</dt><dd>{{reseller}}</dd>
            <dt>Your email (you sign in with it)</dt><dd>{{email}}</dd>
            <dt>This link works until</dt><dd>{{until}}</dd></dl>
            <p class="muted">Password: {{rules}}. A phrase of several words is easy to remember and hard to guess.</p>
            <form method="post" action="{{action}}">
            {{>csrf}}<input type="hidden" name="token" value="{{token}}">
            {{#password}}{{>field}}{{/password}}
            {{#confirmation}}{{>field}}{{/confirmation}}
            <p><button type="submit">{{button}}</button></p>
            </form>
            """,
        "deadLink": """
            <p>{{reason}}.</p><p>{{#activation}}If you already activated your account, <a href="/login">log in</a>.\
            {{/activation}}{{^activation}}You can <a href="/forgot">ask for a new reset link</a>.{{/activation}}</p>
            """,
        "passwordSet": "<p><a href=\"/login\"><button type=\"button\">Log In</button></a></p>",
        "changePassword": """
            <p class="muted">Password: {{rules}}. Changing it ends every other sign-in.</p>
            <form method="post" action="/password">{{>csrf}}
            {{#current}}{{>field}}{{/current}}
            {{#password}}{{>field}}{{/password}}
            {{#confirmation}}{{>field}}{{/confirmation}}
            <p><button type="submit">Change my password</button></p></form>
            """,
        "login": """
            <form method="post" action="/login">{{>csrf}}
            {{#email}}{{>field}}{{/email}}
            {{#password}}{{>field}}{{/password}}
            <p><button type="submit">Log In</button></p></form>
            <p><a href="/forgot">Forgot your password?</a></p>
            <p class="muted">After four wrong passwords in a row the account is locked until the password is reset.</p>
            """,
        "forgot": """
            <p>Enter the email you sign in with. If it belongs to an active storefront account, we email a link to
            choose a new password.</p>
            <form method="post" action="/forgot">{{>csrf}}
            {{#email}}{{>field}}{{/email}}
            <p><button type="submit">Send the link</button></p></form>
            """,
        "resetSent": "<p><a href=\"/login\">Back to Log In</a></p>",
    ]
}
