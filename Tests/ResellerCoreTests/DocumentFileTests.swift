import DeskTestSupport
import Foundation
import Testing
@testable import ResellerCore

/// Issue #24: an invoice's files are rendered once, when first needed, and kept with their SHA-256; the
/// billing run renders none; a storefront user without the billing right gets none; exports write the kept
/// bytes and, run again, only what is missing.
@Suite struct DocumentFileTests {
    /// The worked examples' Greek desk with one invoice of a month of SVC × 2.
    func invoiced() throws -> (Fixture, Account, Invoice) {
        let (fx, a) = try WorkedExampleDesk.desk { f in
            f.name = "Ελληνική Πληροφορική & <Σια>"; f.email = "ap@example.gr"
            f.country = "GR"; f.city = "Αθήνα"
        }
        _ = try WorkedExampleDesk.order(fx, a, [("SVC", 2)])
        return (fx, a, try #require(try fx.service.invoices(of: a.id).first))
    }

    @Test func aFileIsRenderedOnceAndServedAsKept() throws {
        let (fx, _, invoice) = try invoiced()
        #expect(try fx.count("SELECT COUNT(*) FROM documents") == 0, "issuing an invoice renders nothing")
        for format in DocumentFormat.allCases {
            let first = try fx.service.invoiceFile(number: invoice.number, format: format, by: staff)
            #expect(!first.bytes.isEmpty && first.sha256.count == 64)
            #expect(first.sha256 == Sodium.sha256(first.bytes).map { String(format: "%02x", $0) }.joined())
            // Later requests, by anyone allowed, in any case of the number: the same bytes.
            fx.clock.advance(hours: 24 * 40)
            let later = try fx.service.documentFile(number: invoice.number.lowercased(), format: format, by: .system)
            #expect(later == first)
        }
        #expect(try fx.count("SELECT COUNT(*) FROM documents") == 2)
        #expect(try fx.count("SELECT COUNT(*) FROM documents WHERE length(sha256) = 64") == 2)
    }

    @Test func theBillingRunRendersNothing() throws {
        let (fx, _, _) = try invoiced()
        fx.clock.set("2027-02-10")
        let run = try fx.service.billingRun(by: staff)
        #expect(!run.invoices.isEmpty)
        #expect(try fx.count("SELECT COUNT(*) FROM documents") == 0)
    }

    @Test func aStorefrontUserWithoutTheBillingRightFindsNone() throws {
        let (fx, a, invoice) = try invoiced()
        var c = ContactForm()
        c.lastName = "Buyer"; c.email = "buyer@example.gr"; c.storefrontUser = true
        let contact = try fx.service.addContact(to: a.id, c, by: staff)
        _ = try fx.service.activate(token: try fx.latestToken(to: "buyer@example.gr"), password: "a long enough phrase",
                                    confirmation: "a long enough phrase")
        _ = try fx.service.setStorefrontAccess(contact.id, type: .user, roles: [.buyer], by: staff)
        let buyer = Actor.storefront(userId: try #require(contact.storefrontUser).id, email: contact.email)
        // Refused as the printable document is (the storefront answers "not found" to such a user).
        for format in DocumentFormat.allCases {
            #expect(fields { _ = try fx.service.invoiceFile(number: invoice.number, format: format, by: buyer) }
                        == ["account"])
        }
        #expect(try fx.count("SELECT COUNT(*) FROM documents") == 0)
        _ = try fx.service.setStorefrontAccess(contact.id, type: .user, roles: [.billingAgent], by: staff)
        #expect(try fx.service.invoiceFile(number: invoice.number, format: .pdf, by: buyer).bytes
                    == fx.service.invoiceFile(number: invoice.number, format: .pdf, by: staff).bytes)
    }

    @Test func unknownNumbersAreNotFound() throws {
        let (fx, _, _) = try invoiced()
        #expect(throws: ServiceError.notFound(field: "invoice", message: "no invoice INV-999999")) {
            _ = try fx.service.documentFile(number: "INV-999999", format: .pdf, by: staff)
        }
        #expect(throws: ServiceError.notFound(field: "creditNote", message: "no credit note CRN-000009")) {
            _ = try fx.service.documentFile(number: "CRN-000009", format: .ubl, by: staff)
        }
    }

    @Test func anExportWritesTheKeptBytesAndAgainOnlyWhatDiffers() throws {
        let (fx, a, invoice) = try invoiced()
        fx.clock.set("2027-01-20")
        let sub = try #require(try fx.service.subscriptions(of: a.id).first)
        let note = try #require(try fx.service.cancelSubscription(sub.id, now: true, by: staff).creditNote)
        let folder = fx.db.folder + "/export/january"
        let found = try fx.service.documentNumbers(from: .parsed("2027-01-01"), to: .parsed("2027-01-31"))
        #expect(found.invoices == [invoice.number] && found.creditNotes == [note.number])
        #expect(try fx.service.documentNumbers(from: .parsed("2027-02-01"), to: .parsed("2027-02-28")).invoices
                    .isEmpty)
        let numbers = found.invoices + found.creditNotes
        let first = try fx.service.exportDocuments(numbers, formats: DocumentFormat.allCases, folder: folder, by: staff)
        #expect(first.map(\.outcome) == Array(repeating: .written, count: 4))
        #expect(first.map { ($0.path as NSString).lastPathComponent }
                    == ["\(invoice.number).pdf", "\(invoice.number).xml", "\(note.number).pdf", "\(note.number).xml"])
        for f in first {
            let kept = try fx.service.documentFile(number: f.number, format: f.format, by: staff)
            #expect(FileManager.default.contents(atPath: f.path).map([UInt8].init) == kept.bytes)
        }
        // Again: nothing to write. A file spoiled since is written again, whole.
        let again = try fx.service.exportDocuments(numbers, formats: DocumentFormat.allCases, folder: folder, by: staff)
        #expect(again.map(\.outcome) == Array(repeating: .unchanged, count: 4))
        try Data("spoiled".utf8).write(to: URL(fileURLWithPath: first[0].path))
        let mended = try fx.service.exportDocuments(numbers, formats: [.pdf], folder: folder, by: staff)
        #expect(mended.map(\.outcome) == [.written, .unchanged])
        #expect(FileManager.default.contents(atPath: first[0].path).map([UInt8].init)
                    == (try fx.service.invoiceFile(number: invoice.number, format: .pdf, by: staff).bytes))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names.count == 4, "no temporary file is left: \(names)")
    }

    @Test func anExportIntoAFileOrAnUnwritableFolderIsRefusedNamingIt() throws {
        let (fx, _, invoice) = try invoiced()
        let file = fx.db.folder + "/a-file"
        try Data("x".utf8).write(to: URL(fileURLWithPath: file))
        #expect(fields {
            _ = try fx.service.exportDocuments([invoice.number], formats: [.pdf], folder: file, by: staff)
        } == ["folder"])
        let locked = fx.db.folder + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: true)
        chmod(locked, 0o500)
        defer { chmod(locked, 0o700) }
        if geteuid() != 0 {   // root writes anywhere: the refusal is only seen by other logins
            #expect(fields {
                _ = try fx.service.exportDocuments([invoice.number], formats: [.pdf], folder: locked, by: staff)
            } == ["out"])
        }
    }

    @Test func theInvoiceCarriesItsPaymentReference() throws {
        let (fx, _, invoice) = try invoiced()
        let reference = try #require(PaymentReference(number: invoice.number))
        let doc = try fx.service.invoiceDocument(number: invoice.number, by: staff)
        #expect(doc.paymentReference == reference.printed)
        #expect(doc.text().contains { $0.hasPrefix("Payment reference") && $0.hasSuffix(reference.printed) })
        #expect(InvoiceDocument(jsonText: doc.jsonText)?.paymentReference == reference.printed)
        #expect(doc.jsonText == doc.foundationJSONText)
        #expect(doc.asIssued.status == nil && doc.asIssued.paid == nil && doc.asIssued.paymentReference != nil)
    }
}

/// ISO 11649 (python-stdnum's `iso11649` holds every invoice number of the e-invoice oracle to it too).
@Suite struct PaymentReferenceTests {
    @Test func fromTheInvoiceNumber() throws {
        // Values python-stdnum 1.20 computes and accepts: iso11649.validate("RF73INV000123").
        #expect(PaymentReference(number: "INV-000123")?.text == "RF73INV000123")
        #expect(PaymentReference(number: "INV-000123")?.printed == "RF73 INV0 0012 3")
        #expect(PaymentReference(number: "INV-000001")?.text == "RF69INV000001")
        #expect(PaymentReference(number: "inv-1234567")?.text.hasSuffix("INV1234567") == true)
        #expect(PaymentReference(number: "") == nil && PaymentReference(number: "-") == nil)
        #expect(PaymentReference(number: String(repeating: "9", count: 22)) == nil)
    }

    @Test func parsingChecksTheDigits() throws {
        #expect(PaymentReference(parsing: "rf73 inv0 0012 3")?.text == "RF73INV000123")
        #expect(PaymentReference(parsing: "RF18539007547034")?.text == "RF18539007547034")   // ISO 11649's example
        for bad in ["RF73INV000124", "RF37INV000123", "XX73INV000123", "RF7", "RFAAINV000123", "RF73INV-000123"] {
            #expect(PaymentReference(parsing: bad) == nil, "\(bad)")
        }
    }
}
