import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A real AF_UNIX datagram socket where the journal's would be, with SO_PASSCRED: the kernel attaches the
/// sender's credentials to each datagram, as it does for journald.
final class JournalSocket {
    let path: String
    let fd: Int32

    init(folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        path = folder + "/journal.sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue | SOCK_CLOEXEC.rawValue), 0)
        var on: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_PASSCRED, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        try #require(bound == 0, "bind \(path): \(String(cString: strerror(errno)))")
    }

    deinit { close(fd) }

    /// The next datagram's fields and the uid the kernel attached, or nil after `seconds`.
    func receive(seconds: Int32 = 5) -> (fields: [String: String], uid: uid_t?)? {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, seconds * 1000) == 1 else { return nil }
        var data = [UInt8](repeating: 0, count: 65536)
        var control = [UInt8](repeating: 0, count: 64)
        let n = data.withUnsafeMutableBytes { dataBytes in
            control.withUnsafeMutableBytes { controlBytes in
                var vector = iovec(iov_base: dataBytes.baseAddress, iov_len: dataBytes.count)
                return withUnsafeMutablePointer(to: &vector) { vectorPointer in
                    var header = msghdr(msg_name: nil, msg_namelen: 0, msg_iov: vectorPointer, msg_iovlen: 1,
                                        msg_control: controlBytes.baseAddress, msg_controllen: controlBytes.count,
                                        msg_flags: 0)
                    return recvmsg(fd, &header, 0)
                }
            }
        }
        guard n > 0 else { return nil }
        // cmsghdr (len: 8 bytes, level, type: 4 each), then struct ucred { pid, uid, gid }.
        let level = control[8..<12].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let type = control[12..<16].withUnsafeBytes { $0.loadUnaligned(as: Int32.self) }
        let scmCredentials: Int32 = 2   // SCM_CREDENTIALS of <bits/socket.h>, which Glibc does not import
        let uid = level == SOL_SOCKET && type == scmCredentials
            ? control[20..<24].withUnsafeBytes { $0.loadUnaligned(as: uid_t.self) } : nil
        return (Self.fields(Array(data.prefix(n))), uid)
    }

    /// The native protocol read back: `KEY=value\n`, or `KEY\n` + 64-bit LE length + value + `\n`.
    static func fields(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        var i = 0
        while i < bytes.count {
            let end = bytes[i...].firstIndex(of: 10) ?? bytes.count
            let line = bytes[i..<end]
            if let eq = line.firstIndex(of: UInt8(ascii: "=")) {
                out[String(decoding: line[..<eq], as: UTF8.self)] = String(decoding: line[(eq + 1)...], as: UTF8.self)
                i = end + 1
            } else {
                let length = Int(bytes[(end + 1)..<(end + 9)].withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
                out[String(decoding: line, as: UTF8.self)] =
                    String(decoding: bytes[(end + 9)..<(end + 9 + length)], as: UTF8.self)
                i = end + 9 + length + 1
            }
        }
        return out
    }
}

@Suite struct JournalMirrorTests {
    @Test func everyAuditEventReachesTheJournalWithTheUidTheKernelSets() throws {
        let db = TempDatabase()
        let journal = try JournalSocket(folder: db.folder)
        let service = ResellerService(store: try Store(path: db.path, journal: Journal(socketPath: journal.path)))
        var form = AccountForm()
        (form.name, form.email, form.country) = ("Journaled", "j@journal.example", "GR")
        let account = try service.createAccount(form, by: staff)
        let entry = try #require(journal.receive(), "no datagram reached the journal's socket")
        #expect(entry.uid == getuid())
        #expect(entry.fields["SYSLOG_IDENTIFIER"] == "resellerdesk")
        #expect(entry.fields["RESELLERDESK_ACTOR"] == "alice" && entry.fields["RESELLERDESK_ACTOR_KIND"] == "staff")
        #expect(entry.fields["RESELLERDESK_ENTITY"] == "account")
        #expect(entry.fields["RESELLERDESK_ENTITY_ID"] == String(account.id))
        #expect(entry.fields["RESELLERDESK_ACTION"] == "create", "\(entry.fields)")
        #expect(entry.fields["MESSAGE"] == "audit: alice create account \(account.id)", "\(entry.fields)")
    }

    @Test func onlyWhatCommitsReachesTheJournal() throws {
        let db = TempDatabase()
        let journal = try JournalSocket(folder: db.folder)
        let store = try Store(path: db.path, journal: Journal(socketPath: journal.path))
        struct Refused: Error {}
        try store.write { tx in
            try tx.audit(staff, "account", 1, "kept", at: Date())
            // One account of a billing run fails: its savepoint, audit row included, is rolled back.
            _ = try? tx.savepoint { () throws -> Void in
                try tx.audit(staff, "account", 2, "rolled back", at: Date())
                throw Refused()
            }
        }
        // A whole transaction rolled back.
        _ = try? store.write { tx in
            try tx.audit(staff, "account", 3, "rolled back", at: Date())
            throw Refused()
        }
        #expect(journal.receive()?.fields["RESELLERDESK_ACTION"] == "kept")
        #expect(journal.receive(seconds: 1) == nil)
    }

    @Test func aValueWithANewlineKeepsItsBytes() {
        let entry = JournalEntry.audit(.storefront(userId: 1, email: "a@b.example"), "contact", 7, "update",
                                       changes: "{\"note\":[null,\"two\\nlines\"]}\nraw")
        #expect(JournalSocket.fields(entry.bytes)["RESELLERDESK_CHANGES"] == "{\"note\":[null,\"two\\nlines\"]}\nraw")
        #expect(JournalSocket.fields(entry.bytes)["RESELLERDESK_ACTOR"] == "a@b.example")
    }

    @Test(.sqliteOnly) func aRestoreReachesTheJournalNamingTheBackup() throws {
        let fx = try Fixture()
        let backup = fx.db.folder + "/nightly.sqlite"
        _ = try fx.service.store.backup(to: backup)
        let journal = try JournalSocket(folder: fx.db.folder + "/j")
        let desk = fx.db.folder + "/restored.sqlite"
        _ = try Store.restore(from: backup, to: desk, by: .staff("alice", viaSudo: true),
                              journal: Journal(socketPath: journal.path))
        let entry = try #require(journal.receive(), "no datagram reached the journal's socket")
        #expect(entry.fields["RESELLERDESK_ACTION"] == "restore" && entry.fields["RESELLERDESK_ENTITY"] == "desk")
        #expect(entry.fields["RESELLERDESK_ACTOR"] == "alice (via sudo)")
        #expect(entry.fields["RESELLERDESK_CHANGES"]?.contains(backup) == true, "\(entry.fields)")
    }

    @Test func anAbsentOrUnreadJournalNeitherFailsNorBlocksTheDesk() throws {
        let db = TempDatabase()
        // Nobody reads this one: a datagram socket queues about ten, then a blocking send would wait forever.
        let unread = try JournalSocket(folder: db.folder)
        for socketPath in [db.folder + "/absent.sock", unread.path] {
            let store = try Store(path: db.path, journal: Journal(socketPath: socketPath))
            let service = ResellerService(store: store, settings: .test)
            let done = DispatchSemaphore(value: 0)
            let finished = Thread {
                for i in 1...40 {
                    var form = AccountForm()
                    (form.name, form.email, form.country) = ("Quiet \(i)", "q\(i)@quiet.example", "GR")
                    _ = try? service.createAccount(form, by: staff)
                }
                done.signal()
            }
            finished.start()
            #expect(done.wait(timeout: .now() + 60) == .success, "desk operations blocked on \(socketPath)")
        }
        #expect(try Store(path: db.path, journal: .none).read { tx in try tx.tableCounts() }
                    .first { $0.table == "accounts" }?.rows == 80)
    }
}
