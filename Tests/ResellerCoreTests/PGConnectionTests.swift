import DeskTestSupport
import Foundation
import GRDB
import Testing
@testable import ResellerCore

/// The libpq client against a real PostgreSQL: every value kind there and back, the errors the storage layer
/// decides on, the prepared-statement cache, and a connection the server dropped.
@Suite struct PGConnectionTests {
    @Test func everyValueKindRoundTrips() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        try pg.execute(script: "CREATE TABLE v (n int, i bigint, d float8, t text, b bytea)")
        let values: [[DatabaseValue]] = [
            [Int64.min.databaseValue, 0.1.databaseValue, "".databaseValue, Data().databaseValue],
            [Int64.max.databaseValue, (-1e300).databaseValue, "Καλημέρα, ΑΘΗΝΑ 🌍 ü".databaseValue,
             Data([0, 1, 0, 255, 0]).databaseValue],
            [Int64(0).databaseValue, Double.infinity.databaseValue, "a'b\\c\"d\n".databaseValue,
             Data([0]).databaseValue],
            [.null, .null, .null, .null],
        ]
        for (index, row) in values.enumerated() {
            let inserted = try pg.query("INSERT INTO v VALUES ($1, $2, $3, $4, $5)", [Int64(index).databaseValue] + row)
            #expect(inserted.affectedRows == 1)
        }
        let result = try pg.query("SELECT i, d, t, b FROM v ORDER BY n")
        #expect(result.columns == ["i", "d", "t", "b"])
        #expect(result.rows == values)
        // The empty string and the empty blob are values, not NULL.
        #expect(result.rows[0][2].storage.value as? String == "")
        #expect(result.rows[0][3].storage.value as? Data == Data())
    }

    @Test func columnTypesComeBackAsSQLiteWould() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        let row = try pg.query("""
            SELECT 7::int2, -8::int4, 26::oid, true, false, 1.5::float4, 'NaN'::float8, 123.00::numeric,
                   avg(x), '2026-01-02'::date, 'x'::varchar, to_tsvector('simple', 'Ab'), NULL::bigint
            FROM (VALUES (1::bigint), (2)) v(x)
            """).rows[0]
        #expect(Array(row[0...5]) == [7, -8, 26, 1, 0, 1.5].map { ($0 as DatabaseValueConvertible).databaseValue })
        #expect((row[6].storage.value as? Double)?.isNaN == true)
        #expect(row[7] == Int64(123).databaseValue)
        #expect(row[8] == 1.5.databaseValue)   // an average with a fraction is a Double, as SQLite's AVG
        #expect(Array(row[9...]) == ["2026-01-02".databaseValue, "x".databaseValue, "'ab':1".databaseValue, .null])
    }

    @Test func integerSumPastInt64IsAnIntegerOverflow() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        let sum = "SELECT sum(x) FROM (VALUES ($1::bigint), ($2::bigint)) v(x)"
        #expect(try pg.query(sum, [Int64.max.databaseValue, 0.databaseValue]).rows == [[Int64.max.databaseValue]])
        #expect(try pg.query(sum, [Int64.min.databaseValue, 0.databaseValue]).rows == [[Int64.min.databaseValue]])
        for pair in [(Int64.max, 1), (Int64.min, -1)] {
            let error = #expect(throws: PGError.self) {
                try pg.query(sum, [pair.0.databaseValue, pair.1.databaseValue])
            }
            #expect(error?.isIntegerOverflow == true)
            #expect(error?.description.hasPrefix("integer overflow") == true)
        }
        // The server's own bigint overflow reads the same.
        let error = #expect(throws: PGError.self) { try pg.query("SELECT $1::bigint + 1", [Int64.max.databaseValue]) }
        #expect(error?.isIntegerOverflow == true)
    }

    @Test func constraintViolationsAreNamedBySQLState() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        try pg.execute(script: """
            CREATE TABLE parent (id bigint PRIMARY KEY, n int CHECK (n >= 0));
            CREATE TABLE child (parent bigint REFERENCES parent);
            INSERT INTO parent VALUES (1, 0);
            """)
        let unique = #expect(throws: PGError.self) {
            try pg.query("INSERT INTO parent VALUES ($1, 0)", [1.databaseValue])
        }
        #expect(unique?.sqlState == "23505")
        #expect(unique?.isUniqueViolation == true)
        #expect(unique?.description
                == #"duplicate key value violates unique constraint "parent_pkey" — Key (id)=(1) already exists."#)
        let foreign = #expect(throws: PGError.self) { try pg.query("INSERT INTO child VALUES ($1)", [2.databaseValue]) }
        #expect(foreign?.isForeignKeyViolation == true)
        let check = #expect(throws: PGError.self) { try pg.query("UPDATE parent SET n = $1", [(-1).databaseValue]) }
        #expect(check?.isCheckViolation == true)
        #expect(check?.isUniqueViolation == false)
        #expect(try pg.query("UPDATE parent SET n = n + 1").affectedRows == 1)
    }

    @Test func aStatementIsPreparedOnceAndReused() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        let sql = "SELECT $1::bigint * 2, $2::text"
        for n in 0..<1000 {
            let row = try pg.query(sql, [Int64(n).databaseValue, "n\(n)".databaseValue]).rows[0]
            #expect(row == [Int64(2 * n).databaseValue, "n\(n)".databaseValue])
        }
        let statements = try pg.query(
            "SELECT count(*), sum(generic_plans + custom_plans) FROM pg_prepared_statements WHERE statement = $1",
            [sql.databaseValue])
        #expect(statements.rows == [[1.databaseValue, 1000.databaseValue]])
    }

    @Test func aSyntaxErrorSaysWhereAndLeavesTheConnectionUsable() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        for _ in 0..<2 {   // not cached: the second try fails the same way, not as an unknown statement
            let error = #expect(throws: PGError.self) { try pg.query("SELEC 1") }
            #expect(error?.sqlState == "42601")
            #expect(error?.description == #"syntax error at or near "SELEC""#)
            #expect(error?.isConnectionLost == false)
        }
        let script = #expect(throws: PGError.self) { try pg.execute(script: "CREATE TABLE a (x int); SELECT nope") }
        #expect(script?.message == #"column "nope" does not exist"#)
        #expect(try pg.query("SELECT 1").rows == [[1.databaseValue]])
    }

    @Test func aTerminatedBackendIsLostUntilReset() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        let pidSQL = "SELECT pg_backend_pid()"
        let pid = try pg.query(pidSQL).rows[0][0]
        // With a timeout, pg_terminate_backend waits until the backend has gone.
        #expect(try db.psql("SELECT pg_terminate_backend(\(pid), 5000)") == "t\n")
        let error = #expect(throws: PGError.self) { try pg.query(pidSQL) }
        #expect(error?.isConnectionLost == true)
        #expect(pg.isBroken)
        pg.reset()
        #expect(!pg.isBroken)
        let again = try pg.query(pidSQL).rows[0][0]   // prepared anew: the new session never saw it
        #expect(again != pid)
    }

    /// A link that dies without a word holds a command up for seconds, not TCP's minutes or hours: the desk's
    /// defaults, which the conninfo may change. A server that accepts the connection and never answers is given
    /// up on after the connect timeout (libpq's own default is none: about two minutes of the system's).
    @Test func aSilentLinkIsGivenUpOnInSeconds() throws {
        let db = try TempPostgresDatabase()
        let connection = try PGConnection(conninfo: db.url)
        #expect(connection.option("connect_timeout") == "10")
        #expect(connection.option("keepalives_idle") == "30" && connection.option("keepalives_count") == "3")
        #expect(connection.option("tcp_user_timeout") == "30000")
        #expect(try PGConnection(conninfo: db.url(with: ["connect_timeout": "3"])).option("connect_timeout") == "3")

        // A service file's settings win over the desk's defaults: they fill only what is still unset, so the
        // defaults step aside when a service is named (PGSERVICEFILE is read only for a named service).
        let serviceFile = NSTemporaryDirectory() + "pg_service-\(UUID().uuidString).conf"
        defer { try? FileManager.default.removeItem(atPath: serviceFile) }
        let settings = db.url.split(separator: " ").map { $0.replacingOccurrences(of: "'", with: "") }
        try (["[desk]"] + settings + ["connect_timeout=4"]).joined(separator: "\n")
            .write(toFile: serviceFile, atomically: true, encoding: .utf8)
        setenv("PGSERVICEFILE", serviceFile, 1)
        #expect(try PGConnection(conninfo: "service=desk").option("connect_timeout") == "4")

        // Listening, never accepting: the kernel completes the handshake, and libpq's start-up packet waits.
        let silent = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(silent) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(silent, $0, length) == 0 && listen(silent, 4) == 0 && getsockname(silent, $0, &length) == 0
            }
        }
        try #require(listening)
        let started = ContinuousClock.now
        let error = #expect(throws: PGError.self) {
            try PGConnection(conninfo: "host=127.0.0.1 port=\(UInt16(bigEndian: address.sin_port)) dbname=desk")
        }
        let waited = ContinuousClock.now - started
        #expect(waited >= .seconds(9) && waited < .seconds(20), "\(waited)")
        #expect(error?.isConnectionLost == true && error?.isRefusal == false, "\(String(describing: error))")
    }

    @Test func aRefusedConnectionSaysWhy() throws {
        let db = try TempPostgresDatabase()
        let missing = #expect(throws: PGError.self) {
            try PGConnection(conninfo: db.server.url(database: "no_such_desk"))
        }
        #expect(missing?.description.contains(#"database "no_such_desk" does not exist"#) == true)
        #expect(missing?.description.contains("\n") == false)
        // Not a lost connection: another try would be told the same.
        #expect(missing?.isConnectionLost == false && missing?.isRefusal == true)
        #expect(missing?.isLoginRefused == false)
        let stranger = #expect(throws: PGError.self) {
            try PGConnection(conninfo: db.url(with: ["user": "nobody_here"]))
        }
        #expect(stranger?.description.contains(#"role "nobody_here" does not exist"#) == true)
        #expect(stranger?.isLoginRefused == true && stranger?.isConnectionLost == false)
        let noServer = #expect(throws: PGError.self) {
            try PGConnection(conninfo: "host=127.0.0.1 port=1 dbname=desk connect_timeout=2")
        }
        // TLS that cannot be had is libpq's own refusal (the test server speaks no TLS).
        if let port = db.server.port {
            for (tls, said) in [("require", "server does not support SSL"),
                                ("sure", "invalid sslmode value")] {
                let refused = #expect(throws: PGError.self) {
                    try PGConnection(conninfo: "host=127.0.0.1 port=\(port) dbname=\(db.name) sslmode=\(tls)")
                }
                #expect(refused?.message.contains(said) == true, "\(String(describing: refused))")
                #expect(refused?.isRefusal == true && refused?.isConnectionLost == false)
            }
        }
        // A server that is not listening may be restarting: that one is worth waiting for.
        #expect(noServer?.isConnectionLost == true && noServer?.isRefusal == false)
    }

    /// A database without the desk's schema, or with another version of it, is named with what to run, and
    /// without the password its URL holds (it said "database error: relation … does not exist").
    @Test func aDatabaseWithoutTheDeskSaysWhatToRun() throws {
        let db = try TempPostgresDatabase()
        // A URL, as storage.url and --db take it (a conninfo of key=value pairs is never named to a user).
        let url = db.server.uri(database: db.name) + "&password=s3cret"
        let empty = #expect(throws: ServiceError.self) { try Store(postgresql: url) }
        let said = empty?.description ?? ""
        #expect(said.contains("holds no ResellerDesk desk") && said.contains("`resellerdesk storage init "), "\(said)")
        #expect(!said.contains("s3cret"), "\(said)")
        try db.psql("CREATE SCHEMA resellerdesk; CREATE TABLE resellerdesk.schema_info (version int); "
                    + "INSERT INTO resellerdesk.schema_info VALUES (999)")
        let old = #expect(throws: ServiceError.self) { try Store(postgresql: url) }
        #expect(old?.description.contains("has schema version 999, this resellerdesk knows") == true,
                "\(String(describing: old))")
        #expect(old?.description.contains("s3cret") == false)
    }

    /// A refused login is said at once, not after the seconds of retries a restarting server is given (it was
    /// retried for about 13 s, then told to "try again").
    @Test func aDeskThatRefusesTheLoginSaysSoAtOnce() throws {
        let db = try TempPostgresDatabase()
        for (url, want) in [(db.url(with: ["user": "nobody_here"]), "does not let this login in"),
                            (db.server.url(database: "no_such_desk"), "refused the connection")] {
            let started = ContinuousClock.now
            let error = #expect(throws: ServiceError.self) { try Store(postgresql: url) }
            #expect(ContinuousClock.now - started < .seconds(5), "retried: \(String(describing: error))")
            #expect(error?.description.contains(want) == true, "\(String(describing: error))")
            #expect(error?.description.contains("try again") == false, "\(String(describing: error))")
        }
    }

    @Test(.enabled(if: (try? PostgresServer.shared.checksPasswords) ?? false))
    func aWrongPasswordIsRefused() throws {
        let db = try TempPostgresDatabase()
        let role = "pw_" + db.name
        try db.psql("CREATE ROLE \(role) LOGIN PASSWORD 'right' IN ROLE \(PostgresServer.passwordLoginRole)")
        defer { _ = try? db.psql("DROP ROLE \(role)") }
        let wrong = #expect(throws: PGError.self) {
            try PGConnection(conninfo: db.url(with: ["user": role, "password": "wrong"]))
        }
        #expect(wrong?.description.contains(#"password authentication failed for user "\#(role)""#) == true)
        #expect(wrong?.isLoginRefused == true)
        let none = #expect(throws: PGError.self) {
            try PGConnection(conninfo: db.url(with: ["user": role, "passfile": "/nonexistent"]))
        }
        #expect(none?.isLoginRefused == true, "\(String(describing: none))")
        let right = try PGConnection(conninfo: db.url(with: ["user": role, "password": "right"]))
        #expect(try right.query("SELECT current_user").rows == [[role.databaseValue]])
    }

    @Test func theSessionIsNamedAndSpeaksUTF8() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url(with: ["client_encoding": "LATIN1"]))
        #expect(try pg.query("SHOW application_name").rows == [["resellerdesk".databaseValue]])
        #expect(try pg.query("SHOW client_encoding").rows == [["UTF8".databaseValue]])
        #expect(pg.serverVersion >= 150_000)
        let named = try PGConnection(conninfo: db.url(with: ["application_name": "storefront"]))
        #expect(try named.query("SHOW application_name").rows == [["storefront".databaseValue]])
    }

    @Test func textWithNULIsRefusedNotCut() throws {
        let db = try TempPostgresDatabase()
        let pg = try PGConnection(conninfo: db.url)
        let error = #expect(throws: PGError.self) { try pg.query("SELECT $1::text", ["a\u{0}b".databaseValue]) }
        #expect(error?.sqlState == "22021")
    }
}
