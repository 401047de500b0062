import Foundation
import Testing

/// A real SMTP server (scripts/testing/smtp-server.py, aiosmtpd) on 127.0.0.1, one per test.
final class SMTPTestServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    let folder: String
    let port: Int
    var spool: String { folder + "/spool" }
    private var process: Process?

    init(port: Int? = nil) throws {
        folder = NSTemporaryDirectory() + "resellerdesk-smtp-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.port = try port ?? SMTPTestServer.freePort()
    }

    /// Starts the server; `options` are extra flags (--starttls CERT KEY, --tls CERT KEY, --auth U:P, --delay S).
    @discardableResult
    func start(_ options: [String] = []) throws -> SMTPTestServer {
        let ready = folder + "/ready-\(UUID().uuidString)"
        let script = SMTPTestServer.root + "/scripts/testing/smtp-server.py"
        process = try Self.launchPython([script, "--port", String(port), "--spool", spool, "--ready", ready] + options,
                                        ready: ready,
                                        failure: "the test SMTP server did not start on port \(port) (is "
                                            + "python3-aiosmtpd installed? scripts/ensure-deps installs it)")
        return self
    }

    /// Runs a Python test server and waits (15 s at most) until it has written its `ready` file.
    static func launchPython(_ arguments: [String], ready: String, failure: String) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = arguments
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: ready) {
            guard p.isRunning, Date() < deadline else { throw ServerError.didNotStart(failure) }
            usleep(20_000)
        }
        return p
    }

    /// SIGKILL, not SIGTERM: a child started from a test's worker thread inherits its blocked signals.
    func stop() {
        guard let p = process, p.isRunning else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        process = nil
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The raw messages received, in order.
    func received() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: spool)) ?? []).filter { $0.hasSuffix(".eml") }.sorted().map { spool + "/" + $0 }
    }

    enum ServerError: Error, CustomStringConvertible {
        case didNotStart(String)
        var description: String { if case .didNotStart(let m) = self { return m }; return "" }
    }

    static func freePort() throws -> Int {
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(s) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, len) == 0 && getsockname(s, $0, &len) == 0 }
        }
        guard bound else { throw ServerError.didNotStart("no free port") }
        return Int(UInt16(bigEndian: addr.sin_port))
    }
}

/// A message as Python's standard MIME parser reads it.
struct ParsedMail: Decodable {
    var subject: String
    var from: String
    var to: String
    var toName: String
    var toAddress: String
    var messageId: String
    var date: String
    var headerNames: [String]
    var text: String
    var html: String
    /// The attached files as Python's parser decodes them.
    var attachments: [Attachment]
    var defects: [String]

    struct Attachment: Decodable {
        var filename: String
        var contentType: String
        var size: Int
        var sha256: String
    }

    static func parse(_ file: String) throws -> ParsedMail {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = [SMTPTestServer.root + "/scripts/testing/mime-summary.py", file]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return try JSONDecoder().decode(ParsedMail.self, from: data)
    }
}

/// A self-signed certificate for localhost and 127.0.0.1, made with the openssl tool.
struct TestCertificate {
    let cert: String
    let key: String

    init(in folder: String) throws {
        cert = folder + "/cert.pem"
        key = folder + "/key.pem"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        p.arguments = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2",
                       "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
    }
}
