import Foundation
import Testing
import DeskTestSupport

/// A full disk (the database capped with storage.max_pages) and a database the user may not write: every
/// front says what is wrong, nothing is half-written, and work resumes when the cause goes away.
@Suite struct StorageFaultTests {
    let cli = CLI()

    @Test func aFullDatabaseRefusesChangesWholeAndResumesWhenThereIsRoom() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let pages = try #require(Int(try shell("sqlite3", "-readonly", cli.db, "PRAGMA page_count").trimmingCharacters(in: .whitespacesAndNewlines)))
        let capped = ["RESELLERDESK_STORAGE_MAX_PAGES": String(pages + 2)]
        var added: [String] = []
        var refusal: CLI.Result?
        for i in 0..<200 {
            let email = "fill-\(i)@full.example"
            let r = try cli.run(["account", "add", "--name", "Filling Up \(i) " + String(repeating: "x", count: 150),
                                 "--email", email, "--country", "GR"], environment: capped)
            if r.code == 0 { added.append(email); continue }
            refusal = r
            // The refused account is not there, not even in part: no row, no search entry, no audit event.
            let rows = try shell("sqlite3", "-readonly", cli.db, "SELECT count(*) FROM accounts WHERE email = '\(email)'")
            #expect(rows.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
            break
        }
        let r = try #require(refusal, "the capped database never filled")
        #expect(r.code == 3)
        #expect(r.err.contains("is full; nothing was saved"), "\(r.err)")
        #expect(try shell("sqlite3", "-readonly", cli.db, "PRAGMA integrity_check").hasPrefix("ok"))
        let audit = try shell("sqlite3", "-readonly", cli.db, "SELECT count(*) FROM audit_events WHERE entity = 'account' AND action = 'create'")
        #expect(Int(audit.trimmingCharacters(in: .whitespacesAndNewlines)) == added.count + 1)   // + the demo reseller
        // Reading still works; with room again, so does writing.
        #expect(try cli.run(["account", "list"], environment: capped).code == 0)
        #expect(try cli.run(["account", "add", "--name", "After", "--email", "after@full.example", "--country", "GR"]).code == 0)
    }

    @Test func aDatabaseTheUserMayNotWriteSaysSo() throws {
        #expect(try cli.run(["demo"]).code == 0)
        // Another staff member's database, readable but not writable by this user (nobody).
        let folder = (cli.db as NSString).deletingLastPathComponent
        _ = try shell("chmod", "0755", folder)
        _ = try shell("chmod", "0644", cli.db)
        for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: cli.db + suffix) {
            _ = try shell("chmod", "0644", cli.db + suffix)
        }
        let r = try shell("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env", "RESELLERDESK_DB=\(cli.db)",
                          "HOME=/tmp", "XDG_DATA_HOME=/tmp", CLI.binary, "account", "add", "--name", "Nope", "--email",
                          "nope@example.com", "--country", "GR", allowFailure: true)
        #expect(r.contains("nobody may not write \(cli.db): it is root's own (mode 644)"), "\(r)")
        #expect(try shell("sqlite3", "-readonly", cli.db, "SELECT count(*) FROM accounts WHERE email = 'nope@example.com'").hasPrefix("0"))
    }

    /// The packaged layout since #21: the data folder is root's, 0750 for the group, not group-writable, and
    /// the desk is in its subfolder desk/ (2770). A login outside the group cannot even see that desk/ exists,
    /// and is told which group to join (not that a folder could not be created).
    @Test func aLoginOutsideTheGroupOfARootOwnedDataFolderIsToldWhichGroup() throws {
        let data = (cli.db as NSString).deletingLastPathComponent
        let desk = data + "/desk/desk.sqlite"
        #expect(try cli.run(["demo"], environment: ["RESELLERDESK_DB": desk]).code == 0)
        _ = try shell("chgrp", "daemon", data, data + "/desk")
        _ = try shell("chmod", "0750", data)
        _ = try shell("chmod", "2770", data + "/desk")
        for db in [desk, data + "/desk/not-there-yet.sqlite"] {
            let r = try shell("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                              "RESELLERDESK_DB=\(db)", "HOME=/tmp", "XDG_DATA_HOME=/tmp", CLI.binary, "account",
                              "list", allowFailure: true)
            #expect(r.contains("nobody is not in the group daemon that shares the desk \(db)"), "\(r)")
        }
    }
}
