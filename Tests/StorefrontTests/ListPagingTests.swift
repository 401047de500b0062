import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront

/// Every list page shows a page of rows at a time with `?page=N` links, and answers a bad `page` clearly
/// (review L3).
@Suite struct ListPagingTests {
    static func count(_ needle: String, in html: String) -> Int { html.components(separatedBy: needle).count - 1 }

    @Test func theEndCustomersComeAPageAtATime() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        for i in 1...60 {
            _ = try fx.service.createEndCustomer(resellerId: fx.reseller.id, name: "Customer \(i)",
                                                 email: "c\(i)@paging.example", country: "GR", by: .staff("dora"))
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/customers")
            #expect(b.status == .ok && Self.count("@paging.example", in: b.html) == 50)
            #expect(b.html.contains(#"href="/customers?page=2""#) && b.html.contains("Page 1 of 2"))
            #expect(b.html.contains("Add an end customer"))
            try await b.get("/customers?page=2")
            #expect(b.status == .ok && Self.count("@paging.example", in: b.html) == 10)
            #expect(b.html.contains(#"href="/customers?page=1""#) && b.html.contains("Page 2 of 2"))
            for bad in ["0", "3", "-1", "abc", "1.5", "", "99999999999999999999999"] {
                try await b.get("/customers?page=\(bad)")
                #expect(b.status == .badRequest, "page=\(bad)")
                #expect(b.html.contains("page: a whole number from 1 to 2"), "page=\(bad): \(b.html)")
            }
        }
    }

    @Test func ordersUsersSubscriptionsInvoicesAndCreditNotesToo() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        for _ in 1...55 { try fx.orderVMs(1) }
        for sub in try fx.service.subscriptions(of: fx.reseller.id).prefix(52) {
            _ = try fx.service.cancelSubscription(sub.id, now: true, by: .staff("dora"))
        }
        for i in 1...60 {
            _ = try fx.service.inviteUser(to: fx.reseller.id, firstName: "U", lastName: "\(i)",
                                          email: "u\(i)@paging.example", type: .user, roles: [.buyer],
                                          by: .staff("dora"))
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            // path, the marker of one row, the rows on page 2, the page parameter.
            let lists: [(String, String, Int, String)] = [
                ("/orders", #"<td><a href="/orders/"#, 5, "page"),
                ("/users", "<tr><td>", 11, "page"),   // the Admin itself and the 60 invited
                ("/subscriptions", #"<tr id="sub-"#, 5, "page"),
                ("/invoices", #"<a href="/invoices/INV-"#, 5, "page"),
                ("/invoices", #"<a href="/credit-notes/CRN-"#, 2, "creditNotesPage"),
            ]
            for (path, marker, second, parameter) in lists {
                try await b.get(path)
                #expect(b.status == .ok, "\(path)")
                #expect(Self.count(marker, in: b.html) == 50, "\(path) \(marker)")
                #expect(b.html.contains("href=\"\(path)?\(parameter)=2\""), "\(path): no link to page 2")
                try await b.get("\(path)?\(parameter)=2")
                #expect(b.status == .ok && Self.count(marker, in: b.html) == second, "\(path) page 2")
                try await b.get("\(path)?\(parameter)=3")
                #expect(b.status == .badRequest && b.html.contains("\(parameter): a whole number from 1 to 2"),
                        "\(path)?\(parameter)=3")
            }
            // The invoice filter keeps its status across pages.
            try await b.get("/invoices?status=paid&page=x")
            #expect(b.status == .badRequest)
        }
    }
}

/// Invitations and new end customers per account per day are capped for storefront users: 429 with a clear
/// message beyond, and the service refuses it too; staff are never capped (review L3).
@Suite struct StorefrontQuotaTests {
    @Test func theTwentyFirstInvitationOfTheDayIsRefused() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for i in 1...20 {
                try await b.get("/users")
                try await b.post("/users", [("lastName", "N\(i)"), ("email", "n\(i)@quota.example"),
                                            ("type", "user"), ("role", "buyer")])
                #expect(b.status == .ok, "invitation \(i)")
            }
            try await b.get("/users")
            try await b.post("/users", [("lastName", "Over"), ("email", "over@quota.example"), ("type", "user"),
                                        ("role", "buyer")])
            #expect(b.status == .tooManyRequests)
            #expect(b.html.contains("20 invitations a day"), "\(b.html)")
            #expect(throws: (any Error).self) { try fx.service.contact(email: "over@quota.example") }
            // The next day counts afresh.
            fx.on("2027-01-11")
            try await fx.signIn(&b)
            try await b.post("/users", [("lastName", "Next"), ("email", "next@quota.example"), ("type", "user"),
                                        ("role", "buyer")])
            #expect(b.status == .ok)
        }
        // The service refuses the storefront Admin too; staff invite as many as they need.
        fx.on("2027-01-12")
        for i in 1...20 {
            _ = try fx.service.inviteUser(to: fx.reseller.id, firstName: "", lastName: "S\(i)",
                                          email: "s\(i)@quota.example", type: .admin, roles: [], by: fx.actor)
        }
        #expect(throws: ServiceError.self) {
            try fx.service.inviteUser(to: fx.reseller.id, firstName: "", lastName: "S21", email: "s21@quota.example",
                                      type: .admin, roles: [], by: fx.actor)
        }
        for i in 1...25 {
            _ = try fx.service.inviteUser(to: fx.reseller.id, firstName: "", lastName: "T\(i)",
                                          email: "t\(i)@quota.example", type: .admin, roles: [], by: .staff("dora"))
        }
    }

    @Test func theFiftyFirstEndCustomerOfTheDayIsRefused() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for i in 1...50 {
                try await b.get("/customers")
                try await b.post("/customers", [("name", "Customer \(i)"), ("email", "c\(i)@quota.example"),
                                                ("country", "GR")])
                #expect(b.status == .ok, "end customer \(i)")
            }
            try await b.get("/customers")
            try await b.post("/customers", [("name", "Over"), ("email", "over@quota.example"), ("country", "GR")])
            #expect(b.status == .tooManyRequests)
            #expect(b.html.contains("50 new end customers a day"), "\(b.html)")
        }
        #expect(try fx.service.endCustomers(of: fx.reseller.id).count == 50)
        #expect(throws: ServiceError.self) {
            try fx.service.createEndCustomer(resellerId: fx.reseller.id, name: "Over", email: "o@quota.example",
                                             country: "GR", by: fx.actor)
        }
        _ = try fx.service.createEndCustomer(resellerId: fx.reseller.id, name: "Staff's", email: "s@quota.example",
                                             country: "GR", by: .staff("dora"))
    }
}
