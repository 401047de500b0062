import Foundation
import ResellerCore

/// Delivers into a Maildir folder: written under tmp/, then renamed into new/, so a mail reader never
/// sees half a message. The embedded default: a new user reads the activation email with no mail server.
struct MaildirTransport: MailTransport {
    let folder: String
    private static let host = ProcessInfo.processInfo.hostName.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ":", with: "_")

    mutating func send(_ message: OutgoingMessage) -> SendResult {
        // In a group-writable folder (a team desk's /var/lib/resellerdesk) the Maildir is the group's: the
        // deliverer service and a staff member running `mail test` must both write it, whatever their umask.
        let parent = (folder as NSString).deletingLastPathComponent
        if access(parent, F_OK) != 0 {
            try? FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true,
                                                     attributes: [.posixPermissions: 0o700])
        }
        let shared = DeskAccess.newFileMode(folder: parent) == 0o660 || DeskAccess.newFileMode(folder: folder) == 0o660
        for dir in [folder, folder + "/tmp", folder + "/new", folder + "/cur"] where access(dir, F_OK) != 0 {
            let mode: mode_t = shared ? 0o2770 : 0o700
            guard mkdir(dir, mode) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                return .temporary("cannot create the Maildir \(dir): \(reason)", connectionLost: true)
            }
            chmod(dir, mode)
        }
        let now = Date().timeIntervalSince1970
        let name = "\(Int(now)).M\(Int((now - now.rounded(.down)) * 1_000_000))P\(getpid())Q\(message.outboxId).\(Self.host)"
        let tmp = "\(folder)/tmp/\(name)", new = "\(folder)/new/\(name)"
        let mode: mode_t = shared ? 0o660 : 0o600
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY, mode)
        guard fd >= 0 else { return .temporary("cannot write \(tmp): \(String(cString: strerror(errno)))", connectionLost: true) }
        fchmod(fd, mode)
        let ok = Self.localLineEndings(message.data).withUnsafeBytes { p in
            Glibc.write(fd, p.baseAddress, p.count) == p.count
        } && fsync(fd) == 0
        Glibc.close(fd)
        guard ok, rename(tmp, new) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(tmp)
            return .temporary("cannot write into the Maildir \(folder): \(reason)", connectionLost: true)
        }
        return .sent
    }

    mutating func close() {}

    /// A message as a Maildir file holds it: lines end in LF, the local convention that mail readers expect
    /// (mutt shows `^M` on every header otherwise). CRLF is SMTP's wire format, which the other transports keep.
    static func localLineEndings(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var pendingCR = false
        for byte in data {
            if pendingCR && byte != 0x0A { out.append(0x0D) }
            pendingCR = byte == 0x0D
            if !pendingCR { out.append(byte) }
        }
        if pendingCR { out.append(0x0D) }
        return out
    }
}
