import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import ResellerCore
@testable import Storefront

/// Slow clients are cut (#13 item 8): a connection that sends nothing, or its request head a byte at a time,
/// is closed after the idle timeout; one that trickles its body, after the body timeout from its head.
@Suite struct SlowClientTests {
    /// A blocking TCP connection to 127.0.0.1, as a slow client holds one.
    final class Connection: Sendable {
        let fd: Int32

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let rc = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            try #require(rc == 0)
            var patience = timeval(tv_sec: 20, tv_usec: 0)   // a test that fails does so in 20 s, not never
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        func send(_ text: String) { _ = text.withCString { Glibc.send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) } }

        /// Seconds until the server closed the connection, and what it sent first; nil if it did not close.
        func untilClosed() async -> (seconds: Double, received: String)? {
            await onOwnThread { [fd] in
                let start = Date()
                var buffer = [UInt8](repeating: 0, count: 4096), received: [UInt8] = []
                while true {
                    let n = recv(fd, &buffer, buffer.count, 0)
                    if n > 0 { received += buffer[0..<n]; continue }
                    guard n == 0 || errno == ECONNRESET else { return nil }
                    return (Date().timeIntervalSince(start), String(decoding: received, as: UTF8.self))
                }
            }
        }
    }

    static func app(_ fx: StorefrontFixture, idleTimeout: Int) throws -> some ApplicationProtocol {
        var settings = ServiceSettings.test
        settings.idleTimeout = idleTimeout
        let server = try StorefrontServer(service: ResellerService(store: fx.service.store, settings: settings))
        return server.application(host: "127.0.0.1", port: 0, logger: Logger(label: "slow-client-test"),
                                  bodyTimeout: .seconds(2))
    }

    @Test func idleConnectionsAndSlowHeadsAreClosedAfterTheIdleTimeout() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await Self.app(fx, idleTimeout: 1).test(.live) { client in
            let port = try #require(client.port)
            let idle = try Connection(port: port), slowHead = try Connection(port: port)
            slowHead.send("GET /login HTTP/1.1\r\nHost: x\r\n")         // never finishes its head
            async let idleClosed = idle.untilClosed(), slowHeadClosed = slowHead.untilClosed()
            let closed = await [idleClosed?.seconds, slowHeadClosed?.seconds]
            #expect(closed.allSatisfy { $0 != nil && $0! < 5 })
            // Pages still answer.
            let page = try Connection(port: port)
            page.send("GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(await page.untilClosed()?.received.hasPrefix("HTTP/1.1 200") == true)
        }
    }

    @Test func aTrickledBodyIsCutAfterTheBodyTimeout() async throws {
        let fx = try StorefrontFixture()
        defer { fx.cleanUp() }
        try await Self.app(fx, idleTimeout: 10).test(.live) { client in
            let port = try #require(client.port)
            let slow = try Connection(port: port)
            slow.send("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                      + "Content-Length: 1000\r\n\r\nemail=")
            let start = Date()
            // A byte every 0.3 s: well inside the 10 s idle timeout, so only the body timeout can stop it.
            Thread.detachNewThread {
                for _ in 0..<50 {
                    Thread.sleep(forTimeInterval: 0.3)
                    slow.send("a")
                }
            }
            let closed = await slow.untilClosed()
            let elapsed = Date().timeIntervalSince(start)
            #expect(closed != nil)
            #expect(elapsed > 1.5 && elapsed < 8)                       // the 2 s body timeout, not the 15 s trickle
        }
    }
}
