import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import Testing
import DeskTestSupport
@testable import ResellerCore

@Suite struct StorageTests {
    @Test(.sqliteOnly) func fileIsPrivateAndConfiguredForSharing() throws {
        let fx = try Fixture()
        let mode = try FileManager.default.attributesOfItem(atPath: fx.db.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let (journal, synchronous, foreignKeys, busy) = try pragmas(fx.service.store)
        #expect(journal == "wal")
        #expect(synchronous == 2)   // FULL
        #expect(foreignKeys == 1)
        #expect((busy ?? 0) >= 5000)
        #expect(try fx.service.store.integrityCheck() == "ok")
    }

    /// The terminal and the commands hold the desk with one connection (`Store.Connections.one`). A desk it
    /// creates is the one a pool creates: WAL (its file kept, so a pool's readers find it), FULL, foreign keys,
    /// the busy timeout, the schema current; and the storefront's pool opens it beside it.
    @Test(.sqliteOnly) func oneConnectionMakesTheSameDeskAsAPool() throws {
        let db = TempDatabase()
        let store = try Store(path: db.path, connections: .one)
        #expect(try store.sqliteDatabase(for: "the test") is DatabaseQueue)
        let (journal, synchronous, foreignKeys, busy) = try pragmas(store)
        #expect(journal == "wal")
        #expect(synchronous == 2)   // FULL
        #expect(foreignKeys == 1)
        #expect(busy == 10_000)
        #expect(try store.read { try $0.value(Int.self, sql: "PRAGMA user_version") } == Store.migrations.count)
        let wal = try FileManager.default.attributesOfItem(atPath: db.path + "-wal")[.size] as? Int
        #expect((wal ?? 0) > 0)
        try store.write { tx in _ = try tx.execute(sql: "INSERT INTO search_terms(term) VALUES ('written')") }
        let pool = try Store(path: db.path)
        #expect(try pool.sqliteDatabase(for: "the test") is DatabasePool)
        #expect(try pool.read { try $0.value(String.self, sql: "SELECT term FROM search_terms") } == "written")
        #expect(try store.integrityCheck() == "ok")
    }

    /// Two opens of a new desk at once, as a storefront starting beside a command: each connection holds a read
    /// lock and wants the exclusive one to put the file in WAL mode, and SQLite refuses one of them at once
    /// (SQLITE_BUSY without a wait) rather than let them wait for each other. Both must get in, with a pool (the
    /// storefront, `storage copy`) as with one connection. SQLite's locks are per connection, so two threads of
    /// one process race as two processes do.
    @Test(.sqliteOnly, arguments: [Store.Connections.pool, .one])
    func twoOpensOfANewDeskAtOnceBothGetIn(connections: Store.Connections) throws {
        let db = TempDatabase()
        try FileManager.default.createDirectory(atPath: db.folder, withIntermediateDirectories: true)
        let failures = Failures()
        for round in 1...100 {
            let path = "\(db.folder)/\(round).sqlite"
            // Two threads that open together: each tells the other it is there and waits for it.
            let here = [DispatchSemaphore(value: 0), DispatchSemaphore(value: 0)]
            let done = DispatchGroup()
            for me in 0..<2 {
                done.enter()
                Thread.detachNewThread {
                    here[me].signal()
                    here[1 - me].wait()
                    do {
                        _ = try Store(path: path, connections: connections)
                    } catch {
                        failures.list.withLock { $0.append("round \(round): \(error)") }
                    }
                    done.leave()
                }
            }
            done.wait()
        }
        #expect(failures.list.withLock { $0 }.isEmpty, "\(failures.list.withLock { $0 })")
    }

    private final class Failures: Sendable {
        let list = Mutex<[String]>([])
    }

    /// One connection's reads keep their compiled statements. GRDB's read sets `PRAGMA query_only` around the
    /// body, and that flag pragma expires every statement of the connection: each search keystroke compiled its
    /// statements again.
    @Test(.sqliteOnly) func readsOnOneConnectionKeepTheirCompiledStatements() throws {
        let store = try Store(path: TempDatabase().path, connections: .one)
        let sql = "SELECT COUNT(*) FROM accounts WHERE id > ?"
        var reprepared: [Int32] = []
        for _ in 0..<3 {
            reprepared.append(try store.read { tx in
                _ = try tx.value(Int.self, sql: sql, arguments: [0])
                let statement = try (tx.session as! SQLiteSession).db.cachedStatement(sql: sql)
                return sqlite3_stmt_status(statement.sqliteStatement, SQLITE_STMTSTATUS_REPREPARE, 0)
            })
        }
        #expect(reprepared == [0, 0, 0])
    }

    /// A read never changes the desk: a pool's readers are read-only connections, and one connection undoes the
    /// change and refuses the read.
    @Test(.sqliteOnly, arguments: [Store.Connections.pool, .one])
    func aReadThatWritesIsRefusedAndUndone(connections: Store.Connections) throws {
        let store = try Store(path: TempDatabase().path, connections: connections)
        #expect(throws: ServiceError.self) {
            try store.read { tx in try tx.execute(sql: "INSERT INTO search_terms(term) VALUES ('x')") }
        }
        #expect(try store.read { try $0.value(Int.self, sql: "SELECT COUNT(*) FROM search_terms") } == 0)
        // A pragma that writes changes no row, and is refused all the same.
        #expect(throws: ServiceError.self) { try store.read { tx in try tx.script("PRAGMA user_version = 1") } }
        #expect(try store.read { try $0.value(Int.self, sql: "PRAGMA user_version") } == Store.migrations.count)
    }

    /// Read from `environ` (ProcessEnvironment) as Foundation reads it, and again at each call.
    @Test func processEnvironmentIsFoundationsAndCurrent() {
        #expect(ProcessEnvironment.read() == ProcessInfo.processInfo.environment)
        setenv("RESELLERDESK_TEST_ENVIRONMENT", "a=b", 1)
        defer { unsetenv("RESELLERDESK_TEST_ENVIRONMENT") }
        #expect(ProcessEnvironment.read()["RESELLERDESK_TEST_ENVIRONMENT"] == "a=b")
    }

    /// The journal mode, synchronous level, foreign keys and busy timeout of the store's SQLite connection.
    private func pragmas(_ store: Store) throws -> (String?, Int?, Int?, Int?) {
        try store.sqliteDatabase(for: "the test").read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"),
             try Int.fetchOne(db, sql: "PRAGMA foreign_keys"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
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

    @Test(arguments: [Store.Connections.pool, .one])
    func manyStoresMigratingAtOnce(connections: Store.Connections) async throws {
        let db = TempDatabase()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 { group.addTask { _ = try Store(path: db.path, connections: connections) } }
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
    /// With one connection too: it writes nothing as it opens, so it finds the upgrade at its first read.
    @Test(.sqliteOnly, arguments: [(true, Store.Connections.pool), (false, .pool), (false, .one)])
    func openingWaitsOutAMigrationLongerThanTheBusyTimeout(walWritten: Bool, connections: Store.Connections) throws {
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
        let store = try Store(path: db.path, connections: connections)
        #expect(Date().timeIntervalSince(started) > 10)
        #expect(try store.read { try $0.value(Int.self, sql: "PRAGMA user_version") } == Store.migrations.count)
        // Once open, a write waits the ordinary 10 s again.
        let pool = try store.sqliteDatabase(for: "the test")
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
            try fx.service.store.sqliteDatabase(for: "the test").write {
                try $0.execute(sql: "UPDATE accounts SET enable_ordering = 0")
            }
        }
        #expect(throws: (any Error).self) {
            try fx.service.store.sqliteDatabase(for: "the test").write {
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
