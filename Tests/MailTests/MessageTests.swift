import Foundation
import Testing
@testable import Mail
import ResellerCore
import Templating

@Suite struct MessageTests {
    @Test func templatesEscapeHTMLButNotText() throws {
        let values = ["name": "<b>Tom & \"Jerry\"</b>", "raw": "<i>ok</i>"]
        func render(_ text: String, html: Bool) throws -> String {
            try TemplateEngine.render(text, html: html, source: "test", values)
        }
        #expect(try render("Hi {{name}}", html: false) == "Hi <b>Tom & \"Jerry\"</b>")
        #expect(try render("Hi {{ name }}!", html: true) == "Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;!")
        #expect(try render("{{{raw}}} {{missing}}|", html: true) == "<i>ok</i> |")
        #expect(try render("{{#name}}[{{.}}]{{/name}}{{^missing}} none{{/missing}}", html: false)
                == "[<b>Tom & \"Jerry\"</b>] none")
        #expect(throws: TemplateError.self) { try render("{{#name}} unclosed", html: false) }
    }

    @Test func encodedWordsStayShortAndOneLine() {
        let subject = String(repeating: "Ενεργοποίηση λογαριασμού καταστήματος ", count: 4) + "\r\nBcc: x@evil.test"
        let encoded = HeaderEncoding.unstructured(subject, headerLength: 9)
        let lines = encoded.components(separatedBy: "\r\n ")
        #expect(lines.count > 1)
        #expect(lines.allSatisfy { $0.count <= 75 && $0.hasPrefix("=?UTF-8?B?") && $0.hasSuffix("?=") })
        #expect(!encoded.replacingOccurrences(of: "\r\n ", with: "").contains("\r"))
        let decoded = lines.map { w -> String in
            let b64 = w.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(b64))!, as: UTF8.self)
        }.joined()
        #expect(decoded == String(repeating: "Ενεργοποίηση λογαριασμού καταστήματος ", count: 4) + "Bcc: x@evil.test")
        #expect(HeaderEncoding.unstructured("Plain subject", headerLength: 9) == "Plain subject")
    }

    @Test func mailboxes() {
        #expect(HeaderEncoding.mailbox(name: "Tom \"T\" Smith", address: "t@x.example") == "\"Tom \\\"T\\\" Smith\" <t@x.example>")
        #expect(HeaderEncoding.mailbox(name: "", address: "t@x.example") == "<t@x.example>")
        #expect(HeaderEncoding.mailbox(name: "Μαρία", address: "m@x.example").hasPrefix("=?UTF-8?B?"))
        #expect(!HeaderEncoding.mailbox(name: "A\r\nBcc: e@vil", address: "a@x.example\r\nBcc: e@vil").contains("\r\n"))
    }

    @Test func dotStuffingAndBase64Lines() {
        #expect(SMTPTransport.dotStuffed(Array(".a\r\nb\r\n.\r\n".utf8)) == Array("..a\r\nb\r\n..\r\n".utf8))
        let lines = MessageBuilder.base64Lines(String(repeating: "Γειά σου κόσμε\n", count: 40))
        #expect(lines.allSatisfy { $0.count <= 76 })
        let decoded = String(decoding: Data(base64Encoded: lines.joined())!, as: UTF8.self)
        #expect(decoded.hasPrefix("Γειά σου κόσμε\r\n"))
    }

    @Test func messageIDIsStablePerOutboxRow() throws {
        let settings = try MailSettings(ConfigFile(values: ["mail.from": "Desk <desk@d.example>"]), environment: [:])
        let m = OutboxMessage(id: 42, kind: .test, toAddress: "a@b.example", toName: "", subject: "S", params: [:],
                              createdAt: Date(timeIntervalSince1970: 1_767_225_600), nextAttemptAt: Date())
        let a = try MessageBuilder(settings: settings).build(m), b = try MessageBuilder(settings: settings).build(m)
        #expect(a.messageID == "<resellerdesk.42.1767225600@d.example>")
        #expect(a.data == b.data)
    }

    @Test func templatesFolderOverrides() throws {
        let folder = NSTemporaryDirectory() + "rd-templates-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "Custom {{firstName}} {{link}}".write(toFile: folder + "/activation.txt", atomically: true, encoding: .utf8)
        let settings = try MailSettings(ConfigFile(values: ["mail.templates": folder, "storefront.url": "https://shop.example"]), environment: [:])
        let m = OutboxMessage(id: 1, kind: .activation, toAddress: "a@b.example", toName: "A", subject: "S",
                              params: ["firstName": "Ana"], createdAt: Date(), nextAttemptAt: Date(),
                              link: LinkRequest(userId: 1, purpose: .activation),
                              linkToken: LinkToken(text: "T0K", expiresAt: Date()))
        let builder = MessageBuilder(settings: settings)
        #expect(try builder.body(m, html: false) == "Custom Ana https://shop.example/activate?token=T0K")
        // Not overridden:
        #expect(try builder.template(.activation, html: true).text.contains("Activate your account"))
        // A staff template that is not valid Mustache: a clear error naming the file, no email.
        try "<p>{{#firstName}}Dear {{.}}</p>".write(toFile: folder + "/activation.html", atomically: true,
                                                    encoding: .utf8)
        let error = try #require(throws: TemplateError.self) { try builder.build(m) }
        #expect(error.description.hasPrefix(folder + "/activation.html: not a valid Mustache template"))
    }

    @Test func aBrokenStaffTemplateFailsItsEmailNamingTheFile() throws {
        let fx = try MailFixture()
        let folder = fx.folder + "/templates"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try "Dear {{#firstName}}".write(toFile: folder + "/activation.txt", atomically: true, encoding: .utf8)
        try fx.invite("ana@nefos.example")
        let settings = try fx.settings(["mail.templates": folder, "mail.maildir": fx.folder + "/Maildir"])
        #expect(try Deliverer(service: fx.service, settings: settings).deliverDue() == Deliverer.Report(failed: 1))
        let row = try fx.status("ana@nefos.example")
        #expect(row.status == .failed && row.lastError?.hasPrefix(folder + "/activation.txt: ") == true)
    }

    @Test func backoffGrowsAndIsCapped() {
        #expect(Backoff.delay(attempt: 1, jitter: 1) == 30)
        #expect(Backoff.delay(attempt: 2, jitter: 1) == 60)
        #expect(Backoff.delay(attempt: 20, jitter: 1) == 3600)
        #expect((24...36).contains(Backoff.delay(attempt: 1)))
    }
}

@Suite struct ConfigFileTests {
    @Test func parsesSectionsAndEnvironmentOverrides() throws {
        let folder = NSTemporaryDirectory() + "rd-config-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try """
            # ResellerDesk
            [mail]
            transport = "smtp"   # the relay
            from = "Cloud Desk <desk@example.com>"
            [smtp]
            host = "relay.example.com"
            port = 2525
            security = "starttls"
            [tokens]
            lifetime_hours = 48
            """.write(toFile: folder + "/config.toml", atomically: true, encoding: .utf8)
        let config = try ConfigFile.load(systemPath: folder + "/no-system.toml", path: folder + "/config.toml",
                                         environment: ["RESELLERDESK_SMTP_PORT": "587"])
        let mail = try MailSettings(config, environment: [:])
        guard case .smtp(let smtp) = mail.transport else { Issue.record("not smtp"); return }
        #expect(smtp.host == "relay.example.com")
        #expect(smtp.port == 587)   // the environment wins
        #expect(smtp.security == .starttls)
        #expect(mail.fromName == "Cloud Desk")
        #expect(try ServiceSettings(config).tokenLifetime == 48 * 3600)
    }

    @Test func refusesWhatItDoesNotUnderstand() throws {
        func fails(_ text: String, _ expected: String) {
            var c = ConfigFile()
            do {
                try c.merge(text: text, source: "config.toml")
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.fieldErrors.first?.message.contains(expected) == true, "\(error)")
            }
        }
        fails("[mail]\ntranport = \"smtp\"", "line 2: unknown key mail.tranport")
        fails("[mail]\ntransport = smtp", "config.toml line 2:")
        fails("[mail\n", "config.toml line 1:")
        fails("just words", "config.toml line 1:")
        #expect(throws: ServiceError.self) { try MailSettings(ConfigFile(values: ["smtp.port": "99999", "mail.transport": "smtp", "smtp.host": "h"]), environment: [:]) }
        #expect(throws: ServiceError.self) { try MailSettings(ConfigFile(values: ["mail.transport": "smtp"]), environment: [:]) }
        #expect(throws: ServiceError.self) { try MailSettings(ConfigFile(values: ["mail.transport": "pigeon"]), environment: [:]) }
        #expect(throws: ServiceError.self) { try ServiceSettings(ConfigFile(values: ["storefront.url": "ftp://x"])) }
    }

    @Test func passwordFileMustBePrivate() throws {
        let folder = NSTemporaryDirectory() + "rd-pw-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "hunter2 secret\n".write(toFile: folder + "/pw", atomically: true, encoding: .utf8)
        chmod(folder + "/pw", 0o644)
        let values = ["mail.transport": "smtp", "smtp.host": "h", "smtp.password_file": folder + "/pw"]
        #expect(throws: ServiceError.self) { try MailSettings(ConfigFile(values: values), environment: [:]) }
        chmod(folder + "/pw", 0o600)
        guard case .smtp(let s) = try MailSettings(ConfigFile(values: values), environment: [:]).transport else { return }
        #expect(s.password == "hunter2 secret")
    }
}
