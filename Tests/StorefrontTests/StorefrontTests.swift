import Foundation
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing
import Mail
import ResellerCore
@testable import Storefront

/// The demo database on a real SQLite file, and the storefront over it.
struct StorefrontFixture {
    let folder = NSTemporaryDirectory() + "storefront-test-" + UUID().uuidString
    let service: ResellerService
    let reseller: Account
    static let email = "partners@aegean-cloud.example"
    static let password = "correct horse battery staple"

    /// `clock` fixes the service's time (billing days); the real one by default. `settings`: the seller.
    init(clock: (@Sendable () -> Date)? = nil, settings: ServiceSettings = .test) throws {
        service = ResellerService(store: try Store(path: folder + "/rd.sqlite"),
                                  settings: settings, clock: clock ?? { Date() })
        _ = try service.seedDemo(by: .staff("alice"))
        reseller = try service.findAccount("ACC-000001")
    }

    func app() throws -> some ApplicationProtocol {
        Application(router: try StorefrontServer(service: service).router())
    }

    /// The token of the newest activation (or reset) link emailed to `email`: the real deliverer sends what
    /// is due into a Maildir, and the link is read from the email, as its reader would (the database never
    /// holds it).
    func token(_ kind: MailKind = .activation, to email: String = StorefrontFixture.email) throws -> String {
        let settings = try MailSettings(ConfigFile(values: ["mail.maildir": folder + "/Maildir"]), environment: [:])
        _ = try Deliverer(service: service, settings: settings).deliverDue()
        let link = (kind == .passwordReset ? "/reset" : "/activate") + "?token="
        let found = try DeliveredMail.all(in: folder + "/Maildir")
            .last { $0.to.contains("<\(email)>") && $0.text.contains(link) }
        let line = try #require(found?.text.split(whereSeparator: \.isNewline).first { $0.contains(link) })
        return String(line.split(separator: "=", maxSplits: 1)[1])
    }

    /// The demo user, active with `StorefrontFixture.password`.
    static func activated() throws -> StorefrontFixture {
        let fx = try StorefrontFixture()
        let password = StorefrontFixture.password
        _ = try fx.service.activate(token: try fx.token(), password: password, confirmation: password)
        return fx
    }

    func mails(_ kind: MailKind, to email: String = StorefrontFixture.email) throws -> Int {
        try service.outbox().filter { $0.kind == kind && $0.toAddress == email }.count
    }

    /// Activates the demo user through the pages and signs in.
    func signIn(_ b: inout Browser) async throws {
        let token = try token()
        try await b.get("/activate?token=\(token)")
        try await b.post("/activate", [("token", token), ("password", Self.password), ("confirmation", Self.password)])
        #expect(b.status == .ok)
        try await b.get("/login")
        try await b.post("/login", [("email", Self.email), ("password", Self.password)])
        #expect(b.status == .seeOther)
        try await b.follow()
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: folder) }
}

@Suite struct ActivationTests {
    @Test func theLinkShowsWhoAndChangesNothingUntilThePasswordIsSet() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let token = try fx.token()
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            let page = try await b.get("/activate?token=\(token)")
            #expect(b.status == .ok)
            #expect(page.contains("Aegean Cloud Partners") && page.contains(StorefrontFixture.email) && page.contains("12 to 128 characters"))
            #expect(b.headers[.cacheControl] == "no-store" && b.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(b.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            // GET again: still the same live link, the user still pending.
            try await b.get("/activate?token=\(token)")
            #expect(b.status == .ok)
            #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.status == .pending)

            // Bad passwords: each message beside its field, nothing changed.
            try await b.post("/activate", [("token", token), ("password", "short"), ("confirmation", "short")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("password must be at least 12 characters"))
            try await b.post("/activate", [("token", token), ("password", "partners-and-more-words"), ("confirmation", "partners-and-more-words")])
            #expect(b.html.contains("must not contain the name part of your email"))
            try await b.post("/activate", [("token", token), ("password", StorefrontFixture.password), ("confirmation", "something else entirely")])
            #expect(b.html.contains("the two passwords are not the same"))
            #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.status == .pending)

            try await b.post("/activate", [("token", token), ("password", StorefrontFixture.password), ("confirmation", StorefrontFixture.password)])
            #expect(b.status == .ok)
            #expect(b.html.contains("Log In"))
            #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.status == .active)
            #expect(try fx.mails(.activationSuccessful) == 1)

            // The link is single use.
            let again = try await b.get("/activate?token=\(token)")
            #expect(b.status == .gone && again.contains("already been used") && again.contains("log in"))
        }
    }

    @Test func unknownRevokedAndForgedFormsAreRefused() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let first = try fx.token()
        try fx.service.resendActivation(email: StorefrontFixture.email, by: .staff("alice"))
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            var page = try await b.get("/activate?token=nonsense")
            #expect(b.status == .gone && page.contains("not valid") && page.contains("your account manager"))
            page = try await b.get("/activate?token=\(first)")
            #expect(b.status == .gone && page.contains("replaced by a newer one"))
            // A form without the page's token (a cross-site post) is refused and changes nothing.
            let fresh = try fx.token()
            var other = Browser(client)
            try await other.post("/activate", [("token", fresh), ("password", StorefrontFixture.password),
                                               ("confirmation", StorefrontFixture.password)], csrf: "forged")
            #expect(other.status == .forbidden)
            #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.status == .pending)
        }
    }
}

@Suite struct LoginTests {
    @Test func oneMessageForEveryFailureAndTheLockOnTheFourthWrongPassword() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            #expect(b.html.contains("Credit limit") && b.html.contains("5,000.00 EUR"))
            #expect(b.cookies["rd_session"] != nil)

            var anon = Browser(client)
            try await anon.get("/login")
            try await anon.post("/login", [("email", "nobody@example.com"), ("password", "whatever whatever")])
            let unknown = anon.html
            #expect(anon.status == .unauthorized)
            for _ in 0..<4 {
                try await anon.post("/login", [("email", StorefrontFixture.email), ("password", "wrong password here")])
                #expect(anon.status == .unauthorized)
            }
            // Locked now: even the right password gets the same answer.
            try await anon.post("/login", [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)])
            #expect(anon.status == .unauthorized)
            let message = ServiceError.invalidCredentialsMessage
            #expect(unknown.contains(message) && anon.html.contains(message))
            #expect(try fx.service.contact(email: StorefrontFixture.email).storefrontUser?.locked == true)
            // A lock ends what was signed in too.
            try await b.get("/dashboard")
            #expect(b.status == .seeOther && b.headers[.location] == "/login")
        }
    }

    @Test func aSessionCookieIsHttpOnlyLaxNewAtEachLoginAndEndsAtLogOut() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            let first = try #require(b.cookies["rd_session"])
            try await b.get("/login")
            b.cookies["rd_session"] = nil
            try await b.get("/login")
            try await b.post("/login", [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)])
            let cookieLine = try #require(b.setCookies.first { $0.hasPrefix("rd_session=") })
            #expect(cookieLine.contains("HttpOnly") && cookieLine.contains("SameSite=Lax") && cookieLine.contains("Path=/"))
            #expect(!cookieLine.contains("Secure"))                      // served over http here
            let second = try #require(b.cookies["rd_session"])
            #expect(first != second)
            try await b.get("/dashboard")
            #expect(b.status == .ok)
            // Log out needs the session's token; then the cookie no longer works, even if replayed.
            try await b.post("/logout", [], csrf: "wrong")
            #expect(b.status == .forbidden)
            try await b.get("/dashboard")
            try await b.post("/logout", [])
            #expect(b.status == .seeOther)
            b.cookies["rd_session"] = second
            try await b.get("/dashboard")
            #expect(b.status == .seeOther && b.headers[.location] == "/login")
        }
    }

    @Test func forgotPasswordRevealsNothingAndTheResetEndsEverySession() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            var anon = Browser(client)
            try await anon.get("/forgot")
            try await anon.post("/forgot", [("email", "nobody@example.com")])
            let unknown = anon.html.replacingOccurrences(of: "nobody@example.com", with: "X")
            try await anon.get("/forgot")
            try await anon.post("/forgot", [("email", StorefrontFixture.email)])
            let known = anon.html.replacingOccurrences(of: StorefrontFixture.email, with: "X")
            #expect(anon.status == .ok && unknown == known)
            try await anon.get("/forgot")
            try await anon.post("/forgot", [("email", "not an email")])
            #expect(anon.status == .unprocessableContent && anon.html.contains("Enter the email address"))

            let token = try fx.token(.passwordReset)
            try await anon.get("/reset?token=\(token)")
            #expect(anon.html.contains("Choose a new password"))
            let newPassword = "a completely different phrase"
            try await anon.post("/reset", [("token", token), ("password", newPassword), ("confirmation", newPassword)])
            #expect(anon.status == .ok && anon.html.contains("Password changed"))
            #expect(try fx.mails(.resetSuccessful) == 1)
            try await b.get("/dashboard")
            #expect(b.status == .seeOther)                               // the earlier sign-in ended
            try await anon.get("/login")
            try await anon.post("/login", [("email", StorefrontFixture.email), ("password", newPassword)])
            #expect(anon.status == .seeOther)
        }
    }

    @Test func attemptsAreThrottledPerAccount() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await b.get("/login")
            for _ in 0..<10 { try await b.post("/login", [("email", "someone@example.com"), ("password", "guess guess guess")]) }
            #expect(b.status == .unauthorized)
            try await b.post("/login", [("email", "someone@example.com"), ("password", "guess guess guess")])
            #expect(b.status == .tooManyRequests && b.html.contains("Too many attempts"))
        }
    }

    @Test func oversizedAndMalformedBodiesAreRefused() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await b.get("/login")
            try await b.send("/login", method: .post, body: "email=" + String(repeating: "a", count: 20_000))
            #expect(b.status == .contentTooLarge)
            try await b.send("/login", method: .post, body: "email=%zz")
            #expect(b.status == .badRequest)
        }
    }
}

@Suite struct HTTPSTests {
    @Test func cookiesAreSecureWhenTheStorefrontIsServedOverHTTPS() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        var settings = ServiceSettings.test
        settings.storefrontURL = "https://shop.example.com"
        let service = ResellerService(store: fx.service.store, settings: settings)
        try await Application(router: try StorefrontServer(service: service).router()).test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try await b.get("/login")
            #expect(b.setCookies.isEmpty || b.setCookies.allSatisfy { $0.contains("Secure") })
            b.cookies = [:]
            try await b.get("/login")
            #expect(b.setCookies.contains { $0.hasPrefix("__Host-rd_form=") && $0.contains("Secure")
                && $0.contains("SameSite=Strict") && $0.contains("Path=/") && !$0.contains("Domain") })
            try await b.post("/login", [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)])
            #expect(b.setCookies.contains { $0.hasPrefix("__Host-rd_session=") && $0.contains("Secure") && $0.contains("HttpOnly")
                && $0.contains("Path=/") && !$0.contains("Domain") })
            try await b.get("/dashboard")
            #expect(b.status == .ok)                                      // the prefixed cookie signs in
        }
    }
}

@Suite struct PasswordChangeTests {
    @Test func theCurrentPasswordIsNeededAndEveryOtherSignInEnds() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            var other = Browser(client)                                  // the same user on another device
            try await other.get("/login")
            try await other.post("/login", [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)])
            #expect(other.status == .seeOther)

            try await b.get("/password")
            try await b.post("/password", [("current", "not the password"), ("password", "a brand new phrase here"),
                                           ("confirmation", "a brand new phrase here")])
            #expect(b.status == .unprocessableContent && b.html.contains("the current password is not right"))
            try await b.post("/password", [("current", StorefrontFixture.password), ("password", "short"), ("confirmation", "short")])
            #expect(b.html.contains("at least 12 characters"))
            try await b.post("/password", [("current", StorefrontFixture.password), ("password", "a brand new phrase here"),
                                           ("confirmation", "a brand new phrase here")])
            #expect(b.status == .seeOther)
            try await b.follow()
            #expect(b.status == .ok && b.html.contains("Your password is changed"))   // this browser stays signed in
            try await other.get("/dashboard")
            #expect(other.status == .seeOther && other.headers[.location] == "/login")
            #expect(try fx.mails(.resetSuccessful) == 1)
            var fresh = Browser(client)
            try await fresh.get("/login")
            try await fresh.post("/login", [("email", StorefrontFixture.email), ("password", "a brand new phrase here")])
            #expect(fresh.status == .seeOther)
        }
    }
}
