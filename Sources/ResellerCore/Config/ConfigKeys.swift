/// Every key the program reads, with its kind and what it means (printed by `resellerdesk config`). Keys are
/// `section.name`; the environment variable of each is `RESELLERDESK_SECTION_NAME`.
public struct ConfigKey: Sendable {
    /// What a key holds, checked strictly: a number in quotes is refused, so a typo never passes as text.
    public enum Kind: Sendable {
        case text, number, flag, list, numbers

        var expected: String {
            switch self {
            case .text: "text in quotes"
            case .number: "a whole number (no quotes)"
            case .flag: "true or false"
            case .list: "a list of texts, such as [\"10.0.0.1\", \"::1\"]"
            case .numbers: "a list of whole numbers, such as [3, 10, 20]"
            }
        }
    }

    public let name: String
    public let kind: Kind
    public let help: String

    init(_ name: String, _ kind: Kind, _ help: String) {
        self.name = name
        self.kind = kind
        self.help = help
    }
}

extension ConfigFile {
    public static let keys: [ConfigKey] = [
        .init("service.default_currency", .text, "currency of new accounts (ISO 4217), default EUR"),
        .init("service.payment_terms_days", .number,
              "days until an invoice is due for new accounts, 0-365, default 30"),
        .init("service.help_contact", .text, "whom emails and error pages tell people to ask"),
        .init("service.staff_mail_domain", .text, "staff logins get mail at login@this-domain"),
        .init("company.name", .text, "the seller's legal name, printed on every invoice (required to invoice)"),
        .init("company.street", .text, "the seller's street and number (required to invoice)"),
        .init("company.city", .text, "the seller's city (required to invoice)"),
        .init("company.postcode", .text, "the seller's postcode (required to invoice)"),
        .init("company.country", .text,
              "the seller's country, ISO 3166-1 alpha-2 (GR, DE); decides which tax applies (required to invoice)"),
        .init("company.vat_id", .text, "the seller's VAT ID, e.g. EL094259216 (required to invoice)"),
        .init("company.tax_registration", .text, "another tax registration id to print, e.g. a tax office"),
        .init("company.email", .text, "the seller's email address, printed on invoices"),
        .init("company.phone", .text, "the seller's phone number, printed on invoices"),
        .init("company.iban", .text, "the account invoices are paid into (ISO 13616, spaces allowed)"),
        .init("company.bic", .text, "the BIC of that account (ISO 9362)"),
        .init("company.bank", .text, "the name of the bank holding that account"),
        .init("company.footer", .text, "a line printed at the foot of every invoice and credit note"),
        .init("dunning.reminder_days", .numbers,
              "collections steps in days after an invoice's due date: reminder, second reminder, final notice; "
                + "1 to 3 days, ascending, default [3, 10, 20]"),
        .init("dunning.suspend_after_days", .number,
              "days after the due date when an unpaid invoice suspends its account, 0 never, default 30"),
        .init("dunning.copy_account_manager", .flag,
              "the account manager gets a copy of each collections email, default true"),
        .init("storage.path", .text,
              "the desk's database; default ~/.local/share/resellerdesk/resellerdesk.sqlite, "
                + "/var/lib/resellerdesk/desk/desk.sqlite in the system configuration of a team desk"),
        .init("storage.url", .text,
              "a PostgreSQL 15+ database shared by several hosts (postgresql://…, as libpq reads it: ~/.pgpass, "
                + "sslmode=verify-full, a socket folder as host=); set, it replaces storage.path"),
        .init("storage.max_pages", .number,
              "cap on the database file in 4 KiB pages; when reached, changes are refused (default 0: none)"),
        .init("storefront.url", .text, "base URL of the storefront in emailed links, default http://127.0.0.1:8080"),
        .init("storefront.trusted_proxies", .list,
              "addresses of the TLS proxies in front of the storefront, whose X-Forwarded-For is believed"),
        .init("storefront.session_hours", .number, "how long a storefront sign-in lasts, default 8"),
        .init("storefront.password_checks", .number,
              "sign-in password checks (Argon2id, 64 MiB each) run at once; more wait, then get 429; default 2"),
        .init("storefront.idle_timeout_seconds", .number,
              "a connection idle (or sending its request head) this long is closed, default 30"),
        .init("storefront.invitations_per_day", .number,
              "users one account's storefront Admins may invite per day (UTC), 1-10000, default 20; staff: no cap"),
        .init("storefront.end_customers_per_day", .number,
              "end customers one account's storefront users may add per day (UTC), 1-10000, default 50"),
        .init("tokens.lifetime_hours", .number, "how long activation and reset links stay valid, default 72"),
        .init("mail.transport", .text, "maildir (default), smtp or sendmail"),
        .init("mail.from", .text, "sender, e.g. \"Cloud Desk <desk@example.com>\""),
        .init("mail.maildir", .text, "Maildir folder, default ~/.local/share/resellerdesk/Maildir"),
        .init("mail.templates", .text, "folder whose KIND.txt / KIND.html files override the built-in templates"),
        .init("mail.max_attempts", .number, "attempts before a message is marked failed, default 8"),
        .init("smtp.host", .text, "relay host"),
        .init("smtp.port", .number, "relay port (default 25, 587 for starttls, 465 for tls)"),
        .init("smtp.security", .text, "none, starttls or tls"),
        .init("smtp.username", .text, "login for AUTH (PLAIN or LOGIN)"),
        .init("smtp.password_credential", .text,
              "systemd credential holding the password (LoadCredential=NAME:FILE; read from $CREDENTIALS_DIRECTORY)"),
        .init("smtp.password_env", .text, "name of the environment variable holding the password"),
        .init("smtp.password_file", .text, "file holding the password; must be readable by its owner only"),
        .init("smtp.ca_file", .text, "PEM file of CA certificates to trust (default: the system's)"),
        .init("smtp.timeout_seconds", .number, "connect and reply timeout, default 30"),
        .init("sendmail.path", .text, "sendmail-compatible program, default /usr/sbin/sendmail"),
    ]

    static let keyNamed: [String: ConfigKey] = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })
}
