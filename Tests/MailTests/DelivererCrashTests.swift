import Foundation
import Testing
import ResellerCore

@Suite(.serialized) struct DelivererCrashTests {
    static var binary: String {
        ProcessInfo.processInfo.environment["RESELLERDESK_BIN"].flatMap { $0.isEmpty ? nil : $0 }
            ?? SMTPTestServer.root + "/.build/debug/resellerdesk"
    }

    func deliver(_ fx: MailFixture, _ server: SMTPTestServer) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.binary)
        p.arguments = ["--db", fx.db, "mail", "deliver", "--batch", "20"]
        p.environment = ProcessInfo.processInfo.environment.merging([
            "RESELLERDESK_MAIL_TRANSPORT": "smtp", "RESELLERDESK_SMTP_HOST": "127.0.0.1",
            "RESELLERDESK_SMTP_PORT": String(server.port), "RESELLERDESK_CONFIG": fx.folder + "/none.toml",
        ]) { $1 }
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        return p
    }

    @Test func aDelivererKilledMidBatchLosesNothingAndSendsNothingTwice() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "build the binary first: \(Self.binary)")
        let fx = try MailFixture()
        let server = try SMTPTestServer().start(["--delay", "0.02"])
        for i in 1...150 { try fx.invite("crash\(i)@nefos.example", reseller: "Reseller \(i)") }

        let first = try deliver(fx, server)
        // Kill it once it is well into the batches.
        let deadline = Date().addingTimeInterval(30)
        while server.received().count < 40 && Date() < deadline { usleep(10_000) }
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        let beforeRestart = server.received().count
        #expect(beforeRestart >= 40 && beforeRestart < 150, "killed after \(beforeRestart)")

        // The next deliverer sees the dead one's claims at once and finishes the work.
        let second = try deliver(fx, server)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)

        let rows = try fx.service.outbox(limit: 1000)
        #expect(rows.count == 150)
        #expect(rows.allSatisfy { $0.status == .sent })
        let ids = try server.received().map { try ParsedMail.parse($0).messageId }
        #expect(Set(ids).count == 150)               // every message arrived
        #expect(ids.count - Set(ids).count <= 1)     // at most the one in flight at the kill came twice
    }
}
