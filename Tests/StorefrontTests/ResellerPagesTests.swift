import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
import GRDB
@testable import Storefront

@Suite struct ResellerPagesTests {
    @Test func dashboardShowsTheCreditAndPriceLists() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.status == .ok)
            for text in ["Aegean Cloud Partners", "ACC-000001", "5,000.00 EUR", "Available credit", "Cloud Essentials EUR", "No orders yet"] {
                #expect(b.html.contains(text), "dashboard lacks \(text)")
            }
            #expect(b.headers[.cacheControl] == "no-store")
        }
    }

    @Test func endCustomersAreValidatedBesideTheirFieldsAndBelongToTheReseller() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/customers")
            try await b.post("/customers", [("name", ""), ("email", "not-an-email"), ("country", "Atlantis")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("f-name-error") && b.html.contains("f-email-error") && b.html.contains("f-country-error"))
            #expect(b.html.contains("value=\"not-an-email\""))                // what was typed stays
            try await b.post("/customers", [("name", "Κρήτη Hotels <b>"), ("email", "it@kriti-hotels.example"), ("country", "GR")])
            #expect(b.status == .ok && b.html.contains("Added Κρήτη Hotels &lt;b&gt;"))
            #expect(!b.html.contains("<b>"))                                  // escaped, never markup
            let customers = try fx.service.endCustomers(of: fx.reseller.id)
            #expect(customers.map(\.name) == ["Κρήτη Hotels <b>"])
            #expect(customers[0].parentAccountId == fx.reseller.id)
        }
    }

    @Test func ordersWithinAndAboveTheCredit() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/orders/new")
            #expect(b.html.contains("Cloud VM, 2 vCPU / 4 GB RAM") && b.html.contains("My company: Aegean Cloud Partners"))
            // A bad quantity is answered beside its field.
            try await b.post("/orders/preview", [("for", "self"), ("q:VM-2C4G:monthly", "two")])
            #expect(b.status == .unprocessableContent && b.html.contains("a whole number from 1 to 100000"))
            try await b.post("/orders/preview", [("for", "self")])
            #expect(b.html.contains("enter a quantity for at least one product"))

            // Within the credit: the preview, then Executed, the ledger debited once.
            try await b.get("/orders/new")
            try await b.post("/orders/preview", [("for", "self"), ("q:VM-2C4G:monthly", "2")])
            #expect(b.status == .ok && b.html.contains("Check your order") && b.html.contains("Invoiced on"))
            #expect(b.html.contains("executed at once"))
            try await b.post("/orders", [("for", "self"), ("q:VM-2C4G:monthly", "2")])
            #expect(b.status == .seeOther)
            try await b.follow()
            #expect(b.html.contains("is executed"))
            var orders = try fx.service.orders(of: fx.reseller.id)
            #expect(orders.map(\.status) == [.executed])

            // Above the credit: accepted as Submitted, the email queued, nothing debited.
            let before = try fx.service.accountDetail(fx.reseller.id).summary.balance
            try await b.get("/orders/new")
            try await b.post("/orders/preview", [("for", "self"), ("q:SETUP-STD:one-time", "40")])
            #expect(b.html.contains("above your available credit"))
            try await b.post("/orders", [("for", "self"), ("q:SETUP-STD:one-time", "40")])
            try await b.follow()
            #expect(b.html.contains("accepted as Submitted but not executed"))
            orders = try fx.service.orders(of: fx.reseller.id)
            #expect(orders.map(\.status).sorted { $0.rawValue < $1.rawValue } == [.executed, .submitted])
            #expect(try fx.service.accountDetail(fx.reseller.id).summary.balance == before)
            #expect(try fx.mails(.orderOverCredit) == 1)
            try await b.get("/orders")
            #expect(b.html.contains("Submitted") && b.html.contains("Executed"))
        }
    }

    @Test func anotherResellersOrdersAndCustomersAreOutOfReach() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        // A second reseller with its own end customer and order.
        var f = AccountForm()
        f.name = "Nordic Cloud AB"; f.email = "ops@nordic.example"; f.country = "SE"; f.type = "Reseller"
        f.enableOrdering = true; f.unlimitedCredit = true; f.enableReselling = true
        let other = try fx.service.createAccount(f, by: .staff("alice"))
        _ = try fx.service.assignPriceLists(other.id, names: ["Cloud Essentials EUR"], by: .staff("alice"))
        let theirCustomer = try fx.service.createEndCustomer(resellerId: other.id, name: "Fjord AS", email: "it@fjord.example",
                                                             country: "NO", by: .staff("alice"))
        let theirOrder = try fx.service.placeOrder(accountId: other.id, customerAccountId: theirCustomer.id,
                                                   lines: [OrderRequestLine(productCode: "SETUP-STD", quantity: 1)], by: .staff("alice"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/orders/\(theirOrder.id)")
            #expect(b.status == .notFound && !b.html.contains("Fjord"))
            try await b.get("/orders/new")
            try await b.post("/orders", [("for", String(theirCustomer.id)), ("q:SETUP-STD:one-time", "1")])
            #expect(b.status == .unprocessableContent && b.html.contains("no end customer"))
            try await b.get("/customers")
            #expect(!b.html.contains("Fjord"))
            #expect(try fx.service.orders(of: fx.reseller.id).isEmpty)
            // Signed out, every page sends to Log In.
            var anon = Browser(client)
            for path in ["/dashboard", "/customers", "/orders", "/orders/new", "/orders/\(theirOrder.id)"] {
                try await anon.get(path)
                #expect(anon.status == .seeOther && anon.headers[.location] == "/login", "\(path)")
            }
            try await anon.post("/orders", [("for", "self"), ("q:SETUP-STD:one-time", "1")], csrf: "x")
            #expect(anon.status == .seeOther && anon.headers[.location] == "/login")
        }
    }

    @Test func withoutResellingOnlyTheCompanyItself() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        var form = AccountForm(fx.reseller.fields)
        form.enableReselling = false
        _ = try fx.service.updateAccount(fx.reseller.id, form, expectedVersion: fx.reseller.version, by: .staff("alice"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/customers")
            #expect(b.html.contains("Reselling is not enabled"))
            try await b.post("/customers", [("name", "Sneaky Ltd"), ("email", "a@sneaky.example"), ("country", "GR")])
            #expect(b.status == .unprocessableContent && b.html.contains("Reselling is not enabled"))
            #expect(try fx.service.endCustomers(of: fx.reseller.id).isEmpty)
        }
    }

    @Test func deactivationEndsTheSession() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try fx.service.deactivateStorefront(email: StorefrontFixture.email, by: .staff("alice"))
            try await b.get("/dashboard")
            #expect(b.status == .seeOther && b.headers[.location] == "/login")
        }
    }
}

/// Old rows holding what the validators refuse today: the pages show them escaped and harmless.
@Suite struct HostileDisplayTests {
    static let payload = "Evil<script>alert(1)</script>\u{1B}[2J\u{1B}]52;c;ZXZpbA==\u{07}\u{9B}\u{202E}dtL\u{0}\"'&"

    @Test func storedHostileTextIsEscapedOnEveryPage() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let customer = try fx.service.createEndCustomer(resellerId: fx.reseller.id, name: "Plain", email: "plain@example.com",
                                                        country: "GR", by: .staff("alice"))
        _ = try fx.service.placeOrder(accountId: fx.reseller.id, customerAccountId: customer.id,
                                      lines: [OrderRequestLine(productCode: "SETUP-STD", quantity: 1)], by: .staff("alice"))
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE accounts SET name = ?", arguments: [Self.payload])
            try tx.execute(sql: "UPDATE price_lists SET name = ?", arguments: [Self.payload])
            try tx.execute(sql: "UPDATE price_list_items SET description = ?", arguments: [Self.payload])
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for path in ["/dashboard", "/customers", "/orders", "/orders/new", "/orders/1"] {
                let html = try await b.get(path)
                #expect(b.status == .ok, "\(path)")
                #expect(html.contains("Evil&lt;script&gt;alert(1)&lt;/script&gt;"), "\(path) does not show the name escaped")
                for raw in ["<script>", "\u{1B}", "\u{9B}", "\u{202E}", "\u{0}"] {
                    #expect(!html.contains(raw), "\(path) holds \(raw.debugDescription)")
                }
            }
        }
    }
}

@Suite struct StorageFaultPageTests {
    @Test(.sqliteOnly) func aFullDatabaseGetsAPageSayingNothingWasSaved() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let pages = try fx.service.store.read { tx in try tx.value(Int.self, sql: "PRAGMA page_count") ?? 0 }
        // Uncapped end customers per day: this test fills the disk, not the storefront quota.
        var settings = ServiceSettings.test
        settings.endCustomersPerDay = 10_000
        let capped = ResellerService(store: try Store(path: fx.service.store.path, maxPages: pages + 2),
                                     settings: settings)
        try await Application(router: try StorefrontServer(service: capped).router()).test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            var refused = false
            for i in 0..<300 where !refused {
                try await b.get("/customers")
                try await b.post("/customers", [("name", "Filling Up \(i) " + String(repeating: "x", count: 150)),
                                                 ("email", "fill\(i)@full.example"), ("country", "GR")])
                refused = b.status == .serviceUnavailable
            }
            #expect(refused)
            #expect(b.html.contains("nothing was changed") && !b.html.contains(fx.folder))   // no server path shown
            #expect(b.status == .serviceUnavailable)
            // Reading still works while full.
            try await b.get("/dashboard")
            #expect(b.status == .ok)
        }
        #expect(try fx.service.store.integrityCheck() == "ok")
    }
}
