import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A new password, or a new login email, ends every way in that the old credentials handed out: a reset
/// link mailed before the change could otherwise still set a password after it.
@Suite struct CredentialChangeTests {
    func resetLinkIsRefused(_ fx: Fixture, _ token: String) -> Bool {
        do { _ = try fx.service.inspectLink(token, purpose: .reset); return false } catch {
            return error.fieldErrors.map(\.field) == ["token"]
        }
    }

    @Test func aPasswordChangeRevokesLiveResetLinks() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.activeUser(a)
        try fx.service.startPasswordReset(email: "maria@aegean.example", by: staff)
        let link = try fx.latestToken(to: "maria@aegean.example")
        let principal = try fx.service.authenticate(email: "maria@aegean.example", password: "correct horse battery")
        try fx.service.changePassword(principal, current: "correct horse battery", new: "another long phrase",
                                      confirmation: "another long phrase")
        #expect(resetLinkIsRefused(fx, link))
        #expect(try fx.count("SELECT COUNT(*) FROM tokens WHERE used_at IS NULL AND revoked_at IS NULL") == 0)
    }

    /// A completed reset leaves no other link of the user alive, whatever its purpose (a stray activation
    /// link cannot arise from the forms, so the test stores one the way the service would).
    @Test func aCompletedResetRevokesEveryOtherLink() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let contact = try fx.activeUser(a)
        let userId = try #require(contact.storefrontUser?.id)
        let stray = Token.generate()
        try fx.service.store.write { tx in
            try tx.insertToken(hash: stray.hash, userId: userId, purpose: .activation, expires: fx.clock.now + 86_400,
                               at: fx.clock.now)
        }
        try fx.service.startPasswordReset(email: "maria@aegean.example", by: staff)
        let link = try fx.latestToken(to: "maria@aegean.example")
        _ = try fx.service.completePasswordReset(token: link, password: "a brand new phrase",
                                                 confirmation: "a brand new phrase")
        #expect(fields { _ = try fx.service.inspectLink(stray.text, purpose: .activation) } == ["token"])
        #expect(try fx.count("SELECT COUNT(*) FROM tokens WHERE used_at IS NULL AND revoked_at IS NULL") == 0)
    }

    @Test func aNewLoginEmailRevokesLinksAndEndsSessions() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let contact = try fx.activeUser(a)
        let principal = try fx.service.authenticate(email: "maria@aegean.example", password: "correct horse battery")
        let (sessionId, _) = try fx.service.startSession(for: principal)
        try fx.service.startPasswordReset(email: "maria@aegean.example", by: staff)
        let link = try fx.latestToken(to: "maria@aegean.example")

        // Another field, or only the case of the email: the same login, nothing ends.
        var form = ContactForm()
        form.firstName = "Μαρία"
        form.lastName = "Οικονόμου"
        form.email = "Maria@Aegean.example"
        form.phone = "+30 210 000 0000"
        _ = try fx.service.editContact(contact.id, form, by: staff)
        #expect(try fx.service.session(sessionId) != nil)
        #expect(!resetLinkIsRefused(fx, link))

        form.email = "maria.o@aegean.example"
        _ = try fx.service.editContact(contact.id, form, by: staff)
        #expect(try fx.service.session(sessionId) == nil)
        #expect(resetLinkIsRefused(fx, link))
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 0)
    }
}
