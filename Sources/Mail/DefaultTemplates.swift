import ResellerCore

/// The built-in email bodies, one text and one HTML template per kind. A folder named by `mail.templates`
/// overrides any of them with files KIND.txt and KIND.html (e.g. activation.txt). An invoice's or credit
/// note's templates have `{{document}}` (the printed text in a .txt; in an .html the values of the
/// storefront's printable page, to show with `{{#document}}{{>invoiceDocument}}{{/document}}`).
enum DefaultTemplates {
    static func text(_ kind: MailKind) -> String {
        switch kind {
        case .activation: """
            Dear {{firstName}},

            {{resellerName}} now has a storefront account, and you are its administrator.
            Set your password to activate it:

            {{link}}

            The link works once and expires on {{expires}}. Your username is {{email}}.

            If you did not expect this email, or the link has expired, ask {{helpContact}}.
            """
        case .activationSuccessful: """
            Dear {{firstName}},

            Your storefront account for {{resellerName}} is active.

            Log in: {{loginURL}}
            Username: {{email}}

            If you did not activate this account, ask {{helpContact}} at once.
            """
        case .passwordReset: """
            Dear {{firstName}},

            Someone asked to reset the password of your storefront account ({{email}}).
            Choose a new password here:

            {{link}}

            The link works once and expires on {{expires}}. If you did not ask for this, ignore this
            email; your password stays as it is.
            """
        case .resetSuccessful: """
            Dear {{firstName}},

            The password of your storefront account ({{email}}) was changed, and every other session
            was signed out.

            Log in: {{loginURL}}

            If you did not change it, ask {{helpContact}} at once.
            """
        case .orderOverCredit: """
            Dear {{recipientName}},

            Order {{orderNumber}} of {{resellerName}} for {{total}} was received, but it is above the
            available credit ({{availableCredit}}), so it is Submitted and not executed yet.

            Our staff will execute it when the credit allows (for example after a payment) or cancel it;
            you will be emailed either way. Questions: {{helpContact}}.
            """
        case .orderExecuted: """
            Dear {{recipientName}},

            Order {{orderNumber}} of {{resellerName}} for {{total}}, which was waiting above the available
            credit, has been executed by {{staff}}.

            Questions: {{helpContact}}.
            """
        case .orderCanceled: """
            Dear {{recipientName}},

            Order {{orderNumber}} of {{resellerName}} for {{total}}, which was waiting above the available
            credit, has been canceled by {{staff}}. Nothing was charged.

            Questions: {{helpContact}}.
            """
        case .loginEmailChanged: """
            Dear {{firstName}},

            The login email of your storefront account for {{resellerName}} was changed from {{oldEmail}}
            to {{newEmail}}. Sign in with the new address from now on; your password stays as it is, and
            every session was signed out.

            If you did not ask for this, ask {{helpContact}} at once.
            """
        case .invoice: """
            Dear {{recipientName}},

            Invoice {{invoiceNumber}} of {{invoiceDate}} for {{resellerName}}: {{total}} in all, its tax shown
            below, due on {{dueDate}}.

            {{document}}

            Questions: {{helpContact}}.
            """
        case .creditNote: """
            Dear {{recipientName}},

            Credit note {{creditNoteNumber}} of {{creditNoteDate}} for {{resellerName}}: {{total}} credited to
            your account, its tax shown below.

            {{document}}

            Questions: {{helpContact}}.
            """
        case .overCreditAfterBilling: """
            Dear {{recipientName}},

            The billing run of {{runDate}} issued {{invoices}} to {{resellerName}} ({{accountCode}}), which
            leaves it above its credit limit of {{creditLimit}}: available credit is now {{availableCredit}}.

            Renewals are never held back by the credit limit; new orders wait until the credit allows.
            """
        case .reminder: """
            Dear {{recipientName}},

            Our records show {{totalOverdue}} overdue on the account of {{resellerName}} ({{accountCode}}):

            {{invoices}}

            Please pay by bank transfer{{#bankLine}} ({{bankLine}}){{/bankLine}}, quoting each
            invoice's payment reference, so the payment finds its invoice. If you have paid in the last few days,
            thank you, and please disregard this reminder.

            Questions: {{helpContact}}.
            """
        case .secondReminder: """
            Dear {{recipientName}},

            A second reminder: {{totalOverdue}} is still overdue on the account of {{resellerName}}
            ({{accountCode}}):

            {{invoices}}

            Please pay by bank transfer{{#bankLine}} ({{bankLine}}){{/bankLine}}, quoting each
            invoice's payment reference. If something is wrong with these invoices, tell us at once.

            Questions: {{helpContact}}.
            """
        case .finalNotice: """
            Dear {{recipientName}},

            Final notice: {{totalOverdue}} is overdue on the account of {{resellerName}} ({{accountCode}}):

            {{invoices}}

            {{#suspensionDate}}Unless it is paid, the account will be suspended on {{suspensionDate}}: no new
            orders until it is paid. {{/suspensionDate}}Please pay by bank transfer{{#bankLine}}
            ({{bankLine}}){{/bankLine}}, quoting each invoice's payment reference.

            Questions: {{helpContact}}.
            """
        case .test: """
            This is a test email from ResellerDesk.

            If you can read it, mail delivery works.
            """
        }
    }

    static func html(_ kind: MailKind) -> String {
        let body: String
        switch kind {
        case .activation: body = """
            <p>Dear {{firstName}},</p>
            <p><strong>{{resellerName}}</strong> now has a storefront account, and you are its administrator.
            Set your password to activate it:</p>
            <p><a href="{{link}}" style="background:#1a5fb4;color:#fff;padding:10px 18px;text-decoration:none;border-radius:4px">Activate your account</a></p>
            <p>Or open this address: {{link}}</p>
            <p>The link works once and expires on {{expires}}. Your username is {{email}}.</p>
            <p>If you did not expect this email, or the link has expired, ask {{helpContact}}.</p>
            """
        case .activationSuccessful: body = """
            <p>Dear {{firstName}},</p>
            <p>Your storefront account for <strong>{{resellerName}}</strong> is active.</p>
            <p><a href="{{loginURL}}">Login Now</a> with the username {{email}}.</p>
            <p>If you did not activate this account, ask {{helpContact}} at once.</p>
            """
        case .passwordReset: body = """
            <p>Dear {{firstName}},</p>
            <p>Someone asked to reset the password of your storefront account ({{email}}).</p>
            <p><a href="{{link}}">Choose a new password</a> (or open {{link}}).</p>
            <p>The link works once and expires on {{expires}}. If you did not ask for this, ignore this email.</p>
            """
        case .resetSuccessful: body = """
            <p>Dear {{firstName}},</p>
            <p>The password of your storefront account ({{email}}) was changed, and every other session was signed out.</p>
            <p><a href="{{loginURL}}">Log In</a></p>
            <p>If you did not change it, ask {{helpContact}} at once.</p>
            """
        case .orderOverCredit: body = """
            <p>Dear {{recipientName}},</p>
            <p>Order <strong>{{orderNumber}}</strong> of {{resellerName}} for {{total}} was received, but it is above
            the available credit ({{availableCredit}}), so it is <strong>Submitted</strong> and not executed yet.</p>
            <p>Our staff will execute it when the credit allows (for example after a payment) or cancel it;
            you will be emailed either way. Questions: {{helpContact}}.</p>
            """
        case .orderExecuted: body = """
            <p>Dear {{recipientName}},</p>
            <p>Order <strong>{{orderNumber}}</strong> of {{resellerName}} for {{total}}, which was waiting above
            the available credit, has been <strong>executed</strong> by {{staff}}.</p>
            <p>Questions: {{helpContact}}.</p>
            """
        case .orderCanceled: body = """
            <p>Dear {{recipientName}},</p>
            <p>Order <strong>{{orderNumber}}</strong> of {{resellerName}} for {{total}}, which was waiting above
            the available credit, has been <strong>canceled</strong> by {{staff}}. Nothing was charged.</p>
            <p>Questions: {{helpContact}}.</p>
            """
        case .loginEmailChanged: body = """
            <p>Dear {{firstName}},</p>
            <p>The login email of your storefront account for <strong>{{resellerName}}</strong> was changed from
            {{oldEmail}} to {{newEmail}}. Sign in with the new address from now on; your password stays as it is,
            and every session was signed out.</p>
            <p>If you did not ask for this, ask {{helpContact}} at once.</p>
            """
        case .invoice: body = """
            <p>Dear {{recipientName}},</p>
            <p>Invoice <strong>{{invoiceNumber}}</strong> of {{invoiceDate}} for {{resellerName}}:
            <strong>{{total}}</strong> in all, its tax shown below, due on {{dueDate}}.</p>
            {{#document}}{{>invoiceDocument}}{{/document}}{{^document}}<pre>{{lines}}</pre>{{/document}}
            <p>Questions: {{helpContact}}.</p>
            """
        case .creditNote: body = """
            <p>Dear {{recipientName}},</p>
            <p>Credit note <strong>{{creditNoteNumber}}</strong> of {{creditNoteDate}} for {{resellerName}}:
            <strong>{{total}}</strong> credited to your account, its tax shown below.</p>
            {{#document}}{{>invoiceDocument}}{{/document}}{{^document}}<pre>{{lines}}</pre>{{/document}}
            <p>Questions: {{helpContact}}.</p>
            """
        case .overCreditAfterBilling: body = """
            <p>Dear {{recipientName}},</p>
            <p>The billing run of {{runDate}} issued {{invoices}} to <strong>{{resellerName}}</strong>
            ({{accountCode}}), which leaves it above its credit limit of {{creditLimit}}: available credit is now
            <strong>{{availableCredit}}</strong>.</p>
            <p>Renewals are never held back by the credit limit; new orders wait until the credit allows.</p>
            """
        case .reminder: body = """
            <p>Dear {{recipientName}},</p>
            <p>Our records show <strong>{{totalOverdue}}</strong> overdue on the account of {{resellerName}}
            ({{accountCode}}):</p>
            <pre>{{invoices}}</pre>
            <p>Please pay by bank transfer{{#bankLine}} ({{bankLine}}){{/bankLine}}, quoting each
            invoice's payment reference, so the payment finds its invoice. If you have paid in the last few days,
            thank you, and please disregard this reminder.</p>
            <p>Questions: {{helpContact}}.</p>
            """
        case .secondReminder: body = """
            <p>Dear {{recipientName}},</p>
            <p>A second reminder: <strong>{{totalOverdue}}</strong> is still overdue on the account of
            {{resellerName}} ({{accountCode}}):</p>
            <pre>{{invoices}}</pre>
            <p>Please pay by bank transfer{{#bankLine}} ({{bankLine}}){{/bankLine}}, quoting each
            invoice's payment reference. If something is wrong with these invoices, tell us at once.</p>
            <p>Questions: {{helpContact}}.</p>
            """
        case .finalNotice: body = """
            <p>Dear {{recipientName}},</p>
            <p><strong>Final notice:</strong> {{totalOverdue}} is overdue on the account of {{resellerName}}
            ({{accountCode}}):</p>
            <pre>{{invoices}}</pre>
            {{#suspensionDate}}<p>Unless it is paid, the account will be suspended on
            <strong>{{suspensionDate}}</strong>: no new orders until it is paid.</p>{{/suspensionDate}}
            <p>Please pay by bank transfer{{#bankLine}} ({{bankLine}}){{/bankLine}}, quoting each
            invoice's payment reference.</p>
            <p>Questions: {{helpContact}}.</p>
            """
        case .test: body = "<p>This is a test email from ResellerDesk.</p><p>If you can read it, mail delivery works.</p>"
        }
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{{subject}}</title>\
            {{#documentStyle}}<style>{{documentStyle}}</style>{{/documentStyle}}</head>
            <body style="font-family:sans-serif;line-height:1.5;max-width:40em">
            \(body)
            </body></html>
            """
    }
}
