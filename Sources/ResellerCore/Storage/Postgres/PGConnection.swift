import CLibPQ
import Foundation
import GRDB

/// One libpq connection, used by one thread at a time (the storage layer pools them). Synchronous like the
/// service: every call blocks until the server has answered.
///
/// Not Sendable: a pool hands a connection from thread to thread by `sending` it, never shares one.
public final class PGConnection {
    private let conn: OpaquePointer
    /// SQL text → server-side statement name: the billing run sends the same few statements hundreds of
    /// thousands of times, so each is parsed and planned once per connection.
    private var prepared: [String: String] = [:]
    private var nextStatement = 0
    /// Past this many distinct texts, statements run unprepared: SQL built with a variable shape (an IN list
    /// per count) must not grow the server's per-session memory without bound.
    private static let preparedLimit = 1_000

    /// `conninfo` is anything libpq accepts (a `postgresql://` URL or `key=value` pairs), so `.pgpass`,
    /// `sslmode=verify-full` and Unix-socket peer authentication all come from libpq itself.
    public init(conninfo: String) throws(PGError) {
        if let missing = rd_libpq_load() {
            throw PGError(sqlState: nil, message: String(cString: missing))
        }
        // Array order decides: entries after the expanded dbname override the conninfo's (client_encoding is
        // always UTF8), entries before it yield to it; fallback_application_name yields to an application_name
        // the conninfo or PGAPPNAME gives.
        // A service file's settings fill only what is still unset: with one, the desk's defaults step aside.
        let usesService = getenv("PGSERVICE") != nil || conninfo.contains("service=")
        let defaults = usesService ? [] : Self.linkDefaults.filter { $0.environment.map { getenv($0) == nil } ?? true }
        let keywords = ["fallback_application_name"] + defaults.map(\.keyword) + ["dbname", "client_encoding"]
        let values = ["resellerdesk"] + defaults.map(\.value) + [conninfo, "UTF8"]
        let connection = withCStringArray(keywords) { keys in
            withCStringArray(values) { vals in PQconnectdbParams(keys, vals, 1) }
        }
        guard let connection else {
            throw PGError(sqlState: nil, message: "out of memory opening a PostgreSQL connection", connectionBad: true)
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection))
            let refused = PQconnectionNeedsPassword(connection) == 1
                || PGError.refusals.contains { message.contains($0) }
            PQfinish(connection)
            // libpq keeps the server's SQLSTATE of a refused start-up to itself; 08001 is the standard's
            // "unable to establish connection", what JDBC drivers report too.
            throw PGError(sqlState: "08001", message: message, connectionBad: true, isRefusal: refused)
        }
        conn = connection
        // libpq prints NOTICEs ("table does not exist, skipping") to stderr, over the terminal's screen.
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(conn) }

    /// How long a link that died without a word may hold a command up, unless the conninfo, a service file
    /// (pg_service.conf) or, for the connect timeout, PGCONNECT_TIMEOUT says otherwise. libpq waits for the
    /// system's defaults: a server that accepted and never answers for ever, a COMMIT sent into a dead link for
    /// about fifteen minutes (TCP's retransmissions), an idle link two hours before the first keepalive. A live
    /// server answers keepalives while it runs a long statement, so none of these ends a slow command.
    static let linkDefaults: [(keyword: String, value: String, environment: String?)] = [
        ("connect_timeout", "10", "PGCONNECT_TIMEOUT"),
        ("keepalives_idle", "30", nil), ("keepalives_interval", "10", nil), ("keepalives_count", "3", nil),
        ("tcp_user_timeout", "30000", nil),   // milliseconds for sent data left unacknowledged
    ]

    /// The value libpq uses for `keyword` on this connection: from the conninfo, the environment or the defaults.
    public func option(_ keyword: String) -> String? {
        guard let options = PQconninfo(conn) else { return nil }
        defer { PQconninfoFree(options) }
        var option = options
        while let name = option.pointee.keyword {
            if String(cString: name) == keyword { return option.pointee.val.map { String(cString: $0) } }
            option += 1
        }
        return nil
    }

    /// The server's version as a number: 150004 for 15.4.
    public var serverVersion: Int32 { PQserverVersion(conn) }

    /// The connection is gone (the server restarted, the backend was terminated): `reset()` before reuse.
    public var isBroken: Bool { PQstatus(conn) != CONNECTION_OK }

    /// Inside a transaction that can go on: not ended, not failed (a failed statement outside a savepoint ends
    /// everything but ROLLBACK), the connection alive.
    public var transactionIsUsable: Bool { PQtransactionStatus(conn) == PQTRANS_INTRANS }

    /// Between transactions: the state a pooled connection must be in to be reused.
    public var transactionIsIdle: Bool { PQtransactionStatus(conn) == PQTRANS_IDLE }

    /// Reconnects with the same parameters. The new session has none of the old one's prepared statements.
    public func reset() {
        PQreset(conn)
        prepared.removeAll()
    }

    /// Runs one statement whose parameters are `$1…$n`, prepared once per distinct text on this connection.
    @discardableResult
    public func query(_ sql: String, _ params: [DatabaseValue] = []) throws(PGError) -> PGResult {
        let statement = try preparedName(for: sql)
        let result = try PGParameters(params).withArrays { count, values, lengths, formats in
            if let statement {
                PQexecPrepared(conn, statement, count, values, lengths, formats, 0)
            } else {
                PQexecParams(conn, sql, count, nil, values, lengths, formats, 0)
            }
        }
        return try PGResult.take(result, from: self)
    }

    /// Runs several statements at once with no parameters (the schema's DDL), in one round trip; returns the
    /// last one's answer.
    @discardableResult
    public func execute(script: String) throws(PGError) -> PGResult {
        try PGResult.take(PQexec(conn, script), from: self)
    }

    /// The statement's name on the server, preparing it on first use; nil past the limit (run unprepared).
    private func preparedName(for sql: String) throws(PGError) -> String? {
        if let name = prepared[sql] { return name }
        guard prepared.count < Self.preparedLimit else { return nil }
        nextStatement += 1
        let name = "rd\(nextStatement)"
        // No parameter types: the server infers each from its use, as SQLite's untyped `?` works.
        _ = try PGResult.take(PQprepare(conn, name, sql, 0, nil), from: self)
        prepared[sql] = name
        return name
    }

    /// The error libpq holds for the last failed call, when it produced no result with fields.
    func lastError() -> PGError {
        // No result at all: libpq could not even send or read, whatever PQstatus says yet.
        PGError(sqlState: nil, message: String(cString: PQerrorMessage(conn)), connectionBad: true)
    }
}

/// Calls `body` with a NULL-terminated C array of the strings, valid only during the call.
private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
