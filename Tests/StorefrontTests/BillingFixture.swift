import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import DeskTestSupport
@testable import ResellerCore
@testable import Storefront

/// The demo reseller (proration on, billing day the 1st, partial charges on order day) with its user
/// activated on 2027-01-10 and given the access of `Who`; the storefront signs in on whatever day the
/// test moves to, so a session never outlives the clock.
struct BillingFixture {
    enum Who: String, CaseIterable { case admin, subscriptionsManager, cloudAdministrator, billingAgent, buyer }

    let clock = TestClock()
    let fx: StorefrontFixture
    let userId: Int64
    var service: ResellerService { fx.service }
    var reseller: Account { fx.reseller }
    var actor: Actor { .storefront(userId: userId, email: StorefrontFixture.email) }

    /// `seller`: the desk's, outside the EU unless a test needs another (the Greek one has bank details).
    init(_ who: Who = .admin, seller: Seller = TestSeller.outsideEU) throws {
        let (type, roles) = Self.access(who)
        try self.init(type: type, roles: roles, seller: seller)
    }

    /// A user of any type and roles (several roles at once).
    init(type: UserType, roles: [UserRole], seller: Seller = TestSeller.outsideEU) throws {
        let clock = self.clock
        clock.set("2027-01-10")
        var settings = ServiceSettings.test
        settings.seller = seller
        fx = try StorefrontFixture(clock: { clock.now }, settings: settings)
        let contact = try fx.service.activate(token: try fx.token(), password: StorefrontFixture.password,
                                              confirmation: StorefrontFixture.password)
        userId = try #require(contact.storefrontUser).id
        _ = try fx.service.setStorefrontAccess(contact.id, type: type, roles: roles, by: .staff("dora"))
    }

    static func access(_ who: Who) -> (UserType, [UserRole]) {
        switch who {
        case .admin: (.admin, [])
        case .subscriptionsManager: (.user, [.subscriptionsManager])
        case .cloudAdministrator: (.user, [.cloudAdministrator])
        case .billingAgent: (.user, [.billingAgent])
        case .buyer: (.user, [.buyer])
        }
    }

    func on(_ day: String) { clock.set(day) }

    func day(_ text: String) -> CalendarDay { CalendarDay.parsed(text) }

    /// Staff orders `quantity` Cloud VMs (monthly 32.00) for the reseller itself: one subscription.
    @discardableResult
    func orderVMs(_ quantity: Int = 2) throws -> Subscription {
        _ = try service.placeOrder(accountId: reseller.id, customerAccountId: nil,
                                   lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: quantity)],
                                   by: .staff("dora"))
        return try #require(try service.subscriptions(of: reseller.id).last)
    }

    /// Signs in through the pages, today.
    func signIn(_ b: inout Browser) async throws {
        try await b.get("/login")
        try await b.post("/login", [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)])
        #expect(b.status == .seeOther)
        try await b.follow()
    }

    func app() throws -> some ApplicationProtocol { try fx.app() }
    func cleanUp() { fx.cleanUp() }
}
