import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront

/// What a reseller's users see when staff suspend the account or a price list stops selling (#11).
@Suite struct AccountStatePagesTests {
    @Test func aSuspendedAccountSeesWhyOnEveryPageAndCannotOrder() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("New order"))
            _ = try fx.service.changeStatus(fx.reseller.id, StatusForm(.suspend, reason: "invoice <12> unpaid"),
                                            by: .staff("dora"))
            for page in ["/dashboard", "/orders", "/customers"] {
                try await b.get(page)
                #expect(b.status == .ok, "\(page)")
                #expect(b.html.contains("is suspended (invoice &lt;12&gt; unpaid): new orders are paused"), "\(page)")
            }
            try await b.get("/dashboard")
            #expect(!b.html.contains("href=\"/orders/new\""))
            try await b.get("/orders/new")
            #expect(!b.html.contains("Preview the order"))
            // The service refuses the order itself, whatever the page showed.
            try await b.post("/orders", [("for", "self"), ("q:VM-2C4G:monthly", "1")])
            #expect(b.status == .unprocessableContent)
            #expect(try fx.service.orders(of: fx.reseller.id).isEmpty)

            _ = try fx.service.changeStatus(fx.reseller.id, StatusForm(.resume, reason: "paid"), by: .staff("dora"))
            try await b.get("/dashboard")
            #expect(!b.html.contains("is suspended"))
        }
    }

    @Test func aListThatCannotSellIsShownWithWhy() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let list = try #require(try fx.service.priceLists().first)
        _ = try fx.service.updatePriceList(named: list.name, PriceListChange(active: false), by: .staff("dora"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/orders/new")
            #expect(b.html.contains("No price list can be ordered from today (\(list.name) is inactive)"))
            #expect(!b.html.contains("Preview the order"))
        }
    }
}
