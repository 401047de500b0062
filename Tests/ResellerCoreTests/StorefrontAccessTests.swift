import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct StorefrontAccessTests {
    @Test func invitationIsOneUserOneTokenOneEmail() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let (contact, token) = try fx.invite(a)
        let user = try #require(contact.storefrontUser)
        #expect(user.type == .admin)
        #expect(user.status == .pending)
        #expect(try fx.count("SELECT COUNT(*) FROM storefront_users") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM tokens") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM outbox WHERE kind = 'activation'") == 1)
        let mail = try #require(try fx.service.outbox().first)
        #expect(mail.toAddress == "maria@aegean.example")
        #expect(mail.params["resellerName"] == a.name)
        #expect(mail.status == .sent && mail.params["token"] == nil)
        // 72 hours
        #expect(try fx.count("SELECT COUNT(*) FROM tokens WHERE expires_at = '2026-01-04 00:00:00.000'") == 1)
        // Only the SHA-256 of the token is stored.
        #expect(try fx.count("SELECT COUNT(*) FROM tokens WHERE length(token_hash) = 32") == 1)
        let holder = try fx.service.inspectLink(token, purpose: .activation)
        #expect(holder.contact.id == contact.id)
    }

    @Test func aFailedInvitationLeavesNothing() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.invite(a)
        var dup = ContactForm()
        dup.lastName = "Other"
        dup.email = "MARIA@aegean.example"   // emails are unique case-insensitively
        dup.storefrontUser = true
        #expect(fields { _ = try fx.service.addContact(to: a.id, dup, by: staff) } == ["email"])
        #expect(try fx.count("SELECT COUNT(*) FROM contacts") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM storefront_users") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM tokens") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM outbox") == 1)
    }

    @Test func contactRules() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        #expect(fields { _ = try fx.service.addContact(to: a.id, ContactForm(), by: staff) } == ["lastName", "email"])
        var c = ContactForm()
        c.lastName = "Smith"
        c.email = "smith@x.example"
        c.phone = "abc"
        #expect(fields { _ = try fx.service.addContact(to: a.id, c, by: staff) } == ["phone"])
        c.phone = "+44 20 7946 0000"
        let saved = try fx.service.addContact(to: a.id, c, by: staff)
        #expect(saved.storefrontUser == nil)
        c.companyRole = "CTO"
        #expect(try fx.service.editContact(saved.id, c, by: staff).companyRole == "CTO")
        let enabled = try fx.service.enableStorefront(contactId: saved.id, by: staff)
        #expect(enabled.storefrontUser?.type == .admin)
        #expect(fields { _ = try fx.service.enableStorefront(contactId: saved.id, by: staff) } == ["storefrontUser"])
    }

    @Test func activationConsumesTheTokenAndQueuesTheConfirmation() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let (_, token) = try fx.invite(a)
        let active = try fx.service.activate(token: token, password: "correct horse battery", confirmation: "correct horse battery")
        #expect(active.storefrontUser?.status == .active)
        let confirmation = try #require(try fx.service.outbox().first)
        #expect(confirmation.kind == .activationSuccessful)
        #expect(confirmation.params["token"] == nil)
        #expect(!confirmation.params.values.contains { $0.contains("correct horse") })
        // The password is stored only as an Argon2id hash.
        #expect(try fx.count("SELECT COUNT(*) FROM storefront_users WHERE password_hash LIKE '$argon2id$%'") == 1)
        #expect(try fx.count("SELECT COUNT(*) FROM audit_events WHERE changes LIKE '%horse%'") == 0)
        // A used link is refused.
        let reuse = fieldErrors { _ = try fx.service.activate(token: token, password: "another long secret", confirmation: "another long secret") }
        #expect(reuse.first?.message.contains("already been used") == true)
    }

    @Test func badPasswordsKeepTheLinkUsable() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let (_, token) = try fx.invite(a)
        #expect(fields { _ = try fx.service.activate(token: token, password: "short", confirmation: "short") } == ["password"])
        #expect(fields { _ = try fx.service.activate(token: token, password: "correct horse battery", confirmation: "nope") } == ["confirmation"])
        _ = try fx.service.activate(token: token, password: "correct horse battery", confirmation: "correct horse battery")
    }

    @Test func expiredAndRevokedLinksAreRefused() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let (_, first) = try fx.invite(a)
        try fx.service.resendActivation(email: "maria@aegean.example", by: staff)
        let second = try fx.latestToken(to: "maria@aegean.example")
        #expect(first != second)
        let revoked = fieldErrors { _ = try fx.service.inspectLink(first, purpose: .activation) }
        #expect(revoked.first?.message.contains("replaced") == true)
        #expect(try fx.count("SELECT COUNT(*) FROM tokens WHERE revoked_at IS NULL") == 1)
        fx.clock.advance(hours: 72)
        let expired = fieldErrors { _ = try fx.service.activate(token: second, password: "correct horse battery", confirmation: "correct horse battery") }
        #expect(expired.first?.message.contains("expired") == true)
        #expect(fields { _ = try fx.service.inspectLink("made-up", purpose: .activation) } == ["token"])
        #expect(try fx.service.contact(email: "maria@aegean.example").storefrontUser?.status == .pending)
    }

    @Test func loginAnswersIdenticallyAndLocksOnTheFourthWrongPassword() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.activeUser(a)
        let principal = try fx.service.authenticate(email: "MARIA@aegean.example", password: "correct horse battery")
        #expect(principal.account.id == a.id)

        func failure(_ email: String, _ password: String) -> ServiceError? {
            do { _ = try fx.service.authenticate(email: email, password: password); return nil } catch { return error }
        }
        #expect(failure("nobody@x.example", "whatever it is") == .invalidCredentials)
        for _ in 1...3 { #expect(failure("maria@aegean.example", "wrong password!") == .invalidCredentials) }
        // Three wrong in a row do not lock; a right one resets the count.
        _ = try fx.service.authenticate(email: "maria@aegean.example", password: "correct horse battery")
        for _ in 1...4 { #expect(failure("maria@aegean.example", "wrong password!") == .invalidCredentials) }
        #expect(try fx.service.contact(email: "maria@aegean.example").storefrontUser?.locked == true)
        #expect(failure("maria@aegean.example", "correct horse battery") == .invalidCredentials)

        // A password reset unlocks.
        try fx.service.startPasswordReset(email: "maria@aegean.example", by: staff)
        let reset = try fx.latestToken(to: "maria@aegean.example")
        _ = try fx.service.completePasswordReset(token: reset, password: "a brand new phrase", confirmation: "a brand new phrase")
        _ = try fx.service.authenticate(email: "maria@aegean.example", password: "a brand new phrase")
        #expect(try fx.service.outbox().first?.kind == .resetSuccessful)
    }

    @Test func pendingAndInactiveUsersCannotSignIn() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        _ = try fx.invite(a, email: "pending@aegean.example")
        #expect(throws: ServiceError.invalidCredentials) { try fx.service.authenticate(email: "pending@aegean.example", password: "anything long enough") }
        _ = try fx.activeUser(a)
        try fx.service.store.write { tx in
            let zero = tx.dialect == .sqlite ? "x'00'" : "'\\x00'::bytea"
            try tx.execute(sql: "INSERT INTO sessions (id_hash, user_id, csrf, created_at, expires_at) "
                           + "SELECT \(zero), id, 'c', '2026-01-01', '2027-01-01' FROM storefront_users "
                           + "WHERE status = 'Active'")
        }
        try fx.service.deactivateStorefront(email: "maria@aegean.example", by: staff)
        #expect(try fx.count("SELECT COUNT(*) FROM sessions") == 0)
        #expect(throws: ServiceError.invalidCredentials) { try fx.service.authenticate(email: "maria@aegean.example", password: "correct horse battery") }
        #expect(fields { try fx.service.deactivateStorefront(email: "maria@aegean.example", by: staff) } == ["email"])
        // Re-enabling sends a fresh activation link.
        let contact = try fx.service.contact(email: "maria@aegean.example")
        #expect(try fx.service.enableStorefront(contactId: contact.id, by: staff).storefrontUser?.status == .pending)
    }

    @Test func forgotPasswordRevealsNothing() throws {
        let fx = try Fixture()
        try fx.service.startPasswordReset(email: "nobody@x.example", by: .system, quiet: true)
        #expect(try fx.count("SELECT COUNT(*) FROM outbox") == 0)
        #expect(fields { try fx.service.startPasswordReset(email: "nobody@x.example", by: staff) } == ["email"])
    }
}

@Suite struct StorefrontRightsTests {
    @Test func aStorefrontUserActsOnlyForItsOwnActiveAccount() throws {
        let fx = try Fixture()
        let a = try fx.reseller()
        let b = try fx.reseller("Nordic Cloud AB", email: "ops@nordic.example")
        var c = ContactForm()
        c.lastName = "Oikonomou"; c.email = "maria@aegean.example"; c.storefrontUser = true
        let contact = try fx.service.addContact(to: a.id, c, by: staff)
        let user = try #require(contact.storefrontUser)
        let actor = Actor.storefront(userId: user.id, email: contact.email)
        func refused(_ body: () throws -> Void) -> Bool {
            do { try body(); return false } catch let e as ServiceError { return e.messagesByField["account"] != nil } catch { return false }
        }
        // Pending (not yet active): refused; and never for another reseller.
        #expect(refused { _ = try fx.service.createEndCustomer(resellerId: a.id, name: "X", email: "x@x.example", country: "GR", by: actor) })
        let token = try fx.latestToken(to: "maria@aegean.example")
        _ = try fx.service.activate(token: token, password: "a long enough phrase", confirmation: "a long enough phrase")
        #expect(!refused { _ = try fx.service.createEndCustomer(resellerId: a.id, name: "X", email: "x@x.example", country: "GR", by: actor) })
        #expect(refused { _ = try fx.service.createEndCustomer(resellerId: b.id, name: "Y", email: "y@y.example", country: "GR", by: actor) })
        #expect(refused { _ = try fx.service.placeOrder(accountId: b.id, customerAccountId: nil, lines: [OrderRequestLine(productCode: "X", quantity: 1)], by: actor) })
        #expect(try fx.service.endCustomers(of: b.id).isEmpty)
    }
}
