import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// The desk's database: one SQLite file (the embedded default, in WAL mode, through a GRDB DatabasePool or one
/// connection) or a PostgreSQL database shared by several hosts. Everything that touches SQL lives in Storage/;
/// the service sees only `Store.read`/`Store.write` and the typed methods of `StoreTx`, the same on both engines.
public final class Store: Sendable {
    enum Engine: Sendable {
        case sqlite(any DatabaseWriter)
        case postgresql(PostgresPool)
    }

    /// How a process holds a SQLite desk open. A pool reads beside its writer, for a process that serves many
    /// at once (the storefront, the tests' concurrent writers). A program that does one thing at a time (the
    /// terminal, a command) needs one connection: opening a second one and parsing the schema again cost the
    /// terminal about a millisecond before its first frame, and GRDB's pool checks the WAL file's size
    /// through Foundation's URL resources as it opens (another half millisecond).
    public enum Connections: Sendable {
        case pool, one
    }

    let engine: Engine
    /// The SQLite file, or the PostgreSQL URL as given (libpq reads passwords from ~/.pgpass, not the URL).
    public let path: String
    /// Where every audit event is mirrored once its transaction commits.
    public let journal: Journal
    private let changingWrites = Atomic<Int>(0)

    /// Write transactions committed with at least one row changed: each appended to the WAL and waited for
    /// its fsync. Counted so that tests can compare the disk work of requests that must look alike.
    public var committedChanges: Int { changingWrites.load(ordering: .relaxed) }

    /// How long a write waits for another process's write to finish before it is refused.
    static let busyWaitSeconds = 10

    /// Opens (creating if needed, mode 0600) the database at `path` and brings its schema up to date.
    /// `maxPages` caps the file (4 KiB pages): a full database refuses every change and says so.
    public init(path: String, maxPages: Int? = nil, journal: Journal = .system,
                connections: Connections = .pool) throws(ServiceError) {
        self.path = path
        self.journal = journal
        do {
            try Store.createFileIfMissing(path)
            var config = Configuration()
            // Several staff processes and the storefront share the file: wait for the writer rather than
            // fail with "database is locked".
            config.busyMode = .timeout(TimeInterval(Store.busyWaitSeconds))
            config.foreignKeysEnabled = true
            config.prepareDatabase { db in
                if let maxPages { try db.execute(sql: "PRAGMA max_page_count = \(maxPages)") }
                // A persistent WAL file: GRDB writes a dummy table into an empty WAL when a pool opens, so
                // without it every start of every process took the write lock, and a full or read-only
                // database could not even be read. (No journal_size_limit: with one, SQLite empties a
                // persistent WAL on close, and the dummy write comes back.)
                var persist: CInt = 1
                let code = withUnsafeMutablePointer(to: &persist) { sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, $0) }
                guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
                // Until the desk is open and current, the writer this one would wait for is most likely another
                // process creating or upgrading it (GRDB's first write into a new file's empty WAL, then the
                // migrations), which on a large desk or a loaded machine takes longer than any other write
                // waits: wait for it to finish (then find nothing left to do) rather than say "try again" in the
                // middle of it. Readers never wait for a writer.
                if !db.configuration.readonly {
                    sqlite3_busy_timeout(db.sqliteConnection, CInt(Store.migrationWait.components.seconds * 1000))
                }
            }
            let writer: any DatabaseWriter
            switch connections {
            case .pool:
                // GRDB's setup puts a new file in WAL mode: the same race as `enterWAL`'s.
                writer = try Store.retryingRefusedLock { try DatabasePool(path: path, configuration: config) }
            case .one:
                // The desk's file says WAL once any pool has opened it; a new file is made WAL here. Its WAL file
                // is never empty for a pool's readers after that: it persists (above) and the migrations write.
                let queue = try DatabaseQueue(path: path, configuration: config)
                try Store.enterWAL(queue, path: path)
                writer = queue
            }
            // FULL (a pool's WAL setup sets NORMAL): a committed change survives a power cut.
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Store.migrate(writer, journal: journal)
            try writer.writeWithoutTransaction { db in
                sqlite3_busy_timeout(db.sqliteConnection, CInt(Store.busyWaitSeconds * 1000))
            }
            engine = .sqlite(writer)
        } catch let error as ServiceError {
            throw error
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            // Only the opening writer waits this long: for another process creating or upgrading the desk.
            let minutes = Store.migrationWait.components.seconds / 60
            throw ServiceError.storage("another process has been creating or upgrading the database \(path) for "
                                       + "\(minutes) minutes; nothing was saved, try again once it has finished")
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// A PostgreSQL database whose schema `storage init` made (PostgresSchema); `url` is anything libpq takes.
    public init(postgresql url: String, journal: Journal = .system) throws(ServiceError) {
        path = url
        self.journal = journal
        let pool = PostgresPool(conninfo: url)
        engine = .postgresql(pool)
        do {
            // Through a transaction: a server restarting as the command starts is waited for, as in any write.
            try pool.transaction(readOnly: true, isolation: .serializable) { session in
                try PostgresStorage.check(session.connection, url: url)
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw Store.describePostgres(error, url: url)
        }
    }

    /// The store the configuration names (see `DatabaseLocation`); `storage.max_pages` caps a SQLite file.
    public convenience init(config: ConfigFile, explicitPath: String?,
                            connections: Connections = .pool) throws(ServiceError) {
        let pages = try config.int("storage.max_pages", default: 0, range: 0...1_000_000_000)
        try self.init(location: DatabaseLocation.resolve(explicit: explicitPath, config: config).path,
                      maxPages: pages == 0 ? nil : pages, connections: connections)
    }

    /// The desk at `location` as `--db` takes it: a `postgresql://` URL, else a SQLite file (capped at `maxPages`).
    public convenience init(location: String, maxPages: Int? = nil, journal: Journal = .system,
                            connections: Connections = .pool) throws(ServiceError) {
        if DatabaseLocation.isPostgres(location) {
            try self.init(postgresql: location, journal: journal)
        } else {
            try self.init(path: location, maxPages: maxPages, journal: journal, connections: connections)
        }
    }

    /// A PostgreSQL desk, shared by several hosts.
    public var isPostgres: Bool {
        if case .postgresql = engine { return true }
        return false
    }

    /// The SQLite connections, for what only a SQLite file has (a backup through SQLite, integrity, the WAL).
    func sqliteDatabase(for what: String) throws(ServiceError) -> any DatabaseWriter {
        guard case .sqlite(let database) = engine else { throw Self.sqliteOnly(what) }
        return database
    }

    /// The refusal of what only a SQLite file has, on a PostgreSQL desk.
    static func sqliteOnly(_ what: String) -> ServiceError {
        .storage("\(what) is for a SQLite desk; on PostgreSQL use the server's own tools (pg_dump, base backups, "
                 + "amcheck)")
    }

    /// Puts the file in WAL mode (a no-op once it is).
    static func enterWAL(_ queue: DatabaseQueue, path: String) throws {
        try retryingRefusedLock {
            try queue.writeWithoutTransaction { db in
                guard try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") == "wal" else {
                    throw DatabaseError(message: "could not put \(path) in WAL mode")
                }
            }
        }
    }

    /// Runs `body`, an open's switch of the file to WAL mode, again every 10 ms while SQLite refuses it with
    /// SQLITE_BUSY, for as long as an open may wait. A file still in rollback mode needs the exclusive lock for the
    /// switch; when two processes open a new desk at once, each holds a read lock and wants it, and SQLite refuses
    /// one of them at once instead of calling its busy handler (the two would wait for each other for ever),
    /// expecting it to let go and try again.
    static func retryingRefusedLock<T>(_ body: () throws -> T) throws -> T {
        let deadline = ContinuousClock.now + Store.migrationWait
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                        where error.resultCode == .SQLITE_BUSY && ContinuousClock.now < deadline {
                usleep(10_000)
            }
        }
    }

    /// Creates the folder (0700) and an empty file so the database is never readable by others: 0600 in a
    /// private folder, 0660 in a group-writable one (a team desk: every member of the folder's group may
    /// write; a setgid folder gives the file that group). SQLite gives the -wal and -shm files the same mode.
    /// Plain stat calls rather than Foundation's URL and FileManager, whose first use took 0.1 ms of the terminal's
    /// start.
    static func createFileIfMissing(_ path: String) throws(ServiceError) {
        let dir = folder(of: path)
        var dirInfo = stat()
        let dirFound = stat(dir, &dirInfo) == 0
        // A folder this login may not even look into (a team desk's data folder is 0750 for its group) only
        // seems missing: say who may use it rather than fail to create it.
        if !dirFound && errno == EACCES, let refusal = DeskAccess.refusal(path: path, errno: EACCES) {
            throw refusal
        }
        if !dirFound {
            do {
                try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                let code = Int32(truncatingIfNeeded: (error as NSError).code)
                throw DeskAccess.refusal(path: path, errno: code) ?? .storage(
                    "cannot create the folder \(dir) for the database: \(error.localizedDescription)")
            }
        }
        var info = stat()
        if stat(path, &info) == 0 {
            // SQLite would quietly open it read-only and fail at the first change; say why now.
            if access(path, R_OK | W_OK) != 0, let refusal = DeskAccess.refusal(path: path, errno: errno) {
                throw refusal
            }
            return
        }
        let mode = DeskAccess.newFileMode(folder: dir)
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, mode)
        if fd < 0 {
            if errno == EEXIST { return }   // another process created it first
            let code = errno
            throw DeskAccess.refusal(path: path, errno: code) ?? .storage(
                "cannot open the database \(path): \(String(cString: strerror(code)))")
        }
        // The umask (often 022 or 077) must not narrow a team desk to its creator.
        fchmod(fd, mode)
        close(fd)
    }

    /// The folder holding the file at `path`: "." for a bare file name, "/" for a file at the root.
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Runs `body` in an IMMEDIATE transaction: it takes the write lock first, so two processes can never
    /// both read a balance and then both spend it. Everything in `body` commits together or not at all.
    /// On PostgreSQL the transaction is SERIALIZABLE unless `isolation` says the body locks its own rows, and a
    /// conflict with another host, or a connection lost before COMMIT, runs `body` again from the start (see
    /// `PostgresPool.transaction`): `body` keeps its state to itself and returns it, never changing what it captured.
    func write<T>(isolation: WriteIsolation = .serializable, _ body: (StoreTx) throws -> T) throws(ServiceError) -> T {
        do {
            var pending = JournalBuffer()
            let result: T, changed: Bool
            switch engine {
            case .sqlite(let writer):
                (result, changed) = try writer.write { db in
                    let before = db.totalChangesCount
                    let result = try body(StoreTx(session: SQLiteSession(db), pending: pending))
                    return (result, db.totalChangesCount != before)
                }
            case .postgresql(let pool):
                (result, changed) = try pool.transaction(readOnly: false, isolation: isolation,
                                                         prepare: { pending = JournalBuffer() }) { session in
                    (try body(StoreTx(session: session, pending: pending)), session.totalChanges > 0)
                }
            }
            journal.send(pending.entries)
            if changed { changingWrites.add(1, ordering: .relaxed) }
            return result
        } catch let error as ServiceError {
            throw error
        } catch {
            throw describe(error)
        }
    }

    func read<T>(_ body: (StoreTx) throws -> T) throws(ServiceError) -> T {
        do {
            switch engine {
            case .sqlite(let connection as DatabaseQueue):
                return try Store.read(connection, body)
            case .sqlite(let writer):
                return try writer.read { db in try body(StoreTx(session: SQLiteSession(db))) }
            case .postgresql(let pool):
                return try pool.transaction(readOnly: true, isolation: .serializable) { session in
                    try body(StoreTx(session: session))
                }
            }
        } catch let error as ServiceError {
            throw error
        } catch {
            throw describe(error)
        }
    }

    /// A read on the one connection: in a deferred transaction, undone and refused if the body wrote anything
    /// (rows, or a schema or pragma change: the transaction became a write). Not GRDB's read, which sets
    /// `PRAGMA query_only` around the body: a flag pragma expires every prepared statement of its connection, so
    /// each search keystroke compiled its statements again (0.4 ms of 2).
    private static func read<T>(_ connection: DatabaseQueue, _ body: (StoreTx) throws -> T) throws -> T {
        try connection.writeWithoutTransaction { db in
            var result: T?, wrote = false
            try db.inTransaction(.deferred) {
                result = try body(StoreTx(session: SQLiteSession(db)))
                wrote = sqlite3_txn_state(db.sqliteConnection, nil) == SQLITE_TXN_WRITE
                return wrote ? .rollback : .commit
            }
            guard let result, !wrote else {
                throw DatabaseError(resultCode: .SQLITE_READONLY, message: "a read tried to change the desk")
            }
            return result
        }
    }

    /// An engine's error as a sentence an operator can act on.
    func describe(_ error: Error) -> ServiceError {
        switch engine {
        case .sqlite: Store.describe(error, path: path)
        case .postgresql: Store.describePostgres(error, url: path)
        }
    }

    /// Merges the search index into one segment and refreshes the query planner's statistics. Each
    /// write transaction adds an FTS5 segment and automerge keeps only some levels merged, so after a bulk
    /// load every search term is looked up in many segments; one merge makes searches fast again.
    public func optimize() throws(ServiceError) {
        guard case .sqlite(let writer) = engine else { return }   // PostgreSQL's autovacuum and GIN do it
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT INTO account_search(account_search) VALUES ('optimize')")
                try db.execute(sql: "PRAGMA optimize")
            }
            try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        } catch {
            throw Store.describe(error, path: path)
        }
    }

    /// Runs `PRAGMA integrity_check`; "ok" when the file is sound.
    public func integrityCheck() throws(ServiceError) -> String {
        _ = try sqliteDatabase(for: "the integrity check")
        return try read { tx in try tx.value(String.self, sql: "PRAGMA integrity_check") ?? "no answer" }
    }

    /// Turns SQLite's codes into sentences an operator can act on.
    static func describe(_ error: Error, path: String) -> ServiceError {
        guard let e = error as? DatabaseError else { return .storage("\(error)") }
        switch e.resultCode {
        case .SQLITE_FULL: return .storage("the disk holding \(path) is full; nothing was saved")
        case .SQLITE_READONLY: return .storage("the database \(path) is read-only; nothing was saved")
        case .SQLITE_CANTOPEN:
            return DeskAccess.refusal(path: path, errno: EACCES)
                ?? .storage("cannot open the database \(path) (check the folder exists and is writable)")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .storage("the database \(path) stayed busy for \(busyWaitSeconds) seconds; nothing was saved, "
                            + "try again")
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .storage("\(path) is not a ResellerDesk database or is damaged")
        case .SQLITE_PERM, .SQLITE_AUTH:
            return DeskAccess.refusal(path: path, errno: EACCES)
                ?? .storage("no permission to use the database \(path)")
        case .SQLITE_IOERR: return .storage("the disk could not read or write \(path): \(e.message ?? "I/O error")")
        // SUM() over amounts written around the desk (review S2): that page's refusal, not a storage failure.
        case .SQLITE_ERROR where e.message == "integer overflow": return MoneySum.outOfRange("a sum of stored amounts")
        default: return .storage("database error: \(e.message ?? "\(e.resultCode)")")
        }
    }
}

/// One open transaction (or read). Storage files add the typed queries as extensions.
struct StoreTx {
    let session: any SQLSession
    /// The audit events for the journal, sent once this transaction commits (nil: a read, nothing to send).
    var pending: JournalBuffer? = nil

    /// `now` as GRDB stores a Date ("yyyy-MM-dd HH:mm:ss.SSS", UTC), the same value binding the Date gives.
    /// GRDB formats each Date with a DateFormatter; a billing run binds the same instant to five rows per
    /// invoice, so the last one formatted is kept.
    static func stamp(_ now: Date) -> DatabaseValue {
        lastStamp.withLock { last in
            if let last, last.date == now { return last.value }
            let value = now.databaseValue
            last = (now, value)
            return value
        }
    }

    private static let lastStamp = Mutex<(date: Date, value: DatabaseValue)?>(nil)
}

/// Where the database lives: `--db PATH`, else `$RESELLERDESK_DB`, else `storage.path` (the system
/// configuration of a team desk names `/var/lib/resellerdesk/desk/desk.sqlite`), else the XDG data folder.
public enum DatabaseLocation {
    public static func resolve(explicit: String?, config: ConfigFile = ConfigFile(),
                               environment: [String: String] = ProcessEnvironment.read())
        -> (path: String, source: String) {
        if let explicit, !explicit.isEmpty { return (explicit, "--db") }
        if let env = environment["RESELLERDESK_DB"], !env.isEmpty { return (env, "RESELLERDESK_DB") }
        if let url = config.string("storage.url") { return (url, config.source("storage.url")) }
        if let configured = config.string("storage.path") { return (configured, config.source("storage.path")) }
        return (dataHome(environment) + "/resellerdesk/resellerdesk.sqlite", "default (per user)")
    }

    /// A `postgresql://` or `postgres://` URL (libpq's two schemes) selects PostgreSQL; anything else is a file.
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgresql://") || location.hasPrefix("postgres://")
    }

    public static func dataHome(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
    }
}
