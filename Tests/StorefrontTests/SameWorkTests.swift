import Foundation
import Testing
import ResellerCore

/// Timing must not tell which emails exist (#13 item 9). Not wall time, which a loaded machine blurs: the
/// work each request does, counted. A sign-in runs one Argon2id check and commits one write, whatever the
/// email; a reset request commits one write, whatever the email.
@Suite struct SameWorkTests {
    /// (Argon2id runs, committed writes) that `body` caused.
    static func work(_ service: ResellerService, _ body: () throws -> Void) rethrows -> [Int] {
        let runs = service.passwordChecks.runs, writes = service.store.committedChanges
        try body()
        return [service.passwordChecks.runs - runs, service.store.committedChanges - writes]
    }

    static func signIn(_ service: ResellerService, _ email: String) -> [Int] {
        work(service) { _ = try? service.authenticate(email: email, password: "wrong password here") }
    }

    @Test func everyFailedSignInDoesTheSameWork() throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        let service = fx.service
        let known = Self.signIn(service, StorefrontFixture.email)
        #expect(known == [1, 1])
        #expect(Self.signIn(service, "nobody@example.com") == known)                  // [1, 0] before the fix
        #expect(Self.signIn(service, "Partners@Aegean-Cloud.example") == known)
        for _ in 0..<3 { _ = Self.signIn(service, StorefrontFixture.email) }          // locked now
        #expect(Self.signIn(service, StorefrontFixture.email) == known)               // [1, 0] before the fix
        // A user who never set a password (pending activation).
        var form = ContactForm()
        (form.lastName, form.email, form.storefrontUser) = ("Pending", "pending@aegean-cloud.example", true)
        let pending = try service.addContact(to: fx.reseller.id, form, by: .staff("alice"))
        #expect(Self.signIn(service, pending.email) == known)
    }

    @Test func everyResetRequestDoesTheSameWork() throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        let service = fx.service
        func reset(_ email: String) throws -> [Int] {
            try Self.work(service) { try service.startPasswordReset(email: email, by: .system, quiet: true) }
        }
        let known = try reset(StorefrontFixture.email)
        #expect(known == [0, 1])
        #expect(try reset("nobody@example.com") == known)                             // [0, 0] before the fix
        #expect(try service.outbox().filter { $0.kind == .passwordReset }.count == 1)
        // From the desk an unknown email is still an error, and writes nothing.
        let before = service.store.committedChanges
        #expect(throws: ServiceError.self) {
            try service.startPasswordReset(email: "nobody@example.com", by: .staff("alice"))
        }
        #expect(service.store.committedChanges == before)
    }
}
