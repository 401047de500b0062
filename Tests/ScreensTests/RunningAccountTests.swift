import Foundation
import Testing
import DeskTestSupport
import ResellerCore
@testable import Screens
import TerminalKit

/// Running an account from its detail (#11): correcting and removing contacts, inviting them, their
/// storefront access, the account's status and a payment's reversal. Each dialog is driven by keys and
/// its save carried out against a real demo database, as the runtime does.
@Suite struct RunningAccountTests {
    /// The detail on `section` with the row whose text contains `row` highlighted.
    static func detail(_ service: ResellerService, _ id: Int64, _ section: AccountDetailSection.ID,
                       row: String? = nil) throws -> AccountDetailScreen {
        var s = AccountDetailScreen(try DemoDesk.content(service, id), section: section)
        if let row {
            for _ in 0..<40 {
                let rows = s.render(width: 80, height: 24)
                let lines = rows.text.split(separator: "\n", omittingEmptySubsequences: false)
                let roles = rows.roles.split(separator: "\n", omittingEmptySubsequences: false)
                if let i = lines.firstIndex(where: { $0.contains(row) }), roles[i].contains("S") { break }
                _ = s.update(.down, height: 24)
            }
        }
        return s
    }

    static func type<C>(_ d: inout FormDialog<some Sendable & Equatable, C>, _ text: String) {
        for c in text { _ = d.update(.char(c)) }
    }

    @Test func correctAContactsEmailAndItsActivationLinkFollows() throws {
        let service = try DemoDesk.service()
        let account = try service.findAccount("ACC-000001")
        var s = try Self.detail(service, account.id, .contacts, row: "partners@aegean-cloud.example")
        guard case .editContact(let contact)? = s.update(.char("e"), height: 24).first else {
            Issue.record("e does not edit the highlighted contact"); return
        }
        var d = ContactDialog.edit(contact, accountName: account.name, hasPriceList: true)
        #expect(!d.widget.fields.contains { $0.id == "storefrontUser" })   // its own actions, not a tick box
        while d.focus != "email" { _ = d.update(.tab) }
        for _ in 0..<40 { _ = d.update(.backspace) }
        Self.type(&d, "giorgos@aegean-cloud.example")
        try expectGolden(d.render(width: 80, height: 24), "edit-contact-80x24")
        guard case .save(let form)? = d.update(.ctrl("s")).first else { Issue.record("no save"); return }
        let saved = try service.editContact(try #require(d.context.contactId), form, by: .staff("alice"))
        #expect(saved.email == "giorgos@aegean-cloud.example")
        #expect(try service.outbox().first?.toAddress == "giorgos@aegean-cloud.example")   // a new activation link
        // A clash is the service's to say, beside the email, with everything typed kept.
        _ = try service.addContact(to: account.id, { var f = ContactForm(); f.lastName = "Other"
            f.email = "other@aegean-cloud.example"; return f }(), by: .staff("alice"))
        var again = ContactDialog.edit(saved, accountName: account.name, hasPriceList: true)
        while again.focus != "email" { _ = again.update(.tab) }
        for _ in 0..<40 { _ = again.update(.backspace) }
        Self.type(&again, "other@aegean-cloud.example")
        guard case .save(let clash)? = again.update(.ctrl("s")).first else { Issue.record("no save"); return }
        #expect(throws: ServiceError.self) { try service.editContact(saved.id, clash, by: .staff("alice")) }
        do { _ = try service.editContact(saved.id, clash, by: .staff("alice")) } catch { again.saveFailed(error) }
        #expect(again.errors["email"]?.contains("already exists") == true)
        #expect(again.model.email == "other@aegean-cloud.example")
    }

    @Test func removeAsksFirstAndInviteIsForContactsWithoutAUser() throws {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        var plain = ContactForm()
        plain.lastName = "Οικονόμου"; plain.email = "buyer@aegean-cloud.example"
        _ = try service.addContact(to: id, plain, by: .staff("alice"))
        var s = try Self.detail(service, id, .contacts, row: "partners@aegean-cloud.example")
        #expect(s.update(.char("i"), height: 24).isEmpty)                 // already a (pending) user
        #expect(s.notice?.contains("without a storefront user") == true)
        s = try Self.detail(service, id, .contacts, row: "buyer@aegean-cloud.example")
        guard case .invite(let invited)? = s.update(.char("i"), height: 24).first else {
            Issue.record("i does not invite"); return
        }
        #expect(invited.email == "buyer@aegean-cloud.example")
        #expect(s.update(.delete, height: 24).isEmpty)                    // asks first
        let question = s.render(width: 80, height: 24).text
        #expect(question.contains("Remove Οικονόμου <buyer@aegean-cloud.example>? y/n"))
        guard case .removeContact(let removed)? = s.update(.char("y"), height: 24).first else {
            Issue.record("y does not remove"); return
        }
        try service.removeContact(removed.id, by: .staff("alice"))
        #expect(try service.contacts(of: id).allSatisfy { $0.email != "buyer@aegean-cloud.example" })
    }

    @Test func aUsersAccessIsItsTypeAndRolesAndAUserNeedsOne() throws {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        var s = try Self.detail(service, id, .contacts, row: "partners@aegean-cloud.example")
        guard case .access(let contact)? = s.update(.char("a"), height: 24).first else {
            Issue.record("a does not open the access"); return
        }
        var d = AccessDialog.access(contact)
        #expect(!d.widget.isEnabled("buyer"))                               // an Admin has every role
        _ = d.update(.right)                                                 // User
        #expect(d.model.userType == .user && d.widget.isEnabled("buyer"))
        guard case .save(let none)? = d.update(.function(2)).first else { Issue.record("no save"); return }
        do {
            _ = try service.setStorefrontAccess(contact.id, type: none.userType, roles: none.roles, by: .staff("alice"))
            Issue.record("a User without roles was accepted")
        } catch { d.saveFailed(error) }
        #expect(d.render(width: 80, height: 24).text.contains("a User needs at least one role"))
        _ = d.update(.tab)                                                   // Buyer
        _ = d.update(.char(" "))
        _ = d.update(.tab); _ = d.update(.char(" "))                         // Billing Agent
        try expectGolden(d.render(width: 80, height: 24), "storefront-access-80x24")
        guard case .save(let form)? = d.update(.function(2)).first else { Issue.record("no save"); return }
        #expect(form.roles == [.buyer, .billingAgent])
        let saved = try service.setStorefrontAccess(contact.id, type: form.userType, roles: form.roles,
                                                    by: .staff("alice"))
        #expect(saved.storefrontUser?.roles.sorted { $0.rawValue < $1.rawValue } == [.billingAgent, .buyer])
        let row = try Self.detail(service, id, .contacts).render(width: 100, height: 24).text
        #expect(row.contains("User (Billing Agent, Buyer)") || row.contains("User (Buyer, Billing Agent)"))
    }

    @Test func suspendAndCloseWithAReasonAndAClosedAccountStaysClosed() throws {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        var s = try Self.detail(service, id, .overview)
        #expect(s.update(.char("s"), height: 24) == [.changeStatus(accountId: id)])
        var d = StatusDialog.status(of: try service.account(id))
        #expect(d.model.change == "suspend")                                  // what an Active account allows
        guard case .save(let empty)? = d.update(.ctrl("s")).first else { Issue.record("no save"); return }
        do {
            _ = try service.changeStatus(id, StatusForm(.suspend, reason: empty.reason), by: .staff("alice"))
            Issue.record("no reason was accepted")
        } catch { d.saveFailed(error) }
        #expect(d.errors["reason"] == "reason is required")
        #expect(d.focus == "reason")
        Self.type(&d, "unpaid invoices since March")
        try expectGolden(d.render(width: 80, height: 24), "account-status-80x24")
        guard case .save(let form)? = d.update(.ctrl("s")).first else { Issue.record("no save"); return }
        let change = try #require(AccountStatus.Change(rawValue: form.change))
        #expect(try service.changeStatus(id, StatusForm(change, reason: form.reason),
                                         by: .staff("alice")).status == .suspended)
        _ = try service.changeStatus(id, StatusForm(.close, reason: "left us"), by: .staff("alice"))
        s = try Self.detail(service, id, .overview)
        #expect(s.update(.char("s"), height: 24).isEmpty)
        #expect(s.notice == "ACC-000001 is closed, and a closed account stays closed.")
    }

    @Test func reverseAPaymentFromTheLedgerWithTheReason() throws {
        let service = try DemoDesk.service()
        let id = try service.findAccount("ACC-000001").id
        let paid = try service.recordPayment(accountId: id, PaymentForm(amount: "250.00"), by: .staff("alice"))
        var s = try Self.detail(service, id, .ledger, row: "Payment")
        try expectGolden(s.render(width: 80, height: 24), "account-detail-ledger-payment-80x24")
        guard case .reversePayment(id, let paymentId)? = s.update(.char("v"), height: 24).first else {
            Issue.record("v does not reverse the highlighted payment"); return
        }
        let payment = try #require(try service.statement(of: id).first { $0.id == paymentId })
        var d = ReversalDialog.reversal(of: payment, accountId: id)
        #expect(d.render(width: 80, height: 24).text.contains("Reverses the payment of \(paid.display)"))
        Self.type(&d, "bounced transfer")
        guard case .save(let form)? = d.update(.ctrl("s")).first else { Issue.record("no save"); return }
        _ = try service.reversePayment(paymentId, ReasonForm(reason: form.reason), by: .staff("alice"))
        s = try Self.detail(service, id, .ledger, row: "Payment (reversed")
        #expect(s.render(width: 80, height: 24).text.contains("Reversal of payment \(paymentId)"))
        #expect(try service.statement(of: id).last?.note == "bounced transfer")
        #expect(s.update(.char("v"), height: 24).isEmpty)                     // a payment is reversed once
        #expect(s.notice?.contains("a payment not yet reversed") == true)
    }
}
