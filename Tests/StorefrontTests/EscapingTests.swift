import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Mail
@testable import ResellerCore
import GRDB
@testable import Storefront
import Templating

/// One template engine, one escaping rule, no value printed raw (#13 item 5).
@Suite struct EscapingTests {
    static let refresh = "Aegean <meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"

    /// The order form's error names the reseller; a name holding a meta refresh must not redirect the page.
    @Test func aResellerNameInTheOrderFormsErrorIsEscaped() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await fx.app().test(.router) { client in
            var b = Browser(client)
            try await fx.signIn(&b)
            try fx.service.store.write { tx in
                try tx.execute(sql: "UPDATE accounts SET name = ? WHERE id = ?",
                                  arguments: [Self.refresh, fx.reseller.id])
            }
            try await b.get("/orders/new")
            try await b.post("/orders/preview", [("for", "999999"), ("q:VM-2C4G:monthly", "1")])
            #expect(b.status == .unprocessableContent)
            #expect(b.html.contains("of Aegean &lt;meta http-equiv=&quot;refresh&quot;"))
            #expect(!b.html.contains("<meta http-equiv"))
        }
    }

    /// The storefront's pages and the emails' HTML escape through the same function, the engine's.
    @Test func pagesAndEmailsShareOneEscapingRule() throws {
        let payload = "<b>Tom & \"Jerry\"</b> 'x' \u{202E}\u{1B}"
        let escaped = HTMLEscaping.escape(payload)
        #expect(escaped == "&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt; &#39;x&#39; \u{FFFD}\u{FFFD}")
        let page = HTML.page(title: payload, body: "text", Paragraph(text: payload))
        #expect(page.contains("<h1>\(escaped)</h1>") && page.contains("<p>\(escaped)</p>"))
        let settings = try MailSettings(ConfigFile(values: [:]), environment: [:])
        let mail = OutboxMessage(id: 1, kind: .orderOverCredit, toAddress: "a@b.example", toName: "A", subject: "S",
                                 params: ["resellerName": payload], createdAt: Date(), nextAttemptAt: Date())
        let html = try MessageBuilder(settings: settings).body(mail, html: true)
        #expect(html.contains(" of \(escaped) for "))
        #expect(try MessageBuilder(settings: settings).body(mail, html: false).contains(" of \(payload) for "))
    }

    /// No storefront template prints a value raw: every value goes through the escaping.
    @Test func noPageTemplatePrintsAValueRaw() {
        #expect(!PageTemplates.all.isEmpty)
        for (name, text) in PageTemplates.all {
            #expect(!text.contains("{{{") && !text.contains("{{&"), "\(name) prints a value raw")
        }
    }
}
