import Foundation

/// Delivers into a Maildir folder: written under tmp/, then renamed into new/, so a mail reader never
/// sees half a message. The embedded default: a new user reads the activation email with no mail server.
struct MaildirTransport: MailTransport {
    let folder: String
    private static let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_")

    mutating func send(_ message: OutgoingMessage) -> SendResult {
        let fm = FileManager.default
        do {
            for sub in ["tmp", "new", "cur"] {
                try fm.createDirectory(atPath: "\(folder)/\(sub)", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
        } catch {
            return .temporary("cannot create the Maildir \(folder): \(error.localizedDescription)", connectionLost: true)
        }
        let now = Date().timeIntervalSince1970
        let name = "\(Int(now)).M\(Int((now - now.rounded(.down)) * 1_000_000))P\(getpid())Q\(message.outboxId).\(Self.host)"
        let tmp = "\(folder)/tmp/\(name)", new = "\(folder)/new/\(name)"
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else { return .temporary("cannot write \(tmp): \(String(cString: strerror(errno)))", connectionLost: true) }
        let ok = message.data.withUnsafeBytes { p in Glibc.write(fd, p.baseAddress, p.count) == p.count } && fsync(fd) == 0
        Glibc.close(fd)
        guard ok, rename(tmp, new) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            return .temporary("cannot write into the Maildir \(folder): \(reason)", connectionLost: true)
        }
        return .sent
    }

    mutating func close() {}
}
