import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// The parts of a team desk that one process can prove: who is recorded, the modes of the files the desk
/// creates, backups and restores. (Real logins in a group: scripts/testing/team-desk.sh.)
@Suite struct TeamDeskTests {
    let logins: [uid_t: String] = [0: "root", 1001: "alice", 1002: "bob"]

    @Test func theActorIsTheRealUserNotTheEnvironment() {
        let lookup: (uid_t) -> String? = { logins[$0] }
        // bob sets SUDO_USER=alice by hand: he is not root, so he is still bob.
        #expect(Actor.staff(uid: 1002, environment: ["SUDO_USER": "alice", "USER": "alice"], loginOf: lookup)
                    .description == "bob")
        // Root through sudo: the login that ran sudo, said so.
        let viaSudo = Actor.staff(uid: 0, environment: ["SUDO_USER": "alice"], loginOf: lookup)
        #expect(viaSudo.description == "alice (via sudo)")
        #expect(viaSudo.login == "alice")   // an account manager is a login
        #expect(Actor.staff(uid: 0, environment: [:], loginOf: lookup).description == "root")
        #expect(Actor.staff(uid: 0, environment: ["SUDO_USER": ""], loginOf: lookup).description == "root")
        #expect(Actor.staff(uid: 4242, environment: [:], loginOf: lookup).description == "uid 4242")
    }

    /// The least a new account needs: a name, an email and a country.
    func form(_ name: String, _ email: String) -> AccountForm {
        var form = AccountForm()
        form.name = name
        form.email = email
        form.country = "GR"
        return form
    }

    @Test func anAccountCreatedViaSudoIsManagedByTheLoginAndAuditedAsViaSudo() throws {
        let fx = try Fixture()
        let account = try fx.service.createAccount(form("Sudo Made", "s@sudo.example"),
                                                   by: .staff("alice", viaSudo: true))
        #expect(account.fields.accountManager == "alice")
        let trail = try fx.service.accountDetail(account.id).audit
        #expect(trail.first?.actor == "alice (via sudo)")
    }

    func mode(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test(.sqliteOnly) func aGroupFolderGetsGroupWritableFilesWhateverTheUmask() throws {
        let db = TempDatabase()
        let shared = db.folder + "/desk"
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true)
        chmod(shared, 0o2770)
        let old = umask(0o077)   // the strictest umask a staff login may have
        defer { umask(old) }
        let store = try Store(path: shared + "/desk.sqlite")
        _ = try store.integrityCheck()
        for suffix in ["", "-wal", "-shm"] {
            #expect(mode(shared + "/desk.sqlite" + suffix) == 0o660, "\(suffix)")
        }
        // A private folder keeps the desk private.
        let mine = db.folder + "/mine"
        try FileManager.default.createDirectory(atPath: mine, withIntermediateDirectories: true)
        chmod(mine, 0o700)
        umask(0o022)
        _ = try Store(path: mine + "/desk.sqlite").integrityCheck()
        for suffix in ["", "-wal", "-shm"] {
            #expect(mode(mine + "/desk.sqlite" + suffix) == 0o600, "\(suffix)")
        }
    }

    @Test(.sqliteOnly) func aBackupIsOneCheckedSelfContainedFile() throws {
        let fx = try Fixture()
        _ = try fx.service.createAccount(form("Before Backup", "b@backup.example"), by: staff)
        let copy = fx.db.folder + "/copy.sqlite"
        let report = try fx.service.store.backup(to: copy)
        #expect(report.integrity == "ok")
        #expect(report.counts.first { $0.table == "accounts" }?.rows == 1)
        #expect(mode(copy) == 0o640)
        #expect(!FileManager.default.fileExists(atPath: copy + "-wal"))   // one self-contained file
        #expect(report.bytes > 0)
        // Refused while another process holds the desk, and a restore itself: DeskCommandsTests (processes).
    }

    @Test(.sqliteOnly) func aRestoreRefusesWhatIsNotABackup() throws {
        let db = TempDatabase()
        try FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        try "not a database".write(toFile: db.folder + "/junk", atomically: true, encoding: .utf8)
        #expect(throws: ServiceError.self) { try Store.restore(from: db.folder + "/junk", to: db.path, by: staff) }
        #expect(throws: ServiceError.self) { try Store.restore(from: db.folder + "/missing", to: db.path, by: staff) }
        #expect(!FileManager.default.fileExists(atPath: db.path))
    }

    @Test func prunesAllButTheNewestCopies() throws {
        let db = TempDatabase()
        try FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        let names = ["desk-20261101-020000.sqlite", "desk-20261102-020000.sqlite", "desk-20261103-020000.sqlite",
                     "other.sqlite"]
        for n in names { FileManager.default.createFile(atPath: db.folder + "/" + n, contents: Data()) }
        let removed = Store.pruneBackups(in: db.folder, keep: 2)
        #expect(removed == [db.folder + "/desk-20261101-020000.sqlite"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: db.folder))
                    == ["desk-20261102-020000.sqlite", "desk-20261103-020000.sqlite", "other.sqlite"])
    }

    @Test func sizesAndAgesReadExactly() {
        #expect(Format.size(512) == "512 B")
        #expect(Format.size(167_936) == "164.0 KiB")
        #expect(Format.size(5 * 1024 * 1024 + 512 * 1024) == "5.5 MiB")
        #expect(Format.age(45) == "45 s")
        #expect(Format.age(3 * 3600) == "3 h")
        #expect(Format.age(3 * 86400) == "3 days")
    }
}
