import Foundation
import Testing
@testable import Mail
import ResellerCore

/// An SMTP server that plays a man in the middle at STARTTLS: right after its "220" it appends a forged
/// EHLO reply in plaintext, then does a real TLS handshake. The forged reply answers the client's first
/// command after TLS (so the server swallows that command), which keeps the dialogue in step: a client
/// that reads replies from its plaintext buffer after the switch goes on to deliver, believing the
/// forged extension list.
final class InjectingSMTPServer {
    let folder: String
    let port: Int
    var delivered: String { folder + "/delivered" }
    private var process: Process?

    static let script = #"""
        import socket, ssl, sys
        cert, key, port, ready, delivered = sys.argv[1:6]
        srv = socket.socket()
        srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        srv.bind(("127.0.0.1", int(port)))
        srv.listen(4)
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(cert, key)
        open(ready, "w").write("ok")

        def line(s):
            out = b""
            while not out.endswith(b"\n"):
                b = s.recv(1)
                if not b:
                    raise EOFError
                out += b
            return out.decode("utf-8", "replace").strip()

        def serve(conn):
            conn.sendall(b"220 mitm.example ESMTP\r\n")
            while True:
                cmd = line(conn).upper()
                if cmd.startswith("EHLO"):
                    conn.sendall(b"250-mitm.example\r\n250 STARTTLS\r\n")
                elif cmd == "STARTTLS":
                    conn.sendall(b"220 go ahead\r\n250-injected.example\r\n250 8BITMIME\r\n")
                    break
                else:
                    conn.sendall(b"503 STARTTLS first\r\n")
            s = ctx.wrap_socket(conn, server_side=True)
            line(s)   # the forged reply above already answered this one
            while True:
                cmd = line(s).upper()
                if cmd.startswith("DATA"):
                    s.sendall(b"354 go on\r\n")
                    while line(s) != ".":
                        pass
                    open(delivered, "a").write("one\n")
                    s.sendall(b"250 accepted\r\n")
                elif cmd.startswith("QUIT"):
                    s.sendall(b"221 bye\r\n")
                    return
                else:
                    s.sendall(b"250 ok\r\n")

        while True:
            c, _ = srv.accept()
            try:
                serve(c)
            except Exception:
                pass
            finally:
                c.close()
        """#

    init() throws {
        folder = NSTemporaryDirectory() + "resellerdesk-mitm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        port = try SMTPTestServer.freePort()
    }

    func start(_ cert: TestCertificate) throws {
        let script = folder + "/mitm.py", ready = folder + "/ready"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        process = try SMTPTestServer.launchPython([script, cert.cert, cert.key, String(port), ready, delivered],
                                                  ready: ready, failure: "the injecting SMTP server did not start")
    }

    deinit {
        // SIGKILL: a child started from a test's worker thread inherits its blocked SIGTERM.
        if let p = process, p.isRunning { kill(p.processIdentifier, SIGKILL); p.waitUntilExit() }
        try? FileManager.default.removeItem(atPath: folder)
    }
}

@Suite(.serialized) struct TLSSwitchTests {
    @Test func bytesAppendedAfterTheSTARTTLSReplyMakeTheSendFail() throws {
        let fx = try MailFixture()
        let server = try InjectingSMTPServer()
        let cert = try TestCertificate(in: server.folder)
        try server.start(cert)
        try fx.invite("mitm@nefos.example")
        let settings = try fx.smtp(server: server.port, ["smtp.host": "localhost", "smtp.security": "starttls",
                                                         "smtp.ca_file": cert.cert])
        #expect(try Deliverer(service: fx.service, settings: settings).deliverDue().retrying == 1)
        #expect(try fx.status("mitm@nefos.example").lastError?.contains("STARTTLS") == true)
        #expect(!FileManager.default.fileExists(atPath: server.delivered))
    }

    /// "127.1" is 127.0.0.1 to the resolver but not an address OpenSSL can parse, so no identity could be
    /// checked: the connection must be refused, not made with the CA check alone.
    @Test func aHostOpenSSLCannotParseFailsClosed() throws {
        let fx = try MailFixture()
        let server = try SMTPTestServer()
        let cert = try TestCertificate(in: server.folder)
        try server.start(["--tls", cert.cert, cert.key])
        try fx.invite("closed@nefos.example")
        let settings = try fx.smtp(server, ["smtp.host": "127.1", "smtp.security": "tls", "smtp.ca_file": cert.cert])
        #expect(try Deliverer(service: fx.service, settings: settings).deliverDue().retrying == 1)
        #expect(try fx.status("closed@nefos.example").lastError?.contains("identity") == true)
        #expect(server.received().isEmpty)
    }
}

extension MailFixture {
    func smtp(server port: Int, _ extra: [String: String]) throws -> MailSettings {
        try settings(["mail.transport": "smtp", "smtp.host": "127.0.0.1", "smtp.port": String(port),
                      "smtp.timeout_seconds": "5", "mail.from": "Cloud Desk <desk@distributor.example>"]
            .merging(extra) { $1 })
    }
}
