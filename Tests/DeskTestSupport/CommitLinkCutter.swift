import Foundation
import Glibc
import Synchronization

/// A TCP relay on 127.0.0.1 between a PostgreSQL client and the test server that cuts the link at the first
/// COMMIT it carries: what a dropped network does to a write at its worst moment. The client connects to
/// `port`; every connection is relayed as it is until the cut.
public final class CommitLinkCutter: Sendable {
    public enum Cut: Sendable {
        /// COMMIT never reaches the server, and the server's side of the link stays open, as a link that died
        /// silently leaves it: the server's session waits, idle in the transaction, until it is ended.
        case beforeTheServer
        /// The server gets COMMIT and commits; its answer never reaches the client.
        case beforeTheAnswer
    }

    public let port: Int
    private let relay: Relay

    /// `turnsAwayAfterTheCut`: from the cut on, each new connection is closed at once, as by a server that cannot
    /// be reached, until `letThrough()`.
    public init(toServerPort serverPort: Int, cut: Cut, turnsAwayAfterTheCut: Bool = false) throws {
        relay = try Relay(serverPort: serverPort, cut: cut, turnsAwayAfterTheCut: turnsAwayAfterTheCut)
        port = relay.port
    }

    /// Every link ends: the server's sessions see their clients go.
    deinit { relay.shutDown() }

    /// Whether the link has been cut.
    public var hasCut: Bool { relay.state.withLock { $0.hasCut } }

    /// The connections closed at once since the cut.
    public var turnedAway: Int { relay.state.withLock { $0.turnedAway } }

    /// New connections are relayed again.
    public func letThrough() { relay.state.withLock { $0.turnsAway = false } }
}

/// The listener and the links, apart from `CommitLinkCutter` so that its threads, which hold them, do not keep
/// the cutter alive: the test's end (the cutter's deinit) is what shuts them down.
private final class Relay: Sendable {
    let port: Int
    private let serverPort: Int
    private let cut: CommitLinkCutter.Cut
    private let turnsAwayAfterTheCut: Bool
    private let listener: Int32
    let state = Mutex(State())

    struct State {
        var hasCut = false
        var turnsAway = false
        var turnedAway = 0
        /// Shut down at the end, never closed: a relay thread may still hold one, and a closed number can be
        /// reused by any file the test process opens next. A test's few sockets end with the process.
        var sockets: [Int32] = []
    }

    /// The simple-query message libpq sends for `COMMIT`: 'Q', its length (4 + 7), the text and its NUL.
    private static let commit: [UInt8] = [UInt8(ascii: "Q"), 0, 0, 0, 11] + Array("COMMIT".utf8) + [0]

    init(serverPort: Int, cut: CommitLinkCutter.Cut, turnsAwayAfterTheCut: Bool) throws {
        self.serverPort = serverPort
        self.cut = cut
        self.turnsAwayAfterTheCut = turnsAwayAfterTheCut
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard listener >= 0, bound == 0, listen(listener, 16) == 0 else {
            throw PostgresServerError("the relay could not listen on 127.0.0.1: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in
            while true {
                let client = accept(listener, nil, nil)
                guard client >= 0 else {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    return   // shut down
                }
                let turnedAway = state.withLock { state in
                    if state.turnsAway { state.turnedAway += 1 }
                    return state.turnsAway
                }
                if turnedAway {
                    close(client)   // never given to a relay thread, so its number is free to reuse
                } else {
                    link(client)
                }
            }
        }
    }

    func shutDown() {
        shutdown(listener, Int32(SHUT_RDWR))
        for socket in state.withLock({ $0.sockets }) {
            shutdown(socket, Int32(SHUT_RDWR))
        }
    }

    private func link(_ client: Int32) {
        let server = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = Self.loopback(port: serverPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(server, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        state.withLock { $0.sockets += [client, server] }
        guard connected == 0 else {
            shutdown(client, Int32(SHUT_RDWR))
            return
        }
        // Set (before COMMIT is passed on) when the server's next bytes are COMMIT's answer, to be dropped.
        let swallowsTheAnswer = Mutex(false)
        Thread.detachNewThread { [self] in
            var seen: [UInt8] = []
            while let chunk = Self.read(client) {
                // The message may come split across reads: look at the end of the last one too.
                seen = Array((seen + chunk).suffix(chunk.count + Self.commit.count))
                if seen.firstRange(of: Self.commit) != nil, takeTheCut() {
                    switch cut {
                    case .beforeTheServer:
                        shutdown(client, Int32(SHUT_RDWR))
                        return
                    case .beforeTheAnswer:
                        swallowsTheAnswer.withLock { $0 = true }
                    }
                }
                guard Self.write(chunk, to: server) else { break }
            }
            shutdown(server, Int32(SHUT_RDWR))
        }
        Thread.detachNewThread {
            while let chunk = Self.read(server) {
                if swallowsTheAnswer.withLock({ $0 }) { break }
                guard Self.write(chunk, to: client) else { break }
            }
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(server, Int32(SHUT_RDWR))
        }
    }

    /// True for the first COMMIT only; from then on new connections are turned away if the relay was made so.
    private func takeTheCut() -> Bool {
        state.withLock { state in
            defer { state.hasCut = true }
            if !state.hasCut && turnsAwayAfterTheCut { state.turnsAway = true }
            return !state.hasCut
        }
    }

    private static func read(_ socket: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(socket, $0.baseAddress, $0.count) }
        return count > 0 ? Array(buffer[..<count]) : nil
    }

    private static func write(_ bytes: [UInt8], to socket: Int32) -> Bool {
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes { send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
