import Foundation
import Testing
@testable import Mail
import ResellerCore

/// No clear link token is ever written to the database (#13 item 3): the token in the delivered email is
/// nowhere in the file nor its WAL, while a resend before delivery still leaves one live link.
@Suite(.serialized) struct TokenAtRestTests {
    func token(in file: String) throws -> String {
        let mail = try ParsedMail.parse(file)
        let link = try #require(mail.text.split(whereSeparator: \.isNewline).first { $0.contains("?token=") })
        return String(link.split(separator: "=", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces)
    }

    func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    @Test func theDeliveredTokenIsInNeitherTheDatabaseNorItsWAL() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer().start()
        try fx.invite("maria@nefos.example")
        try fx.service.resendActivation(email: "maria@nefos.example", by: .staff("alice"))
        // Queued and retried: the rows a database copy would show at any moment before the send.
        try fx.sql("UPDATE outbox SET status = 'retrying' WHERE status = 'queued'")
        let report = try Deliverer(service: fx.service, settings: try fx.smtp(server)).deliverDue()
        #expect(report.sent == 1)   // the first email was withdrawn by the resend
        let files = server.received()
        try #require(files.count == 1)
        let token = try token(in: files[0])
        #expect(token.count == 43)
        let needle = Data(token.utf8)
        for path in [fx.db, fx.db + "-wal"] {
            let data = try bytes(path)
            #expect(!data.isEmpty)
            #expect(data.range(of: needle) == nil, "the emailed token is in \(path)")
        }
        // The emailed link works.
        #expect(try fx.service.inspectLink(token, purpose: .activation).contact.email == "maria@nefos.example")
        let password = "correct horse battery"
        _ = try fx.service.activate(token: token, password: password, confirmation: password)
    }
}
