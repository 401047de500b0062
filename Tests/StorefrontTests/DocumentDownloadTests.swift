import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import DeskTestSupport
import GRDB
@testable import ResellerCore
@testable import Storefront

/// Issue #24: an invoice's and a credit note's PDF and e-invoice download from their pages, for Admins and
/// Billing Agents, as the kept bytes (the same SHA-256 as the email's attachments); anyone else finds none.
@Suite struct DocumentDownloadTests {
    /// February's invoice of two VMs, and a credit note of the rest of February.
    func billed(_ fx: BillingFixture) throws -> (Invoice, CreditNote) {
        let sub = try fx.orderVMs(2)
        fx.on("2027-02-01")
        _ = try fx.service.billingRun(by: .staff("dora"))
        fx.on("2027-02-10")
        let note = try #require(try fx.service.cancelSubscription(sub.id, now: true, by: .staff("dora")).creditNote)
        let invoice = try #require(try fx.service.invoices(of: fx.reseller.id).first {
            $0.draft.date == fx.day("2027-02-01")
        })
        return (invoice, note)
    }

    @Test(arguments: [BillingFixture.Who.admin, .billingAgent])
    func adminsAndBillingAgentsDownloadTheKeptFiles(_ who: BillingFixture.Who) async throws {
        let fx = try BillingFixture(who)
        defer { fx.cleanUp() }
        let (invoice, note) = try billed(fx)
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/invoices/\(invoice.number)")
            #expect(b.html.contains("href=\"/invoices/\(invoice.number)/pdf\"")
                    && b.html.contains("href=\"/invoices/\(invoice.number)/xml\""))
            #expect(b.html.contains("E-invoice (XML)"))
            #expect(b.html.contains(try #require(PaymentReference(number: invoice.number)).printed))
            for (path, number) in [("/invoices/", invoice.number), ("/credit-notes/", note.number)] {
                for format in DocumentFormat.allCases {
                    try await b.get(path + number + "/" + format.fileExtension)
                    #expect(b.status == .ok, "\(number) \(format)")
                    #expect(b.headers[.contentType] == format.mediaType)
                    #expect(b.headers[.contentDisposition]
                                == "attachment; filename=\"\(number).\(format.fileExtension)\"")
                    let kept = try fx.service.documentFile(number: number, format: format, by: .staff("dora"))
                    #expect(b.bytes == kept.bytes, "\(number) \(format) is not the kept file")
                    // Twice: the same bytes, never rendered again.
                    try await b.get(path + number + "/" + format.fileExtension)
                    #expect(b.bytes == kept.bytes)
                }
            }
            // A credit note's number under /invoices, an unknown number: not found.
            for path in ["/invoices/\(note.number)/pdf", "/invoices/INV-999999/xml", "/credit-notes/CRN-999999/pdf"] {
                try await b.get(path)
                #expect(b.status == .notFound, "\(path)")
            }
        }
    }

    @Test(arguments: [BillingFixture.Who.buyer, .subscriptionsManager, .cloudAdministrator])
    func othersFindNone(_ who: BillingFixture.Who) async throws {
        let fx = try BillingFixture(who)
        defer { fx.cleanUp() }
        let (invoice, note) = try billed(fx)
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            for path in ["/invoices/\(invoice.number)/pdf", "/invoices/\(invoice.number)/xml",
                         "/credit-notes/\(note.number)/pdf", "/credit-notes/\(note.number)/xml"] {
                try await b.get(path)
                #expect(b.status == .notFound && b.html.contains("No such"), "\(who) \(path)")
            }
        }
        // Nothing was rendered for them.
        let kept = try fx.service.store.read { tx in try tx.value(Int.self, sql: "SELECT COUNT(*) FROM documents") }
        #expect(kept == 0)
    }
}
