import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
@testable import ResellerCore
@testable import Storefront

/// An Admin manages the storefront users of its own account: invite, change roles, deactivate (#11).
@Suite struct UsersPageTests {
    @Test func anAdminInvitesChangesAndDeactivates() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("href=\"/users\""))
            try await b.get("/users")
            #expect(b.status == .ok && b.html.contains("Admin (you)"))
            // Every problem beside its field; nothing written.
            _ = try await b.post("/users", [("lastName", ""), ("email", "nope"), ("type", "user")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("f-lastName-error") && b.html.contains("f-email-error"))
            #expect(b.html.contains("a User needs at least one role"))
            _ = try await b.post("/users", [("firstName", "Eleni"), ("lastName", "Markou"),
                                            ("email", "eleni@aegean-cloud.example"), ("type", "user"),
                                            ("role", "billing-agent")])
            #expect(b.status == .ok, "\(b.html)")
            #expect(b.html.contains("Invited Eleni Markou"))
            let eleni = try fx.service.contact(email: "eleni@aegean-cloud.example")
            #expect(eleni.storefrontUser?.type == .user && eleni.storefrontUser?.roles == [.billingAgent])
            #expect(eleni.storefrontUser?.status == .pending)
            #expect(try fx.mails(.activation, to: "eleni@aegean-cloud.example") == 1)
            #expect(eleni.accountId == fx.reseller.id)

            _ = try await b.post("/users/\(eleni.id)/access", [("type", "user"), ("role", "buyer"),
                                                               ("role", "cloud-administrator")])
            #expect(b.status == .ok)
            #expect(try fx.service.contact(email: eleni.email).storefrontUser?.roles == [.buyer, .cloudAdministrator])
            _ = try await b.post("/users/\(eleni.id)/deactivate", [])
            #expect(try fx.service.contact(email: eleni.email).storefrontUser?.status == .inactive)

            // Not oneself, and not another account's contact.
            let me = try fx.service.contact(email: StorefrontFixture.email)
            _ = try await b.post("/users/\(me.id)/deactivate", [])
            #expect(b.status == .unprocessableContent && b.html.contains("you cannot change your own access"))
            #expect(try fx.service.contact(email: me.email).storefrontUser?.status == .active)
            let other = try fx.service.createAccount({ var f = AccountForm(); f.name = "Other"
                f.email = "o@other.example"; f.country = "GR"; return f }(), by: .staff("dora"))
            var c = ContactForm()
            c.lastName = "Outsider"
            c.email = "out@other.example"
            c.storefrontUser = true
            let outsider = try fx.service.addContact(to: other.id, c, by: .staff("dora"))
            _ = try await b.post("/users/\(outsider.id)/deactivate", [])
            #expect(b.status == .notFound)
            #expect(try fx.service.contact(email: outsider.email).storefrontUser?.status == .pending)
        }
    }

    @Test func aUserWithoutTheAdminTypeCannotManageUsers() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            let csrf = try #require(b.csrfToken)
            let me = try fx.service.contact(email: StorefrontFixture.email)
            _ = try fx.service.setStorefrontAccess(me.id, type: .user, roles: [.buyer], by: .staff("dora"))
            try await b.get("/dashboard")
            #expect(!b.html.contains("href=\"/users\""))
            try await b.get("/users")
            #expect(b.status == .forbidden)
            _ = try await b.post("/users", [("lastName", "X"), ("email", "x@aegean-cloud.example"), ("type", "admin")],
                                 csrf: csrf)
            #expect(b.status == .forbidden)
            #expect(throws: ServiceError.self) {
                try fx.service.inviteUser(to: fx.reseller.id, firstName: "", lastName: "X", email: "x@a.example",
                                          type: .admin, roles: [],
                                          by: .storefront(userId: me.storefrontUser!.id, email: me.email))
            }
        }
    }

    /// Inviting an email that is already a contact (of another reseller, or of one's own account) gets one
    /// refusal that names the field and tells nothing of where the email is; the collision is in the audit for
    /// staff, and nothing else is written (review L1).
    @Test func anInviteCollisionDoesNotTellWhetherTheEmailExistsElsewhere() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let other = try fx.service.createAccount({ var f = AccountForm(); f.name = "Other Reseller"
            f.email = "o@other.example"; f.country = "GR"; return f }(), by: .staff("dora"))
        var c = ContactForm()
        c.lastName = "Elsewhere"
        c.email = "victim@other.example"
        _ = try fx.service.addContact(to: other.id, c, by: .staff("dora"))
        c.lastName = "Own"
        c.email = "own@aegean-cloud.example"
        _ = try fx.service.addContact(to: fx.reseller.id, c, by: .staff("dora"))
        let contactsBefore = try fx.service.store.read { tx in
            try tx.value(Int.self, sql: "SELECT COUNT(*) FROM contacts")
        }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            var answers: [String] = []
            for email in ["victim@other.example", "VICTIM@other.example", "own@aegean-cloud.example"] {
                try await b.get("/users")
                _ = try await b.post("/users", [("firstName", "A"), ("lastName", "B"), ("email", email),
                                                ("type", "user"), ("role", "buyer")])
                #expect(b.status == .unprocessableContent)
                #expect(!b.html.contains("already a contact"))
                let error = try #require(b.html.range(of: #"<span class="error" id="f-email-error">[^<]*"#,
                                                      options: .regularExpression))
                answers.append(String(b.html[error]))
            }
            #expect(Set(answers).count == 1, "\(answers)")
            #expect(answers[0].contains("this email cannot be invited") && answers[0].contains("account manager"))
        }
        // The service refuses a storefront Admin the same way, naming the field.
        let me = try fx.service.contact(email: StorefrontFixture.email)
        let admin = Actor.storefront(userId: me.storefrontUser!.id, email: me.email)
        #expect(throws: ServiceError.invalid("email", "this email cannot be invited; ask your account manager")) {
            try fx.service.inviteUser(to: fx.reseller.id, firstName: "", lastName: "X", email: "victim@other.example",
                                      type: .admin, roles: [], by: admin)
        }
        let (contacts, collisions) = try fx.service.store.read { tx in
            (try tx.value(Int.self, sql: "SELECT COUNT(*) FROM contacts"),
             try tx.values(String.self, sql: """
                 SELECT changes FROM audit_events WHERE entity = 'account' AND entity_id = ?
                 AND action = 'inviteRefused' AND actor_kind = 'storefront' ORDER BY id
                 """, arguments: [fx.reseller.id]))
        }
        #expect(contacts == contactsBefore)
        #expect(collisions.count == 4)
        #expect(collisions.first?.contains("victim@other.example") == true
                && collisions.first?.contains(other.code) == true, "\(collisions)")
    }
}
