import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import ResellerCore
@testable import Storefront

/// The pre-login CSRF cookie (#13 item 10): signed with the desk's storefront key (kept in the database,
/// made on the first start), `__Host-` prefixed under HTTPS; a planted cookie is refused.
@Suite struct FormCookieTests {
    @Test func theKeyIsMadeOnceAndKeptInTheDatabase() throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        let key = try fx.service.storefrontKey()
        #expect(key.count == 32)
        // Another process on the same file signs alike; another desk does not.
        let again = ResellerService(store: try Store(path: fx.folder + "/rd.sqlite"), settings: .test)
        #expect(try again.storefrontKey() == key)
        let other = try StorefrontFixture()
        defer { other.cleanUp() }
        #expect(try other.service.storefrontKey() != key)
        let signed = FormCookie(key: key).issue()
        #expect(FormCookie(key: key).token(fromCookie: signed.cookie) == signed.token)
        #expect(FormCookie(key: try other.service.storefrontKey()).token(fromCookie: signed.cookie) == nil)
    }

    @Test func aPlantedCookieIsRefused() async throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        let foreign = FormCookie(key: Array(repeating: 7, count: 32)).issue()
        let own = try StorefrontServer(service: fx.service).forms.issue()
        try await fx.app().test(.router) { client in
            let login = [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)]
            // Unsigned: the same made-up value in cookie and field passed the double submit before.
            var b = Browser(client)
            b.cookies["rd_form"] = "planted"
            try await b.post("/login", login, csrf: "planted")
            #expect(b.status == .forbidden)
            b.cookies["rd_form"] = String(repeating: "a", count: 43)
            try await b.post("/login", login, csrf: String(repeating: "a", count: 43))
            #expect(b.status == .forbidden)
            // Signed, but with another key.
            b.cookies["rd_form"] = foreign.cookie
            try await b.post("/login", login, csrf: foreign.token)
            #expect(b.status == .forbidden)
            // This desk's signature on another token than the field's.
            b.cookies["rd_form"] = own.cookie
            try await b.post("/login", login, csrf: foreign.token)
            #expect(b.status == .forbidden)
            // A page replaces a cookie it did not sign, and its own then works.
            b.cookies["rd_form"] = foreign.cookie
            try await b.get("/login")
            #expect(b.cookies["rd_form"] != foreign.cookie)
            #expect(b.cookies["rd_form"]?.hasPrefix(b.csrfToken ?? "-") == true)
            try await b.post("/login", login)
            #expect(b.status == .seeOther)
        }
    }

    @Test func underHTTPSTheCookieIsHostPrefixedAndAnUnprefixedOneIsIgnored() async throws {
        let fx = try StorefrontFixture.activated()
        defer { fx.cleanUp() }
        var settings = ServiceSettings.test
        settings.storefrontURL = "https://shop.example.com"
        let server = try StorefrontServer(service: ResellerService(store: fx.service.store, settings: settings))
        let signed = server.forms.issue()
        try await Application(router: server.router()).test(.router) { client in
            var b = Browser(client)
            try await b.get("/login")
            let line = try #require(b.setCookies.first { $0.hasPrefix("__Host-rd_form=") })
            #expect(line.contains("Secure") && line.contains("Path=/") && !line.contains("Domain"))
            // A sibling subdomain can set `rd_form` (not `__Host-`): even signed by this desk it is not read.
            var planted = Browser(client)
            planted.cookies["rd_form"] = signed.cookie
            let login = [("email", StorefrontFixture.email), ("password", StorefrontFixture.password)]
            try await planted.post("/login", login, csrf: signed.token)
            #expect(planted.status == .forbidden)
            try await b.post("/login", login)
            #expect(b.status == .seeOther)
        }
    }
}
