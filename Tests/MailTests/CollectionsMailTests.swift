import Foundation
import Testing
@testable import Mail
@testable import ResellerCore

/// The collections emails (domain.md#collections) as delivered through the real SMTP test server and read by
/// Python's email parser: the overdue invoices with their payment references and the total, to the bill-to
/// contact with the account manager's copy, the name escaped in the HTML part.
@Suite(.serialized) struct CollectionsMailTests {
    @Test func theReminderListsEveryOverdueInvoiceWithItsReferenceInBothParts() throws {
        let fx = try MailFixture()
        let (account, _) = try InvoiceMailTests().billed(fx)             // 2026-02-01: INV-000001 due 2026-01-31
        fx.advance(hours: 3 * 24)                                         // 2026-02-04: 4 days overdue
        let report = try fx.service.collectionsRun()
        #expect(report.actions.map(\.mail) == [.reminder] && report.emails == 2)
        let server = try SMTPTestServer().start()
        defer { server.stop() }
        _ = try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue()
        let mails = try server.received().map(ParsedMail.parse).filter { $0.subject.hasPrefix("Reminder:") }
        #expect(Set(mails.map(\.toAddress)) == ["eleni@nefos.example", "alice@localhost"])
        let mail = try #require(mails.first { $0.toAddress == "eleni@nefos.example" })
        #expect(mail.defects.isEmpty)
        #expect(mail.subject == "Reminder: 60.00 EUR overdue for \(account.name)")
        let reference = try #require(PaymentReference(number: "INV-000001")).printed
        #expect(mail.text.contains("INV-000001 · due 2026-01-31 · 60.00 EUR left · reference \(reference)"))
        #expect(mail.text.contains("Our records show 60.00 EUR overdue on the account of \(account.name)"))
        #expect(!mail.text.contains("INV-000002"))                        // not due yet
        #expect(mail.html.contains("Ελληνικό Νέφος Α.Ε. &lt;b&gt;") && !mail.html.contains("Α.Ε. <b>"))
        #expect(mail.html.contains(reference))
    }

    @Test func theFinalNoticeNamesTheSuspensionDayAndTheBankDetailsWhenSet() throws {
        let fx = try MailFixture()
        _ = try InvoiceMailTests().billed(fx)
        fx.advance(hours: 20 * 24)                                        // 2026-02-21: 21 days overdue
        #expect(try fx.service.collectionsRun().actions.map(\.mail) == [.finalNotice])
        var row = try #require(try fx.service.outbox().first { $0.kind == .finalNotice })
        #expect(row.params["suspensionDate"] == "2026-03-02")             // due + 30
        let builder = MessageBuilder(settings: try fx.settings([:]))
        let text = try builder.body(row, html: false)
        #expect(text.contains("the account will be suspended on 2026-03-02"))
        #expect(!text.contains("IBAN"))                                   // this seller has no bank details
        row.params["bankLine"] = "IBAN GR1601101250000000012300695 · BIC ETHNGRAA"
        #expect(try builder.body(row, html: false).contains("(IBAN GR1601101250000000012300695 · BIC ETHNGRAA)"))
        #expect(try builder.body(row, html: true).contains("(IBAN GR1601101250000000012300695 · BIC ETHNGRAA)"))
        // Overridable like every template.
        let folder = fx.folder + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Pay {{totalOverdue}} by {{suspensionDate}}".write(toFile: folder + "/finalNotice.txt", atomically: true,
                                                              encoding: .utf8)
        let ours = MessageBuilder(settings: try fx.settings(["mail.templates": folder]))
        #expect(try ours.body(row, html: false) == "Pay 60.00 EUR by 2026-03-02")
    }
}
