import Foundation

/// The system journal, where every audit event is mirrored (#21): its native socket, to which the kernel
/// attaches the sender's uid and pid (`_UID`, `_PID`), which no member of the desk's group can forge as they
/// can a row of the shared database. Sending never blocks nor fails a desk operation: without a journal (a
/// container, a test machine) or with its socket full, the event is in the database only.
public struct Journal: Sendable {
    /// The socket; nil sends nothing.
    public let socketPath: String?

    public init(socketPath: String?) { self.socketPath = socketPath }

    public static let system = Journal(socketPath: "/run/systemd/journal/socket")
    public static let none = Journal(socketPath: nil)

    func send(_ entries: [JournalEntry]) {
        guard let socketPath, !entries.isEmpty else { return }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path) }
        // Non-blocking: a datagram socket nobody reads fills after a few datagrams and would then block.
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        for entry in entries {
            let bytes = entry.bytes
            _ = bytes.withUnsafeBytes { buffer in
                withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL),
                               $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                    }
                }
            }
        }
    }
}

/// The audit events of one write transaction, sent to the journal once it has committed: a change rolled
/// back (whole, or one savepoint of it) never happened, so it is not in the journal either.
final class JournalBuffer {
    var entries: [JournalEntry] = []
}
