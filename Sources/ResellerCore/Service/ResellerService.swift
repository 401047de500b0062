import Foundation

/// Settings the service needs from configuration; `ServiceSettings(_ config:)` (Config/ConfigFile.swift) fills them
/// from the config file, and tests use the defaults.
public struct ServiceSettings: Sendable {
    public var defaultCurrency = "EUR"
    /// Days until an invoice is due for an account that does not say (domain.md#accounts: 30).
    public var paymentTermsDays = 30
    /// How long activation and reset links stay valid (domain.md#protections: 72 hours).
    public var tokenLifetime: TimeInterval = 72 * 3600
    /// Where emailed links point.
    public var storefrontURL = "http://127.0.0.1:8080"
    /// Staff logins get mail at login@this-domain (the account manager's "order over credit" email).
    public var staffMailDomain = "localhost"
    /// Named in emails as whom to ask for help.
    public var helpContact = "your account manager"
    /// Peers whose X-Forwarded-For the storefront believes (its TLS proxy), as IP addresses.
    public var trustedProxies: [String] = []
    /// How long a storefront sign-in lasts (absolute, from login).
    public var sessionLifetime: TimeInterval = 8 * 3600
    /// Storefront password checks run at once: each Argon2id run holds 64 MiB and a core.
    public var passwordChecks = 2
    /// Seconds a storefront connection may sit with no request in progress (or an unfinished request head).
    public var idleTimeout = 30
    /// What one account's storefront users may create per day (UTC); staff are not capped.
    public var invitationsPerDay = 20
    public var endCustomersPerDay = 50
    /// Who issues the invoices (domain.md#the-seller-and-tax): the configuration's [company]. Empty by default,
    /// and nothing is invoiced while a key it needs is missing (`Seller.missingKeys`).
    public var seller = Seller()
    /// The collections policy: `[dunning]`.
    public var dunning = DunningPolicy()
    public init() {}
}

/// The one API every front calls: the terminal, the scripting CLI and the storefront. It validates every
/// input with the rules of docs/domain.md, and performs each change, its audit event and any email it causes in
/// one transaction. It holds no UI and no SQL.
public final class ResellerService: Sendable {
    public let store: Store
    public let settings: ServiceSettings
    let clock: @Sendable () -> Date
    /// The Argon2id checks of sign-ins, counted.
    public let passwordChecks = PasswordChecks()

    public init(store: Store, settings: ServiceSettings = ServiceSettings(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.settings = settings
        self.clock = clock
    }

    public var now: Date { clock() }
    public var today: CalendarDay { CalendarDay(clock()) }

    /// Looks an account up by "ACC-000123", "123" or exact id text.
    public func findAccount(_ reference: String) throws(ServiceError) -> Account {
        guard let id = AccountCode.parse(reference) else {
            throw .notFound(field: "account", message: "\"\(reference)\" is not an account code like ACC-000123 or an id")
        }
        return try account(id)
    }

    public func account(_ id: Int64) throws(ServiceError) -> Account {
        try store.read { tx in try existingAccount(tx, id) }
    }

    func staffEmail(_ login: String) -> String { "\(login)@\(settings.staffMailDomain)" }
}
