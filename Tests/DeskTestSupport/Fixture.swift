import Foundation
import ResellerCore
import Synchronization
import Testing

/// The staff login the service tests act as.
public let staff = Actor.staff("alice")

/// The link tokens of the emails a fixture has sent, by recipient.
public final class SentLinks: Sendable {
    public let tokens = Mutex<[String: String]>([:])
}

/// A service on a temporary SQLite desk with the test clock: a reseller, a price list, storefront users.
public struct Fixture: Sendable {
    public let db = TempDatabase()
    public let clock = TestClock()
    public let service: ResellerService
    /// The link tokens of the emails sent so far, by recipient (see `latestToken`).
    public let sentLinks = SentLinks()

    /// A desk whose invoices `seller` issues (the outside-EU one unless a test says otherwise).
    public init(seller: Seller = TestSeller.outsideEU) throws {
        let store = try db.open()
        let clock = self.clock
        var settings = ServiceSettings.test
        settings.seller = seller
        service = ResellerService(store: store, settings: settings, clock: { clock.now })
    }

    /// A second service on the same file, as another process would open it.
    public func secondService() throws -> ResellerService {
        let clock = self.clock
        return ResellerService(store: try db.open(), settings: service.settings, clock: { clock.now })
    }

    public func reseller(_ name: String = "Aegean Cloud Partners", email: String = "accounts@aegean.example",
                         credit: String = "1000.00", unlimited: Bool = false, billingDay: String? = nil,
                         partial: String = "") throws -> Account {
        var f = AccountForm()
        f.name = name
        f.email = email
        f.country = "GR"
        f.type = "Reseller"
        f.enableOrdering = true
        if unlimited { f.unlimitedCredit = true } else { f.creditLimit = credit }
        if let billingDay { f.prorateBilling = true; f.billingDay = billingDay }
        f.partialChargesInvoicing = partial
        f.enableReselling = true
        return try service.createAccount(f, by: staff)
    }

    public func priceList(_ name: String = "Core EUR", currency: String = "EUR", csv: String = Fixture.coreCSV,
                          validTo: String = "", active: Bool = true) throws -> PriceList {
        try service.importPriceList(csv: csv, name: name, currency: currency, validTo: validTo, active: active,
                                    by: staff)
    }

    public static let coreCSV = """
        code,description,billing_period,price
        M365-BB,Microsoft 365 Business Basic,monthly,5.60
        M365-BB,Microsoft 365 Business Basic,annual,67.20
        VM-2C4G,"Cloud VM, 2 vCPU",monthly,31.00
        SETUP,Setup,one-time,150.00
        """

    /// A storefront contact on `account`; returns the contact and the token from its activation email.
    public func invite(_ account: Account, email: String = "maria@aegean.example") throws -> (Contact, String) {
        var c = ContactForm()
        c.firstName = "Μαρία"
        c.lastName = "Οικονόμου"
        c.email = email
        c.storefrontUser = true
        let contact = try service.addContact(to: account.id, c, by: staff)
        return (contact, try latestToken(to: email))
    }

    /// The token of the newest link emailed to `email`. Sends what is due the way a deliverer does (claim,
    /// then record the send) without a transport: a token exists only in an email that was sent.
    public func latestToken(to email: String) throws -> String {
        for m in try deliverDue() where m.toAddress == email {
            if let token = m.linkToken { sentLinks.tokens.withLock { $0[email] = token.text } }
        }
        return try #require(sentLinks.tokens.withLock { $0[email] })
    }

    /// Claims every due email and records it sent; returns the claimed messages (with their link tokens).
    @discardableResult
    public func deliverDue() throws -> [OutboxMessage] {
        let claimed = try service.claimDueMail(owner: "test:1", lease: 600, limit: 1000)
        for m in claimed { try service.recordDelivery(m, owner: "test:1", .sent) }
        return claimed
    }

    public func activeUser(_ account: Account, email: String = "maria@aegean.example",
                           password: String = "correct horse battery") throws -> Contact {
        let (_, token) = try invite(account, email: email)
        return try service.activate(token: token, password: password, confirmation: password)
    }
}
