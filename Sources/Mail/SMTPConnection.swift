import CTLS
import Foundation

/// One SMTP connection: a TCP socket with timeouts, optionally wrapped in TLS (implicit, or after
/// STARTTLS), reading multi-line replies. Certificates are verified against the system's CAs (or a CA
/// file) and the host name.
final class SMTPConnection {
    struct Reply {
        var code: Int
        var lines: [String]
        var text: String { "\(code) " + lines.joined(separator: " ") }
    }

    enum Failure: Error, CustomStringConvertible {
        case connection(String)
        var description: String { if case .connection(let m) = self { return m }; return "" }
    }

    private var fd: Int32 = -1
    private var tls: OpaquePointer?
    private var buffer: [UInt8] = []
    let host: String

    init(host: String, port: Int, timeout: TimeInterval) throws {
        self.host = host
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_family = AF_UNSPEC
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw Failure.connection("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var ai: UnsafeMutablePointer<addrinfo>? = first
        while let a = ai {
            let s = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            if s >= 0 {
                if SMTPConnection.connect(s, a.pointee.ai_addr, a.pointee.ai_addrlen, timeout: timeout) {
                    var tv = timeval(tv_sec: Int(timeout), tv_usec: 0)
                    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    setsockopt(s, SOL_SOCKET, SO_SNDTIMEO, &tv, socklen_t(MemoryLayout<timeval>.size))
                    fd = s
                    return
                }
                lastError = String(cString: strerror(errno))
                Glibc.close(s)
            }
            ai = a.pointee.ai_next
        }
        throw Failure.connection("cannot connect to \(host):\(port): \(lastError)")
    }

    /// Non-blocking connect with a deadline.
    private static func connect(_ s: Int32, _ addr: UnsafeMutablePointer<sockaddr>?, _ len: socklen_t, timeout: TimeInterval) -> Bool {
        let flags = fcntl(s, F_GETFL, 0)
        _ = fcntl(s, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(s, F_SETFL, flags) }
        if Glibc.connect(s, addr, len) == 0 { return true }
        guard errno == EINPROGRESS else { return false }
        var p = pollfd(fd: s, events: Int16(POLLOUT), revents: 0)
        guard poll(&p, 1, Int32(timeout * 1000)) == 1 else { errno = ETIMEDOUT; return false }
        var err: Int32 = 0
        var errLen = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &errLen)
        errno = err
        return err == 0
    }

    /// Wraps the socket in TLS and verifies the server's certificate for `host`.
    func startTLS(caFile: String?) throws {
        // Whatever was read in plaintext but not yet consumed came before the handshake, so anyone on the
        // path could have written it; read after the switch, it would pass for the server's replies.
        guard buffer.isEmpty else {
            throw Failure.connection("\(host) sent \(buffer.count) bytes after its STARTTLS reply, before TLS began: "
                                     + "refusing them (they may have been injected on the way)")
        }
        var reason = [CChar](repeating: 0, count: 256)
        guard let t = rd_tls_connect(fd, host, caFile, &reason, reason.count) else {
            throw Failure.connection("TLS handshake with \(host) failed: \(String(cString: reason))")
        }
        tls = t
    }

    func write(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { p -> Int in
                if let tls { return Int(rd_tls_write(tls, p.baseAddress, Int32(p.count))) }
                return Glibc.send(fd, p.baseAddress, p.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { throw Failure.connection("lost the connection to \(host) while sending") }
            offset += n
        }
    }

    func send(_ line: String) throws { try write(Array((line + "\r\n").utf8)) }

    private func readLine() throws -> String {
        while true {
            if let i = buffer.firstIndex(of: 10) {
                let line = buffer[..<i]
                buffer.removeFirst(i + 1)
                return String(decoding: line.last == 13 ? line.dropLast() : line, as: UTF8.self)
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = chunk.withUnsafeMutableBytes { p -> Int in
                if let tls { return Int(rd_tls_read(tls, p.baseAddress, Int32(p.count))) }
                return Glibc.recv(fd, p.baseAddress, p.count, 0)
            }
            guard n > 0 else {
                throw Failure.connection(n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
                                         ? "\(host) did not answer in time" : "\(host) closed the connection")
            }
            buffer += chunk[..<n]
            if buffer.count > 64 * 1024 { throw Failure.connection("\(host) sent an over-long reply") }
        }
    }

    /// Reads one reply, all its "250-…" continuation lines included.
    func reply() throws -> Reply {
        var lines: [String] = []
        while true {
            let line = try readLine()
            guard line.count >= 3, let code = Int(line.prefix(3)) else {
                throw Failure.connection("\(host) answered something that is not SMTP: \(line.prefix(80))")
            }
            lines.append(String(line.dropFirst(4)))
            if line.count == 3 || line[line.index(line.startIndex, offsetBy: 3)] == " " {
                return Reply(code: code, lines: lines)
            }
        }
    }

    func command(_ line: String) throws -> Reply {
        try send(line)
        return try reply()
    }

    func close() {
        if let tls { rd_tls_close(tls) }
        tls = nil
        if fd >= 0 { Glibc.close(fd) }
        fd = -1
    }

    deinit { close() }
}
