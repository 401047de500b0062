import Foundation
import GRDB
import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct StorageTests {
    @Test(.sqliteOnly) func fileIsPrivateAndConfiguredForSharing() throws {
        let fx = try Fixture()
        let mode = try FileManager.default.attributesOfItem(atPath: fx.db.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (journal, synchronous, foreignKeys, busy) = try fx.service.store.sqlitePool(for: "the test").read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2)   // FULL
        #expect(foreignKeys == 1)
        #expect((busy ?? 0) >= 5000)
        #expect(try fx.service.store.integrityCheck() == "ok")
    }

    @Test func createsItsFolder() throws {
        let db = TempDatabase()
        let nested = db.folder + "/a/b/resellerdesk.sqlite"
        _ = try Store(path: nested)
        #expect(FileManager.default.fileExists(atPath: nested))
    }

    @Test func unopenableDatabaseIsAStorageError() {
        #expect(throws: ServiceError.self) { _ = try Store(path: "/proc/definitely/not/here.sqlite") }
        let db = TempDatabase()
        try? FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: db.path, contents: Data("this is not sqlite at all, just text".utf8))
        do {
            _ = try Store(path: db.path)
            Issue.record("opened a text file as a database")
        } catch {
            guard case .storage(let message) = error else { Issue.record("\(error)"); return }
            #expect(message.contains("not a ResellerDesk database"))
        }
    }

    @Test func manyStoresMigratingAtOnce() async throws {
        let db = TempDatabase()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try Store(path: db.path) } }
            try await group.waitForAll()
        }
        let store = try Store(path: db.path)
        #expect(try store.read { try $0.value(Int.self, sql: "PRAGMA user_version") } == Store.migrations.count)
        let tables = "SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts'"
        #expect(try store.read { try $0.value(Int.self, sql: tables) } == 1)
    }

    /// A process that opens the desk while another is upgrading it waits for the upgrade, however long it
    /// takes (a large desk, a loaded machine), instead of giving up after the 10 s an ordinary write waits.
    /// `walWritten`: as a Store leaves a new file, in WAL mode with a WAL that is not empty; or as one finds a
    /// file another process has just created, its WAL still empty (GRDB then writes into it as it opens: that
    /// write waited only the 10 s, and CI's two processes starting on one new file failed there).
    @Test(.sqliteOnly, arguments: [true, false])
    func openingWaitsOutAMigrationLongerThanTheBusyTimeout(walWritten: Bool) throws {
        let db = TempDatabase()
        try FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        let upgrader = try DatabaseQueue(path: db.path)
        try upgrader.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            if walWritten { try db.execute(sql: "CREATE TABLE opened (x); DROP TABLE opened") }
        }
        let holding = DispatchSemaphore(value: 0)
        let released = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            try? upgrader.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE; CREATE TABLE upgrading (x)")
                holding.signal()
                Thread.sleep(forTimeInterval: 11)
                try db.execute(sql: "ROLLBACK")
            }
            released.signal()
        }
        holding.wait()
        let started = Date()
        let store = try Store(path: db.path)
        #expect(Date().timeIntervalSince(started) > 10)
        #expect(try store.read { try $0.value(Int.self, sql: "PRAGMA user_version") } == Store.migrations.count)
        // Once open, a write waits the ordinary 10 s again.
        let pool = try store.sqlitePool(for: "the test")
        #expect(try pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA busy_timeout") } == 10_000)
        #expect(try pool.read { try Int.fetchOne($0, sql: "PRAGMA busy_timeout") } == 10_000)
        released.wait()
    }

    @Test func databaseLocation() {
        #expect(DatabaseLocation.resolve(explicit: "/x.sqlite", environment: ["RESELLERDESK_DB": "/y"]).path
                    == "/x.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["RESELLERDESK_DB": "/y"]).path == "/y")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/a"]).path
                    == "/data/resellerdesk/resellerdesk.sqlite")
        #expect(DatabaseLocation.resolve(explicit: nil, environment: ["HOME": "/home/a"]).path
                    == "/home/a/.local/share/resellerdesk/resellerdesk.sqlite")
    }

    @Test(.sqliteOnly) func schemaRefusesHalfOrderedAccounts() throws {
        let fx = try Fixture()
        _ = try fx.reseller()
        // The CHECK constraints hold the Ordering rules even against a hand-written UPDATE.
        #expect(throws: (any Error).self) {
            try fx.service.store.sqlitePool(for: "the test").write {
                try $0.execute(sql: "UPDATE accounts SET enable_ordering = 0")
            }
        }
        #expect(throws: (any Error).self) {
            try fx.service.store.sqlitePool(for: "the test").write {
                try $0.execute(sql: "UPDATE accounts SET credit_unlimited = 1")
            }
        }
    }

    @Test func demoIsIdempotent() throws {
        let fx = try Fixture()
        #expect(try fx.service.seedDemo(by: staff).count == 5)
        #expect(try fx.service.seedDemo(by: staff).isEmpty)
        #expect(try fx.count("SELECT COUNT(*) FROM price_lists") == 4)
        #expect(try fx.count("SELECT COUNT(*) FROM accounts") == 1)
        #expect(try fx.service.priceLists().map(\.currency).contains("USD"))
    }
}

@Suite struct CompactJSONTests {
    @Test func roundTripsThroughAStandardDecoder() throws {
        let changes: [String: [String?]] = ["name": ["Old \"quoted\" \\ name", "Νέο\nόνομα\u{1}"], "city": [nil, "Αθήνα"], "emoji": ["👩‍💻", nil]]
        let text = CompactJSON.encode(changes)
        #expect(try JSONDecoder().decode([String: [String?]].self, from: Data(text.utf8)) == changes)
        #expect(text.hasPrefix("{\"city\":[null,"))   // keys sorted
        let params = ["token": "abc_-123", "resellerName": "Aegean \"Cloud\"\t"]
        #expect(try JSONDecoder().decode([String: String].self, from: Data(CompactJSON.encode(params).utf8)) == params)
        #expect(CompactJSON.encode([String: String]()) == "{}")
    }

    @Test func accountColumnsAreReadByTheirPositions() {
        #expect(StoreTx.accountSelect.split(separator: ",").count == StoreTx.accountColumnCount)
    }
}
