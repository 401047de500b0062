import Foundation
import ResellerCore
import Testing
import DeskTestSupport

/// backup, restore and doctor as real processes on a real desk, with other processes writing meanwhile.
@Suite(.serialized) struct DeskCommandsTests {
    let cli = CLI()

    /// Starts `resellerdesk ARGS` in the background with the CLI's environment.
    func start(_ args: [String], environment extra: [String: String] = [:]) throws -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["RESELLERDESK_DB"] = cli.db
        env["RESELLERDESK_SYSTEM_CONFIG"] = cli.folder + "/no-system-config.toml"
        env["XDG_DATA_HOME"] = cli.folder + "/data"
        extra.forEach { env[$0.key] = $0.value }
        p.environment = env
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        return p
    }

    /// SIGKILL: a child may inherit a blocked SIGTERM from the test runner's threads.
    func stop(_ p: Process) {
        guard p.isRunning else { return }
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
    }

    func sqlite(_ db: String, _ sql: String) throws -> String {
        try shell("sqlite3", "-readonly", db, sql).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aBackupWhileFourProcessesWriteHoldsEveryAccountSavedBeforeItBegan() throws {
        #expect(try cli.run(["demo"]).code == 0)
        // Four writers, each recording the code of every account the CLI reported saved.
        var writers: [Process] = []
        for w in 1...4 {
            let script = """
                for i in $(seq 1 400); do
                  out=$("$0" account add --name "Writer \(w) number $i" --email "w\(w)-$i@writers.example" \
                        --country GR --json) \
                    && printf '%s\\n' "$out" | sed -n 's/.*"code" : "\\(ACC-[0-9]*\\)".*/\\1/p' \
                        >> "\(cli.folder)/saved-\(w)"
                done
                """
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", script, CLI.binary]
            var env = ProcessInfo.processInfo.environment
            env["RESELLERDESK_DB"] = cli.db
            env["RESELLERDESK_SYSTEM_CONFIG"] = cli.folder + "/no-system-config.toml"
            p.environment = env
            try p.run()
            writers.append(p)
        }
        defer { writers.forEach(stop) }
        func reported() -> Set<String> {
            Set((1...4).flatMap { w in
                ((try? String(contentsOfFile: cli.folder + "/saved-\(w)", encoding: .utf8)) ?? "")
                    .split(separator: "\n").map(String.init)
            })
        }
        // Let them write a while, then take the copy while they go on.
        let deadline = Date().addingTimeInterval(60)
        while reported().count < 40 && Date() < deadline { usleep(100_000) }
        let before = reported()
        #expect(before.count >= 40)
        let copy = cli.folder + "/copy.sqlite"
        let backup = try cli.run(["backup", copy, "--json"])
        #expect(backup.code == 0, "\(backup.err)")
        usleep(500_000)
        let stillWriting = writers.filter(\.isRunning).count
        #expect(stillWriting == 4, "the writers kept writing through the backup")
        writers.forEach(stop)

        #expect(backup.object["integrity"] as? String == "ok")
        #expect(try sqlite(copy, "PRAGMA integrity_check") == "ok")
        let inCopy = Set(try sqlite(copy, "SELECT printf('ACC-%06d', id) FROM accounts")
            .split(separator: "\n").map(String.init))
        #expect(before.isSubset(of: inCopy), "missing: \(before.subtracting(inCopy).sorted().prefix(5))")
        let rows = backup.object["rows"] as? [String: Int]
        #expect(rows?["accounts"] == inCopy.count)
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode == 0o640)
        print("backup under 4 writers: \(before.count) accounts reported saved before it began, "
              + "\(inCopy.count) in the copy, \(reported().count) saved in all")
    }

    @Test func restoreIsRefusedWhileAProcessHoldsTheDeskThenPutsTheCopyBack() throws {
        #expect(try cli.run(["demo"]).code == 0)
        let copy = cli.folder + "/nightly.sqlite"
        #expect(try cli.run(["backup", copy]).code == 0)
        #expect(try cli.run(["account", "add", "--name", "After The Copy", "--email", "after@copy.example",
                             "--country", "GR"]).code == 0)

        let deliverer = try start(["mail", "deliver", "--watch"])
        defer { stop(deliverer) }
        // Wait until it has the desk open (its heartbeat is its first write).
        let deadline = Date().addingTimeInterval(30)
        while !(try cli.run(["doctor"]).out.contains("ok   mail deliverer:")) && Date() < deadline { usleep(100_000) }
        let refused = try cli.run(["restore", copy])
        #expect(refused.code == 1)
        #expect(refused.err.contains("restore: the desk \(cli.db) is in use by process \(deliverer.processIdentifier)"),
                "\(refused.err)")
        #expect(refused.err.contains("systemctl stop"))
        #expect(try sqlite(cli.db, "SELECT COUNT(*) FROM accounts WHERE email = 'after@copy.example'") == "1")

        stop(deliverer)
        let restored = try cli.run(["restore", copy])
        #expect(restored.code == 0, "\(restored.err)")
        #expect(restored.out.contains("The desk it replaced is kept as \(cli.db).replaced-"))
        #expect(try sqlite(cli.db, "SELECT COUNT(*) FROM accounts WHERE email = 'after@copy.example'") == "0")
        #expect(try cli.run(["account", "show", "ACC-000001"]).code == 0)
        // Nothing is deleted: the replaced desk still holds the account added after the copy.
        let kept = try FileManager.default.contentsOfDirectory(atPath: cli.folder)
            .first { $0.contains(".replaced-") && !$0.hasSuffix("-wal") }
        #expect(kept != nil)
        if let kept {
            let later = "SELECT COUNT(*) FROM accounts WHERE email = 'after@copy.example'"
            #expect(try sqlite(cli.folder + "/" + kept, later) == "1")
        }
    }

    @Test func doctorPassesOnAHealthyDesk() throws {
        #expect(try cli.run(["demo"]).code == 0)
        #expect(try cli.run(["backup", cli.folder + "/b.sqlite"]).code == 0)
        let r = try cli.run(["doctor"], environment: ["XDG_DATA_HOME": cli.folder + "/data",
                                                      "RESELLERDESK_STOREFRONT_URL": "https://shop.example.com"])
        #expect(r.code == 0, "\(r.out)\(r.err)")
        for line in ["ok   configuration:", "ok   database file: \(cli.db) (from RESELLERDESK_DB)",
                     "ok   database: schema version", "quick check ok", "ok   mail: Maildir",
                     "ok   storefront url: https://shop.example.com", "ok   backup: last \(cli.folder)/b.sqlite",
                     "ok   schema: as the migrations make it",
                     "ok   seller ([company]): Fixture Cloud AG, CH, VAT ID CHE-123.456.788 MWST"] {
            #expect(r.out.contains(line), "\(line) in \(r.out)")
        }
        #expect(!r.out.contains("fail"))
    }

    @Test func doctorFailsNamingTheCauseOnAnSMTPHostThatRefuses() throws {
        #expect(try cli.run(["demo"]).code == 0)
        // A port nothing listens on: bind, note it, close.
        let s = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(s, $0, len) }
        }
        _ = withUnsafeMutablePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(s, $0, &len) }
        }
        let port = Int(UInt16(bigEndian: addr.sin_port))
        close(s)
        let r = try cli.run(["doctor"], environment: ["RESELLERDESK_MAIL_TRANSPORT": "smtp",
                                                      "RESELLERDESK_SMTP_HOST": "127.0.0.1",
                                                      "RESELLERDESK_SMTP_PORT": String(port)])
        #expect(r.code == 1)
        let line = r.out.split(separator: "\n").first { $0.hasPrefix("fail mail:") }.map(String.init) ?? r.out
        #expect(line.contains("SMTP 127.0.0.1:\(port)"), "\(line)")
        #expect(line.lowercased().contains("refused"), "\(line)")
        #expect(r.out.contains("ok   database:"))   // the rest is still checked
    }

    @Test func doctorFailsNamingTheCauseOnADatabaseItMayNotWrite() throws {
        #expect(try cli.run(["demo"]).code == 0)
        _ = try shell("chmod", "0755", cli.folder)
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: cli.db + suffix) {
            _ = try shell("chmod", "0644", cli.db + suffix)
        }
        let r = try shell("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "env",
                          "RESELLERDESK_DB=\(cli.db)",
                          "RESELLERDESK_SYSTEM_CONFIG=/nonexistent.toml", "HOME=/tmp", "XDG_DATA_HOME=/tmp",
                          "/bin/sh", "-c", "\"$0\" doctor; echo exit=$?", CLI.binary)
        #expect(r.contains("fail database file: \(cli.db) (from RESELLERDESK_DB)"), "\(r)")
        #expect(r.contains("nobody may not write \(cli.db)"), "\(r)")
        #expect(r.contains("exit=1"), "\(r)")
    }

    @Test func doctorReportsAMissingDeskAndLeavesNothingBehind() throws {
        try FileManager.default.createDirectory(atPath: cli.folder, withIntermediateDirectories: true)
        let missing = cli.folder + "/nowhere/desk.sqlite"
        let r = try cli.run(["doctor"], environment: ["RESELLERDESK_DB": missing])
        #expect(r.code == 1, "\(r.out)\(r.err)")
        #expect(r.out.contains("fail database file: \(missing) (from RESELLERDESK_DB) does not exist"), "\(r.out)")
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/nowhere"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder).isEmpty)
    }

    @Test func doctorFailsNamingATriggerAndAViewAddedByHand() throws {
        #expect(try cli.run(["demo"]).code == 0)
        // What a member of the group can do with sqlite3: hide their own audit rows, add a view.
        _ = try shell("sqlite3", cli.db, """
            CREATE TRIGGER hide_mallory AFTER INSERT ON audit_events WHEN NEW.actor = 'mallory'
            BEGIN DELETE FROM audit_events WHERE id = NEW.id; END;
            CREATE VIEW every_session AS SELECT * FROM sessions;
            """)
        let r = try cli.run(["doctor"])
        #expect(r.code == 1)
        let line = r.out.split(separator: "\n").first { $0.hasPrefix("fail schema:") }.map(String.init) ?? r.out
        #expect(line.contains("trigger hide_mallory on audit_events is not made by the migrations"), "\(line)")
        #expect(line.contains("view every_session on every_session is not made by the migrations"), "\(line)")
        #expect(r.out.contains("ok   database:"))   // the rest is still checked
    }
}
