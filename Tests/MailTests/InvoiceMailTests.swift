import Foundation
import Testing
@testable import Mail
@testable import ResellerCore
import Templating

/// The invoice and credit note emails carry the document as it prints (issue #12, Emails): the text part is
/// `InvoiceDocument.text`, the HTML part the storefront's own printable template over the same document,
/// sent through the real SMTP test server to the bill-to contacts (or the account email when none).
@Suite(.serialized) struct InvoiceMailTests {
    static let csv = """
        code,description,billing_period,price
        BK,Cloud Backup 100 GB,monthly,30.00
        """

    /// A reseller billed on the 1st with a bill-to contact, 30.00 × 2 ordered on 2026-01-01 (the whole
    /// January at the order); the run through 2026-02-01 issues February's 60.00.
    func billed(_ fx: MailFixture, billTo: Bool = true) throws -> (Account, Invoice) {
        var f = AccountForm()
        f.name = "Ελληνικό Νέφος Α.Ε. <b>"; f.email = "office@nefos.example"
        f.country = "GR"; f.type = "Reseller"
        f.enableOrdering = true; f.unlimitedCredit = true; f.prorateBilling = true; f.billingDay = "first"
        f.partialChargesInvoicing = "onOrderDay"; f.enableReselling = true
        let a = try fx.service.createAccount(f, by: .staff("alice"))
        if billTo {
            var c = ContactForm()
            c.firstName = "Ελένη"; c.lastName = "Λογίστρια"
            c.email = "eleni@nefos.example"; c.billTo = true
            _ = try fx.service.addContact(to: a.id, c, by: .staff("alice"))
        }
        _ = try fx.service.importPriceList(csv: Self.csv, name: "Backup EUR", currency: "EUR",
                                           validFrom: "2026-01-01", by: .staff("alice"))
        _ = try fx.service.assignPriceLists(a.id, names: ["Backup EUR"], by: .staff("alice"))
        _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil,
                                      lines: [OrderRequestLine(productCode: "BK", quantity: 2)], by: .staff("alice"))
        fx.advance(hours: 31 * 24 + 12)   // 2026-02-01, noon
        let run = try fx.service.billingRun(by: .staff("alice"))
        return (a, try #require(run.invoices.first))
    }

    /// The document partial as the storefront's printable page renders it.
    func printed(_ d: InvoiceDocument) throws -> String {
        try TemplateEngine(html: [DocumentTemplate.name: DocumentTemplate.html]).render(DocumentTemplate.name,
                                                                                        DocumentView(d))
    }

    @Test func theInvoiceEmailCarriesThePrintedDocumentInBothParts() throws {
        let fx = try MailFixture()
        let (account, invoice) = try billed(fx)
        #expect(invoice.draft.total.decimalString == "60.00")
        let server = try SMTPTestServer().start()
        defer { server.stop() }
        _ = try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue()
        let mails = try server.received().map(ParsedMail.parse)
        let mail = try #require(mails.first { $0.subject == "Invoice \(invoice.number) for \(account.name)" })
        #expect(mail.defects.isEmpty)
        // To the bill-to contact, not the account email.
        #expect(mail.toAddress == "eleni@nefos.example")
        #expect(!mails.contains { $0.toAddress == "office@nefos.example" && $0.subject.hasPrefix("Invoice") })

        let document = try fx.service.invoiceDocument(number: invoice.number, by: .staff("alice"))
        #expect(document.total == "60.00 EUR" && document.rows.count == 1)
        // Text: every line of the printed text, the totals among them.
        let text = mail.text.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.contains(document.text().joined(separator: "\n")), "the text part is not the printed text")
        #expect(text.contains("Total") && text.contains("60.00 EUR") && text.contains("2026-02-01 – 2026-02-28"))
        // HTML: the printable page's own document markup, byte for byte, values escaped.
        let html = mail.html.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(html.contains(try printed(document)))
        for value in [invoice.number, "60.00 EUR", "30.00", "Cloud Backup 100 GB", "Left to pay", "2026-03-03"] {
            #expect(html.contains(value), "HTML part lacks \(value)")
        }
        #expect(html.contains("Ελληνικό Νέφος Α.Ε. &lt;b&gt;") && !html.contains("Α.Ε. <b>"))
        #expect(html.contains("<style>") && html.contains(".document table"))
    }

    /// Issue #24: the email attaches the PDF and the e-invoice as kept (multipart/mixed, base64), which Python's
    /// parser reads back as two files with the kept SHA-256; a retry of the same row attaches the same bytes.
    @Test func theInvoiceEmailAttachesItsKeptPDFAndEInvoice() throws {
        let fx = try MailFixture()
        let (_, invoice) = try billed(fx)
        let server = try SMTPTestServer().start()
        defer { server.stop() }
        let settings = try fx.smtp(server)
        _ = try Deliverer(service: fx.service, settings: settings).deliverDue()
        let mail = try #require(try server.received().map(ParsedMail.parse)
                                    .first { $0.subject.hasPrefix("Invoice \(invoice.number)") })
        #expect(mail.defects.isEmpty, "\(mail.defects)")
        let pdf = try fx.service.invoiceFile(number: invoice.number, format: .pdf, by: .staff("alice"))
        let xml = try fx.service.invoiceFile(number: invoice.number, format: .ubl, by: .staff("alice"))
        #expect(mail.attachments.map(\.filename) == ["\(invoice.number).pdf", "\(invoice.number).xml"])
        #expect(mail.attachments.map(\.contentType) == ["application/pdf", "application/xml"])
        #expect(mail.attachments.map(\.sha256) == [pdf.sha256, xml.sha256])
        #expect(mail.attachments.map(\.size) == [pdf.bytes.count, xml.bytes.count])
        // The text and the HTML part still read as before, with the payment reference.
        #expect(mail.text.contains("Payment reference") && mail.html.contains("Payment reference"))
        #expect(mail.text.contains(try #require(PaymentReference(number: invoice.number)).printed))
        // A retry builds the row again: the same message, byte for byte.
        let row = try #require(try fx.service.outbox().first { $0.kind == .invoice })
        let deliverer = Deliverer(service: fx.service, settings: settings), builder = MessageBuilder(settings: settings)
        let again = try builder.build(row, attachments: try deliverer.attachments(row))
        let once = try builder.build(row, attachments: try deliverer.attachments(row))
        #expect(again.data == once.data)
        #expect(try fx.service.invoiceFile(number: invoice.number, format: .pdf, by: .system).bytes == pdf.bytes)
    }

    @Test func theCreditNoteEmailLikewiseAndTheAccountEmailWithoutBillToContacts() throws {
        let fx = try MailFixture()
        let (account, _) = try billed(fx, billTo: false)
        fx.advance(hours: 9 * 24)   // 2026-02-10: 18 days of February credited
        let sub = try #require(try fx.service.subscriptions(of: account.id).first)
        let note = try #require(try fx.service.cancelSubscription(sub.id, now: true, by: .staff("alice")).creditNote)
        let server = try SMTPTestServer().start()
        defer { server.stop() }
        _ = try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue()
        let mails = try server.received().map(ParsedMail.parse)
        let mail = try #require(mails.first { $0.subject == "Credit note \(note.number) for \(account.name)" })
        #expect(mail.toAddress == "office@nefos.example")
        let document = try fx.service.creditNoteDocument(number: note.number, by: .staff("alice"))
        let text = mail.text.replacingOccurrences(of: "\r\n", with: "\n")
        #expect(text.contains(document.text().joined(separator: "\n")), "the text part is not the printed text")
        #expect(mail.html.replacingOccurrences(of: "\r\n", with: "\n").contains(try printed(document)))
        #expect(mail.html.contains(note.draft.total.display) && mail.html.contains("Credit note \(note.number)"))
        #expect(mail.attachments.map(\.filename) == ["\(note.number).pdf", "\(note.number).xml"])
        #expect(mail.attachments.map(\.sha256)
                    == [try fx.service.creditNoteFile(number: note.number, format: .pdf, by: .system).sha256,
                        try fx.service.creditNoteFile(number: note.number, format: .ubl, by: .system).sha256])
    }

    /// A staff override (`mail.templates`) still works, and can include the shared document; a row queued
    /// before documents were carried still shows its lines.
    @Test func overridesAndOldRows() throws {
        let fx = try MailFixture()
        _ = try billed(fx)
        let folder = fx.folder + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Our invoice {{invoiceNumber}}\n{{document}}".write(toFile: folder + "/invoice.txt", atomically: true,
                                                                 encoding: .utf8)
        try "<h1>Ours</h1>{{#document}}{{>invoiceDocument}}{{/document}}"
            .write(toFile: folder + "/invoice.html", atomically: true, encoding: .utf8)
        let builder = MessageBuilder(settings: try fx.settings(["mail.templates": folder]))
        let row = try #require(try fx.service.outbox().first { $0.kind == .invoice })
        let document = try #require(row.params["document"].flatMap(InvoiceDocument.init(jsonText:)))
        #expect(try builder.body(row, html: false)
                    == "Our invoice \(row.params["invoiceNumber"]!)\n" + document.text().joined(separator: "\n"))
        #expect(try builder.body(row, html: true) == "<h1>Ours</h1>" + (try printed(document)))

        var old = row
        old.params["document"] = nil
        let plain = MessageBuilder(settings: try fx.settings([:]))
        #expect(try plain.body(old, html: false).contains(row.params["lines"]!))
        #expect(try plain.body(old, html: true).contains("<pre>"))
    }
}
