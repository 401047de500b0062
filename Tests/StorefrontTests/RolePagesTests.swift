import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront

/// Every role against every signed-in page and action (docs/domain.md#roles): what
/// is allowed answers, what is not is refused by the page and, behind it, by the service.
@Suite struct RolePagesTests {
    enum Who: String, CaseIterable { case admin, buyer, billingAgent, cloudAdministrator }

    func access(_ who: Who) -> (UserType, [UserRole]) {
        switch who {
        case .admin: (.admin, [])
        case .buyer: (.user, [.buyer])
        case .billingAgent: (.user, [.billingAgent])
        case .cloudAdministrator: (.user, [.cloudAdministrator])
        }
    }

    @Test(arguments: Who.allCases)
    func everyPageAndAction(_ who: Who) async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let staffOrder = try fx.service.placeOrder(accountId: fx.reseller.id, customerAccountId: nil,
                                                   lines: [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)],
                                                   by: .staff("dora"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            let contact = try fx.service.contact(email: StorefrontFixture.email)
            let (type, roles) = access(who)
            _ = try fx.service.setStorefrontAccess(contact.id, type: type, roles: roles, by: .staff("dora"))
            let orders = who == .admin || who == .buyer
            let billing = who == .admin || who == .billingAgent

            try await b.get("/dashboard")
            #expect(b.status == .ok)
            #expect(b.html.contains("<dt>Balance</dt>") == billing, "\(who) balance")
            #expect(b.html.contains("href=\"/orders\"") == orders, "\(who) menu")
            #expect(b.html.contains("Recent orders") == orders, "\(who) recent orders")
            let csrf = try #require(b.csrfToken)
            for path in ["/orders", "/orders/new", "/customers", "/orders/\(staffOrder.id)"] {
                try await b.get(path)
                #expect(b.status == (orders ? .ok : .forbidden), "\(who) GET \(path)")
            }
            let posts: [(String, [(String, String)])] = [
                ("/customers", [("name", "Taverna"), ("email", "t@taverna.example"), ("country", "GR")]),
                ("/orders/preview", [("for", "self"), ("q:VM-2C4G:monthly", "1")]),
                ("/orders", [("for", "self"), ("q:VM-2C4G:monthly", "1")]),
            ]
            for (path, fields) in posts {
                _ = try await b.post(path, fields, csrf: csrf)
                #expect((b.status == .forbidden) == !orders, "\(who) POST \(path): \(b.status)")
            }
            try await b.get("/password")
            #expect(b.status == .ok)
            #expect(try fx.service.orders(of: fx.reseller.id).count == (orders ? 2 : 1))
        }
    }

    /// The service refuses what the page would: a Billing Agent's actor cannot list or place orders.
    @Test func theServiceChecksTheRoleItself() throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let token = try fx.token()
        let user = try fx.service.activate(token: token, password: StorefrontFixture.password,
                                           confirmation: StorefrontFixture.password)
        _ = try fx.service.setStorefrontAccess(user.id, type: .user, roles: [.billingAgent], by: .staff("dora"))
        let agent = Actor.storefront(userId: user.storefrontUser!.id, email: user.email)
        let line = [OrderRequestLine(productCode: "VM-2C4G", quantity: 1)]
        for body in [
            { () throws -> Void in _ = try fx.service.orders(of: fx.reseller.id, by: agent) },
            { () throws -> Void in _ = try fx.service.endCustomers(of: fx.reseller.id, by: agent) },
            { () throws -> Void in _ = try fx.service.previewOrder(accountId: fx.reseller.id, customerAccountId: nil,
                                                                   lines: line, by: agent) },
            { () throws -> Void in _ = try fx.service.placeOrder(accountId: fx.reseller.id, customerAccountId: nil,
                                                                 lines: line, by: agent) },
        ] {
            #expect(throws: ServiceError.self) { try body() }
        }
        #expect(try fx.service.resellerOverview(fx.reseller.id, by: agent).recentOrders.isEmpty)
    }
}
