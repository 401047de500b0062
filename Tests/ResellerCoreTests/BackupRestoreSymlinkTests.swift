import Foundation
import GRDB
import Testing
import DeskTestSupport
@testable import ResellerCore

/// Backup and restore in a folder that group members can write (no sticky bit): a symlink a member plants
/// before or during the copy must change nothing outside the desk. Real files, real symlinks; the member
/// acts at the moment it could (`whileCopied`, the end of the long copy) instead of racing a thread.
@Suite(.sqliteOnly) struct BackupRestoreSymlinkTests {
    /// A team desk in a 2770 folder, a checked backup of a desk with one account, and a victim file outside.
    struct SharedDesk {
        let fx: Fixture   // keeps the temporary folder alive
        let folder: String
        let desk: String
        let backup: String
        let victim: String

        init() throws {
            fx = try Fixture()
            var form = AccountForm()
            (form.name, form.email, form.country) = ("Kept In The Backup", "kept@backup.example", "GR")
            _ = try fx.service.createAccount(form, by: staff)
            folder = fx.db.folder + "/desk"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            chmod(folder, 0o2770)
            desk = folder + "/desk.sqlite"
            _ = try Store(path: desk).integrityCheck()   // an empty desk, closed again
            backup = fx.db.folder + "/nightly.sqlite"
            _ = try fx.service.store.backup(to: backup)
            victim = fx.db.folder + "/victim"
            try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
            chmod(victim, 0o644)
        }

        /// What a member does in the folder: takes the partial file away and leaves a symlink in its place.
        func swapForSymlink(_ partial: String) {
            rename(partial, partial + ".taken")
            symlink(victim, partial)
        }

        func victimUntouched() -> Bool {
            (try? String(contentsOfFile: victim, encoding: .utf8)) == "precious\n" && mode(victim) == 0o644
                && owner(victim) == getuid()
        }
    }

    static func lstatOf(_ path: String) -> stat? {
        var info = stat()
        return lstat(path, &info) == 0 ? info : nil
    }

    static func mode(_ path: String) -> mode_t { (lstatOf(path)?.st_mode ?? 0) & 0o7777 }
    static func owner(_ path: String) -> uid_t { lstatOf(path)?.st_uid ?? 4_294_967_295 }
    static func isRegular(_ path: String) -> Bool { (lstatOf(path)?.st_mode ?? 0) & S_IFMT == S_IFREG }

    static func accounts(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM accounts") ?? -1 }
    }

    @Test func aBackupThatIsASymlinkIsRefusedNamingIt() throws {
        let d = try SharedDesk()
        let link = d.fx.db.folder + "/latest.sqlite"
        symlink(d.backup, link)
        let error = try #require(throws: ServiceError.self) { try Store.restore(from: link, to: d.desk, by: staff) }
        #expect(error.description.contains("\(link) is a symbolic link"), "\(error)")
        #expect(Self.isRegular(d.desk))
        #expect(try Self.accounts(d.desk) == 0)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: d.folder))
        #expect(names.isSubset(of: ["desk.sqlite", "desk.sqlite-wal", "desk.sqlite-shm"]), "\(names)")
    }

    @Test(.enabled(if: getuid() == 0, "needs root: proves what root's restore (sudo resellerdesk restore) does"))
    func aRestoreAsRootWhoseCopyIsSwappedForASymlinkChangesNothingOutside() throws {
        let d = try SharedDesk()
        for suffix in ["", "-wal", "-shm"] { chown(d.desk + suffix, 65534, 65534) }   // the desk's owner
        let error = try #require(throws: ServiceError.self) {
            try Store.restore(from: d.backup, to: d.desk, by: staff, whileCopied: d.swapForSymlink)
        }
        #expect(error.description.contains("was replaced"), "\(error)")
        #expect(d.victimUntouched(), "mode \(String(Self.mode(d.victim), radix: 8)), owner \(Self.owner(d.victim))")
        #expect(Self.isRegular(d.desk) && Self.owner(d.desk) == 65534)
        #expect(try Self.accounts(d.desk) == 0)   // the desk as it was
    }

    @Test(.enabled(if: getuid() == 0, "needs root: proves what root's restore (sudo resellerdesk restore) does"))
    func aRestoreAsRootOverAPlantedPartialNameChangesNothingOutside() throws {
        let d = try SharedDesk()
        let planted = d.desk + ".restoring-\(getpid())"
        symlink(d.victim, planted)
        let error = try #require(throws: ServiceError.self) { try Store.restore(from: d.backup, to: d.desk, by: staff) }
        #expect(error.description.contains("\(planted) is in the way"), "\(error)")
        #expect(d.victimUntouched())
        #expect(try Self.accounts(d.desk) == 0)
    }

    @Test(.enabled(if: getuid() == 0, "needs root: proves what root's restore (sudo resellerdesk restore) does"))
    func aRestoreAsRootKeepsTheDesksOwnerAndGroupMode() throws {
        let d = try SharedDesk()
        for suffix in ["", "-wal", "-shm"] { chown(d.desk + suffix, 65534, 65534) }
        let old = umask(0o077)
        defer { umask(old) }
        var modeWhileCopied: mode_t = 0
        let report = try Store.restore(from: d.backup, to: d.desk, by: staff,
                                       whileCopied: { modeWhileCopied = Self.mode($0) })
        #expect(modeWhileCopied == 0o600)   // nobody else may open the copy before it is complete
        #expect(Self.isRegular(d.desk) && Self.mode(d.desk) == 0o660 && Self.owner(d.desk) == 65534)
        // Recording the restore opened the desk as root: SQLite gives its -wal and -shm the desk's owner.
        for suffix in ["-wal", "-shm"] { #expect(Self.owner(d.desk + suffix) == 65534, "\(suffix)") }
        #expect(try Self.accounts(d.desk) == 1)
        #expect(report.replacedKeptAt.map(Self.isRegular) == true)
    }

    @Test func aBackupWhoseCopyIsSwappedForASymlinkChangesNothingOutside() throws {
        let d = try SharedDesk()
        let target = d.fx.db.folder + "/swapped.sqlite"
        let error = try #require(throws: ServiceError.self) {
            try d.fx.service.store.backup(to: target, whileCopied: d.swapForSymlink)
        }
        #expect(error.description.contains("was replaced"), "\(error)")
        #expect(d.victimUntouched(), "mode \(String(Self.mode(d.victim), radix: 8))")
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aBackupOverAPlantedPartialNameChangesNothingOutside() throws {
        let d = try SharedDesk()
        let target = d.fx.db.folder + "/planted.sqlite"
        let planted = target + ".part-\(getpid())"
        symlink(d.victim, planted)
        let error = try #require(throws: ServiceError.self) { try d.fx.service.store.backup(to: target) }
        #expect(error.description.contains("\(planted) is in the way"), "\(error)")
        #expect(d.victimUntouched())
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func aBackupIsCreated0640FromTheStart() throws {
        let d = try SharedDesk()
        let old = umask(0o022)   // SQLite would create 0644
        defer { umask(old) }
        var modeWhileCopied: mode_t = 0
        let target = d.fx.db.folder + "/fresh.sqlite"
        _ = try d.fx.service.store.backup(to: target, whileCopied: { modeWhileCopied = Self.mode($0) })
        #expect(modeWhileCopied == 0o640)
        #expect(Self.mode(target) == 0o640 && Self.isRegular(target))
    }

    @Test func aRestoreIsRecordedInTheRestoredDesksAudit() throws {
        let d = try SharedDesk()
        let report = try Store.restore(from: d.backup, to: d.desk, by: .staff("alice", viaSudo: true))
        let row = try DatabaseQueue(path: d.desk).read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM audit_events WHERE entity = 'desk' ORDER BY id DESC LIMIT 1")
        }
        #expect(row?["actor"] == "alice (via sudo)" && row?["action"] == "restore", "\(String(describing: row))")
        let changes = (row?["changes"] as String?) ?? ""
        #expect(changes.contains(d.backup), "\(changes)")
        #expect(changes.contains(report.replacedKeptAt ?? "no replaced desk"), "\(changes)")
    }

    /// A PostgreSQL desk is restored with the server's tools: `restore` says so before making anything, and
    /// without the URL's password (it tried to create "postgresql://…:s3cret@…restoring-PID" and said so).
    @Test func restoreOnAPostgreSQLDeskIsRefusedWithoutItsPassword() throws {
        let desk = try SharedDesk()
        let url = "postgresql://clerk:s3cret@db.example:5432/desk"
        #expect {
            _ = try Store.restore(from: desk.backup, to: url, by: staff)
        } throws: { error in
            let said = "\(error)"
            return said.contains("restore is for a SQLite desk; on PostgreSQL use the server's own tools")
                && !said.contains("s3cret")
        }
    }
}
