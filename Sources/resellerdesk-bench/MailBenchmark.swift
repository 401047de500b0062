import Foundation
import Mail
import ResellerCore

/// `resellerdesk-bench mail [--messages N]`: N activation emails queued, then delivered by the Deliverer
/// to the project's test SMTP server (aiosmtpd on 127.0.0.1) over one connection per batch.
enum MailBenchmark {
    static func run(messages: Int, dir: String) throws {
        let dbPath = dir + "/mail.sqlite"
        let service = ResellerService(store: try Store(path: dbPath))
        // Queue the messages with sqlite3 itself: the benchmark measures delivery, not queueing.
        let now = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
        _ = try BenchDesk.sqlite(path: dbPath).query("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(messages))
            INSERT INTO outbox (kind, to_address, to_name, subject, params, status, next_attempt_at, created_at)
            SELECT 'activation', 'user' || i || '@bench.example', 'Γιώργος Παπαδόπουλος ' || i,
                   'Activate your storefront account for Ελληνικό Νέφος ' || i,
                   '{"email":"user' || i || '@bench.example","firstName":"Γιώργος",'
                   || '"resellerName":"Ελληνικό Νέφος"}',
                   'queued', \(now), \(now) FROM n;
            """)
        let spool = dir + "/spool"
        let port = 20000 + Int(getpid() % 20000)
        let ready = dir + "/smtp-ready"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        server.arguments = ["scripts/testing/smtp-server.py", "--port", String(port), "--spool", spool, "--ready", ready]
        try server.run()
        defer { server.terminate(); server.waitUntilExit() }
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: ready) {
            guard server.isRunning, Date() < deadline else { fail("the test SMTP server did not start (run from the project folder; python3-aiosmtpd installed?)") }
            usleep(20_000)
        }
        let settings = try MailSettings(ConfigFile(values: ["mail.transport": "smtp", "smtp.host": "127.0.0.1", "smtp.port": String(port)]), environment: [:])
        var deliverer = Deliverer(service: service, settings: settings)
        deliverer.batchSize = 200
        let start = Date()
        let report = try deliverer.deliverDue()
        let seconds = Date().timeIntervalSince(start)
        let received = ((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).filter { $0.hasSuffix(".eml") }.count
        print(String(format: "mail: %d queued, %d sent, %d received by the SMTP server in %.1f s: %.0f messages/s",
                     messages, report.sent, received, seconds, Double(report.sent) / seconds))
        print("(each message rendered from its templates, sent over SMTP, and its outbox row updated in its own transaction)")
        if report.sent != messages || received != messages { fail("not every message was delivered") }
    }
}
