import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Correcting contacts after onboarding (docs/domain.md#contacts): the login email, removal, re-invitation,
/// type and roles.
@Suite struct ContactChangeTests {
    func form(_ c: Contact, email: String) -> ContactForm {
        var f = ContactForm(c)
        f.email = email
        return f
    }

    @Test func aMistypedPendingLoginGetsANewActivationLinkAtTheNewAddress() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let (contact, oldToken) = try fx.invite(a, email: "maria@aegean.exmaple")
        let fixed = try fx.service.editContact(contact.id, form(contact, email: "maria@aegean.example"), by: staff)
        #expect(fixed.email == "maria@aegean.example")
        #expect(fixed.storefrontUser?.status == .pending)
        #expect(fieldErrors { _ = try fx.service.inspectLink(oldToken, purpose: .activation) }.count == 1)
        let token = try fx.latestToken(to: "maria@aegean.example")
        let active = try fx.service.activate(token: token, password: "correct horse battery",
                                             confirmation: "correct horse battery")
        #expect(active.storefrontUser?.status == .active)
    }

    @Test func anActiveUsersNewLoginIsToldAtBothAddressesAndSessionsEnd() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let user = try fx.activeUser(a)
        _ = try fx.service.startSession(for: try fx.service.authenticate(email: user.email,
                                                                          password: "correct horse battery"))
        let moved = try fx.service.editContact(user.id, form(user, email: "m.oikonomou@aegean.example"), by: staff)
        #expect(moved.storefrontUser?.status == .active)
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 0)
        let notices = try fx.service.outbox().filter { $0.kind == .loginEmailChanged }
        #expect(Set(notices.map(\.toAddress)) == ["maria@aegean.example", "m.oikonomou@aegean.example"])
        #expect(notices.first?.params["newEmail"] == "m.oikonomou@aegean.example")
        #expect(try fx.service.authenticate(email: "m.oikonomou@aegean.example", password: "correct horse battery")
                    .userId == user.storefrontUser!.id)
    }

    @Test func removingAContactEndsItsUserAndFreesTheEmail() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let user = try fx.activeUser(a)
        _ = try fx.service.startSession(for: try fx.service.authenticate(email: user.email,
                                                                          password: "correct horse battery"))
        try fx.service.removeContact(user.id, by: staff)
        #expect(try fx.count("SELECT COUNT(*) FROM contacts") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM storefront_users") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 0)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE entity = 'contact' AND action = 'remove'") == 1)
        #expect(fields { try fx.service.removeContact(user.id, by: staff) } == ["contact"])
        _ = try fx.invite(a)   // the email is free again
        #expect(try fx.count("SELECT COUNT(*) FROM contacts") == 1)
    }

    @Test func anInactiveUserIsInvitedAgain() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let user = try fx.activeUser(a)
        try fx.service.deactivateStorefront(email: user.email, by: staff)
        let again = try fx.service.enableStorefront(contactId: user.id, by: staff)
        #expect(again.storefrontUser?.status == .pending)
        let token = try fx.latestToken(to: user.email)
        #expect(try fx.service.inspectLink(token, purpose: .activation).contact.email == user.email)
        #expect(fields { _ = try fx.service.enableStorefront(contactId: user.id, by: staff) } == ["storefrontUser"])
    }

    @Test func typeAndRolesDecideWhatAUserMayDo() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let user = try fx.activeUser(a)
        let actor = Actor.storefront(userId: user.storefrontUser!.id, email: user.email)
        let line = [OrderRequestLine(productCode: "SETUP", quantity: 1)]

        #expect(fields { _ = try fx.service.setStorefrontAccess(user.id, type: .user, roles: [], by: staff) }
                    == ["roles"])
        #expect(fields { _ = try fx.service.setStorefrontAccess(user.id, type: .admin, roles: [.buyer], by: staff) }
                    == ["roles"])
        let agent = try fx.service.setStorefrontAccess(user.id, type: .user, roles: [.billingAgent], by: staff)
        #expect(agent.storefrontUser?.type == .user && agent.storefrontUser?.roles == [.billingAgent])
        #expect(fields { _ = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil, lines: line,
                                                       by: actor) } == ["account"])
        let buyer = try fx.service.setStorefrontAccess(user.id, type: .user, roles: [.buyer, .billingAgent], by: staff)
        #expect(buyer.storefrontUser?.roles == [.billingAgent, .buyer])
        #expect(try fx.service.placeOrder(accountId: a.id, customerAccountId: nil, lines: line, by: actor).status
                    == .executed)

        var plain = ContactForm()
        plain.lastName = "Plain"
        plain.email = "plain@aegean.example"
        let contact = try fx.service.addContact(to: a.id, plain, by: staff)
        #expect(fields { _ = try fx.service.setStorefrontAccess(contact.id, type: .admin, roles: [], by: staff) }
                    == ["storefrontUser"])
    }

    /// The reseller hears when staff execute or cancel its Submitted order (#11 bug 6).
    @Test func theResellerIsToldOfStaffDecisions() throws {
        let fx = try Fixture()
        let a = try fx.reseller(credit: "0")
        _ = try fx.priceList()
        _ = try fx.service.assignPriceLists(a.id, names: ["Core EUR"], by: staff)
        let user = try fx.activeUser(a)
        let actor = Actor.storefront(userId: user.storefrontUser!.id, email: user.email)
        let line = [OrderRequestLine(productCode: "SETUP", quantity: 1)]
        let first = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil, lines: line, by: actor)
        let second = try fx.service.placeOrder(accountId: a.id, customerAccountId: nil, lines: line, by: staff)
        _ = try fx.service.executeOrder(first.id, aboveCredit: true, by: staff)
        _ = try fx.service.cancelOrder(second.id, by: staff)
        let executed = try #require(try fx.service.outbox().first { $0.kind == .orderExecuted })
        #expect(executed.toAddress == user.email)
        #expect(executed.params["staff"] == "alice")
        let canceled = try #require(try fx.service.outbox().first { $0.kind == .orderCanceled })
        #expect(canceled.toAddress == "accounts@aegean.example")   // placed by staff: the account's email
        #expect(canceled.subject == "Order \(second.number) canceled")
    }
}
