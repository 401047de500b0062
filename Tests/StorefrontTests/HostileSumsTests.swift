import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront

/// Stored amounts no form can write (someone with the database file wrote them): every sum of them is checked,
/// so an overflow is a clear error on the page that needs that sum, and the storefront lives on to serve the
/// next page (review S2). A trap here would end the whole test process, not one expectation.
@Suite struct HostileSumsTests {
    static let huge: Int64 = 9_000_000_000_000_000_000

    @Test func overflowingSumsAreAPageErrorNotATrap() async throws {
        let fx = try BillingFixture(.admin)
        defer { fx.cleanUp() }
        try fx.orderVMs(2)
        try fx.orderVMs(1)
        let numbers = try fx.service.invoices(of: fx.reseller.id).map(\.number)
        try #require(numbers.count == 2)
        // Two overdue invoices whose amounts left to pay add up past Int64: the dashboard's overdue sum.
        try fx.service.store.write { tx in
            try tx.execute(sql: "UPDATE invoices SET total_minor = ?, due_date = '2000-01-01'",
                              arguments: [Self.huge])
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.status == .ok && b.html.contains("Credit limit"))
            #expect(b.html.contains("not available") && b.html.contains("out of range"), "\(b.html)")
            try await b.get("/orders")
            #expect(b.status == .ok && b.html.contains("ORD-"))
            try await b.get("/invoices")
            #expect(b.status == .ok && b.html.contains(numbers[0]))
        }
        // Credits (payments) that add up past Int64: what each invoice has paid cannot be known.
        try fx.service.store.write { tx in
            for _ in 0..<2 {
                try tx.execute(sql: """
                    INSERT INTO ledger (account_id, kind, amount_minor, note, created_at, created_by)
                    VALUES (?, 'credit', ?, 'planted', '2027-01-10 12:00:00.000', 'mallory')
                    """, arguments: [fx.reseller.id, Self.huge])
            }
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for path in ["/invoices", "/invoices/\(numbers[0])", "/dashboard"] {
                try await b.get(path)
                #expect(b.status == .internalServerError, "\(path): \(b.status)")
                #expect(b.html.contains("out of range") && b.html.contains("account manager"), "\(path): \(b.html)")
            }
            // The process is alive and serves the pages that need none of those sums.
            try await b.get("/orders")
            #expect(b.status == .ok && b.html.contains("ORD-"))
            try await b.get("/password")
            #expect(b.status == .ok)
        }
        // Staff's statement (the terminal's Ledger section, `payment list`) says so too.
        #expect(throws: ServiceError.self) { try fx.service.statement(of: fx.reseller.id) }
    }
}
