import Foundation
import Testing
import DeskTestSupport
@testable import Mail
import ResellerCore

/// A service on a real temporary SQLite file, with a clock the test moves.
final class MailFixture: Sendable {
    let folder = NSTemporaryDirectory() + "resellerdesk-mail-" + UUID().uuidString
    var db: String { folder + "/mail.sqlite" }
    private let clock = TestClock()
    let service: ResellerService

    init() throws {
        let clock = self.clock
        service = ResellerService(store: try Store(path: folder + "/mail.sqlite"),
                                  settings: .test, clock: { clock.now })
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func advance(hours: Double) { clock.advance(hours: hours) }

    func settings(_ values: [String: String]) throws -> MailSettings {
        try MailSettings(ConfigFile(values: values), environment: [:])
    }

    func smtp(_ server: SMTPTestServer, _ extra: [String: String] = [:]) throws -> MailSettings {
        try settings(["mail.transport": "smtp", "smtp.host": "127.0.0.1", "smtp.port": String(server.port),
                      "smtp.timeout_seconds": "5", "mail.from": "Cloud Desk <desk@distributor.example>"].merging(extra) { $1 })
    }

    /// A reseller with a storefront contact: queues one activation email to `email`.
    @discardableResult
    func invite(_ email: String, first: String = "Γιώργος", last: String = "Παπαδόπουλος",
                reseller: String = "Ελληνικό Νέφος Α.Ε.") throws -> Contact {
        var f = AccountForm()
        f.name = reseller
        f.email = "office-\(UUID().uuidString.prefix(8))@nefos.example"
        f.country = "GR"
        let account = try service.createAccount(f, by: .staff("alice"))
        var c = ContactForm()
        c.firstName = first
        c.lastName = last
        c.email = email
        c.storefrontUser = true
        return try service.addContact(to: account.id, c, by: .staff("alice"))
    }

    func status(_ email: String) throws -> OutboxMessage {
        try #require(try service.outbox().first { $0.toAddress == email })
    }

    func sql(_ statement: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        p.arguments = [db, statement]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}

@Suite(.serialized) struct SMTPDeliveryTests {
    @Test func aGreekActivationEmailArrivesReadableAndItsLinkWorks() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("giorgos@nefos.example")
        let report = try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue()
        #expect(report.sent == 1)
        let files = server.received()
        try #require(files.count == 1)
        let raw = try Data(contentsOf: URL(fileURLWithPath: files[0]))
        // CRLF only, no line over 998 octets.
        let bytes = [UInt8](raw)
        #expect(!zip(bytes, bytes.dropFirst()).contains { $0.1 == 10 && $0.0 != 13 })
        #expect(raw.split(separator: 10).allSatisfy { $0.count <= 999 })

        let mail = try ParsedMail.parse(files[0])
        #expect(mail.defects.isEmpty)
        #expect(mail.subject == "Activate your storefront account for Ελληνικό Νέφος Α.Ε.")
        #expect(mail.toName == "Γιώργος Παπαδόπουλος")
        #expect(mail.toAddress == "giorgos@nefos.example")
        #expect(mail.from.contains("desk@distributor.example"))
        #expect(mail.messageId.hasPrefix("<resellerdesk."))
        #expect(mail.text.contains("Dear Γιώργος,"))
        #expect(mail.text.contains("Ελληνικό Νέφος Α.Ε."))
        #expect(mail.html.contains("Activate your account"))
        // The link carries a token the service accepts.
        let link = try #require(mail.text.split(whereSeparator: \.isNewline).first { $0.contains("/activate?token=") })
        let token = String(link.split(separator: "=", maxSplits: 1)[1]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix("http://127.0.0.1:8080/activate?token="))
        #expect(try fx.service.inspectLink(token, purpose: .activation).contact.email == "giorgos@nefos.example")
        // Sent; the stored copy never held the token.
        let row = try fx.status("giorgos@nefos.example")
        #expect(row.status == .sent)
        #expect(row.params["token"] == nil)
        _ = try fx.service.activate(token: token, password: "correct horse battery", confirmation: "correct horse battery")
    }

    @Test func a451IsRetriedAndDeliveredOnce() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("tempfail-once-maria@nefos.example")
        let deliverer = Deliverer(service: fx.service, settings: try fx.smtp(server))
        #expect(try deliverer.deliverDue() == Deliverer.Report(retrying: 1))
        var row = try fx.status("tempfail-once-maria@nefos.example")
        #expect(row.status == .retrying)
        #expect(row.lastError?.contains("451") == true)
        #expect(try deliverer.deliverDue().total == 0)        // not due yet
        fx.advance(hours: 1)
        #expect(try deliverer.deliverDue().sent == 1)
        row = try fx.status("tempfail-once-maria@nefos.example")
        #expect(row.status == .sent)
        #expect(row.attempts == 2)
        #expect(server.received().count == 1)
    }

    @Test func a550FailsWithTheServersAnswerAndStaffCanRetry() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("reject-me@nefos.example")
        #expect(try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue().failed == 1)
        let row = try fx.status("reject-me@nefos.example")
        #expect(row.status == .failed)
        #expect(row.lastError?.contains("550 5.1.1 mailbox unavailable") == true)
        try fx.service.retryMail(row.id, by: .staff("alice"))
        #expect(try fx.status("reject-me@nefos.example").status == .queued)
        #expect(throws: ServiceError.self) { try fx.service.retryMail(row.id, by: .staff("alice")) }   // only failed ones
    }

    @Test func aServerThatIsDownIsRetriedUntilItIsBack() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer()   // not started
        try fx.invite("a@nefos.example")
        try fx.invite("b@nefos.example", reseller: "Second")
        let deliverer = Deliverer(service: fx.service, settings: try fx.smtp(server))
        let down = try deliverer.deliverDue()
        #expect(down.retrying == 1)
        #expect(down.released == 1)             // the rest of the batch waits without an attempt
        #expect(try fx.status("a@nefos.example").lastError?.contains("cannot connect") == true)
        try server.start()
        fx.advance(hours: 2)
        #expect(try deliverer.deliverDue().sent == 2)
        #expect(server.received().count == 2)
    }

    @Test func theAttemptLimitMarksFailed() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer()   // never started
        try fx.invite("a@nefos.example")
        let deliverer = Deliverer(service: fx.service, settings: try fx.smtp(server, ["mail.max_attempts": "3"]))
        for _ in 1...3 {
            _ = try deliverer.deliverDue()
            fx.advance(hours: 2)
        }
        let row = try fx.status("a@nefos.example")
        #expect(row.status == .failed)
        #expect(row.lastError?.hasPrefix("gave up after 3 attempts") == true)
    }

    @Test func headerInjectionIsImpossible() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("victim@nefos.example")
        // Old or hostile data written behind the service's back (the service itself refuses such names).
        try fx.sql("UPDATE outbox SET to_name = 'Eve' || char(13) || char(10) || 'Bcc: x@evil.test', subject = 'Hi' || char(13) || char(10) || 'Bcc: y@evil.test'")
        #expect(try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue().sent == 1)
        let files = server.received()
        try #require(files.count == 1)
        let mail = try ParsedMail.parse(files[0])
        #expect(!mail.headerNames.contains { $0.lowercased() == "bcc" })
        #expect(mail.toAddress == "victim@nefos.example")
        #expect(mail.toName == "EveBcc: x@evil.test")
        #expect(mail.subject == "HiBcc: y@evil.test")
        let raw = try String(contentsOfFile: files[0], encoding: .utf8)
        #expect(!raw.contains("\r\nBcc:"))
    }

    @Test func twoDeliverersNeverSendTheSameMessage() async throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        for i in 1...60 { try fx.invite("user\(i)@nefos.example", reseller: "Reseller \(i)") }
        let settings = try fx.smtp(server)
        let a = Deliverer(service: fx.service, settings: settings, owner: "test:a")
        var b = Deliverer(service: ResellerService(store: try Store(path: fx.db),
                                  settings: .test, clock: { fx.service.now }), settings: settings, owner: "test:b")
        b.batchSize = 7
        async let ra = Task { try a.deliverDue() }.value
        async let rb = Task { try b.deliverDue() }.value
        let (x, y) = try await (ra, rb)
        #expect(x.sent + y.sent == 60)
        let ids = try server.received().map { try ParsedMail.parse($0).messageId }
        #expect(ids.count == 60)
        #expect(Set(ids).count == 60)
    }

    @Test func starttlsWithAuthAndACAFile() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer()
        let cert = try TestCertificate(in: server.folder)
        try server.start(["--starttls", cert.cert, cert.key, "--auth", "desk:s3cret pass"])
        try fx.invite("tls@nefos.example")
        #expect(throws: ServiceError.self) { _ = try fx.smtp(server, ["smtp.password_env": "TEST_SMTP_PASSWORD"]) }   // not set
        let withPassword = try MailSettings(ConfigFile(values: ["mail.transport": "smtp", "smtp.host": "localhost", "smtp.port": String(server.port),
                                                                "smtp.security": "starttls", "smtp.ca_file": cert.cert, "smtp.username": "desk",
                                                                "smtp.password_env": "TEST_SMTP_PASSWORD"]),
                                            environment: ["TEST_SMTP_PASSWORD": "s3cret pass"])
        #expect(try Deliverer(service: fx.service, settings: withPassword).deliverDue().sent == 1)
        #expect(server.received().count == 1)

        // Without our CA the certificate is not trusted: retried, with the reason.
        try fx.invite("tls2@nefos.example", reseller: "Second")
        let untrusted = try MailSettings(ConfigFile(values: ["mail.transport": "smtp", "smtp.host": "localhost", "smtp.port": String(server.port),
                                                             "smtp.security": "starttls"]), environment: [:])
        #expect(try Deliverer(service: fx.service, settings: untrusted).deliverDue().retrying == 1)
        #expect(try fx.status("tls2@nefos.example").lastError?.contains("certificate") == true)
    }

    @Test func implicitTLS() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer()
        let cert = try TestCertificate(in: server.folder)
        try server.start(["--tls", cert.cert, cert.key])
        try fx.invite("implicit@nefos.example")
        let settings = try fx.smtp(server, ["smtp.host": "localhost", "smtp.security": "tls", "smtp.ca_file": cert.cert])
        #expect(try Deliverer(service: fx.service, settings: settings).deliverDue().sent == 1)
        #expect(try ParsedMail.parse(try #require(server.received().first)).toAddress == "implicit@nefos.example")
    }

    @Test func aPasswordNeverTravelsWithoutTLS() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("plain@nefos.example")
        let settings = try MailSettings(ConfigFile(values: ["mail.transport": "smtp", "smtp.host": "127.0.0.1", "smtp.port": String(server.port),
                                                           "smtp.username": "desk", "smtp.password_env": "P"]), environment: ["P": "secret"])
        #expect(try Deliverer(service: fx.service, settings: settings).deliverDue().retrying == 1)
        #expect(try fx.status("plain@nefos.example").lastError?.contains("without TLS") == true)
        #expect(server.received().isEmpty)
    }
}

@Suite struct MaildirAndSendmailTests {
    @Test func maildirDeliveryIsReadable() throws {
        let fx = try MailFixture()
        let maildir = fx.folder + "/Maildir"
        try fx.invite("giorgos@nefos.example")
        #expect(try Deliverer(service: fx.service, settings: try fx.settings(["mail.maildir": maildir])).deliverDue().sent == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir + "/new")
        try #require(files.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: maildir + "/tmp").isEmpty)
        // The local convention: LF only (mutt shows ^M on CRLF headers); the MIME structure still parses.
        let raw = try Data(contentsOf: URL(fileURLWithPath: maildir + "/new/" + files[0]))
        #expect(!raw.contains(0x0D))
        #expect(raw.contains(0x0A))
        let mail = try ParsedMail.parse(maildir + "/new/" + files[0])
        #expect(mail.text.contains("/activate?token="))
        #expect(mail.toName == "Γιώργος Παπαδόπουλος")
    }

    @Test func maildirLineEndingsAreLocal() {
        let lf = { (s: String) in MaildirTransport.localLineEndings(Array(s.utf8)) }
        #expect(lf("Subject: x\r\n\r\nbody\r\n") == Array("Subject: x\n\nbody\n".utf8))
        // A lone CR is content, not a line ending: kept, also at the very end.
        #expect(lf("a\rb\r") == Array("a\rb\r".utf8))
        #expect(lf("\r\r\n") == Array("\r\n".utf8))
    }

    @Test func sendmailProgram() throws {
        let fx = try MailFixture()
        // A sendmail stand-in that keeps what it is given, and one that asks to try later.
        let script = fx.folder + "/sendmail"
        try "#!/bin/sh\ncat > \"$(dirname \"$0\")/sent-$$.eml\"\necho \"$@\" > \"$(dirname \"$0\")/args\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        try fx.invite("s@nefos.example")
        #expect(try Deliverer(service: fx.service, settings: try fx.settings(["mail.transport": "sendmail", "sendmail.path": script])).deliverDue().sent == 1)
        let args = try String(contentsOfFile: fx.folder + "/args", encoding: .utf8)
        #expect(args.contains("-i -f resellerdesk@localhost -- s@nefos.example"))
        let tempfail = fx.folder + "/tempfail"
        try "#!/bin/sh\ncat >/dev/null\necho 'queue full' >&2\nexit 75\n".write(toFile: tempfail, atomically: true, encoding: .utf8)
        chmod(tempfail, 0o755)
        try fx.invite("t@nefos.example", reseller: "T")
        #expect(try Deliverer(service: fx.service, settings: try fx.settings(["mail.transport": "sendmail", "sendmail.path": tempfail])).deliverDue().retrying == 1)
        #expect(try fx.status("t@nefos.example").lastError?.contains("queue full") == true)
    }
}
