import Foundation
import ResellerCore
import Synchronization

/// A real PostgreSQL (15 or later, from Debian) for the tests: its own cluster in a fresh temporary folder,
/// on a free loopback port and a private Unix-socket folder, stopped and removed when the test process ends.
/// With `RESELLERDESK_TEST_PG` set (a superuser's conninfo), the tests use that server instead, so a script
/// can start one server for several test steps.
public final class PostgresServer: Sendable {
    /// The server every test shares, started on first use; throws (in each test that asks) when none can be.
    public static var shared: PostgresServer {
        get throws { try sharedServer.get() }
    }
    private static let sharedServer = Result { () throws -> PostgresServer in
        if let conninfo = ProcessInfo.processInfo.environment["RESELLERDESK_TEST_PG"], !conninfo.isEmpty {
            return try PostgresServer(external: conninfo)
        }
        return try PostgresServer()
    }

    private enum Location {
        case cluster(PostgresCluster)
        case external(conninfo: String)
    }
    private let location: Location
    /// The psql of the newest installed server, or the one on PATH for an external server.
    private let psqlPath: String

    /// Starts a cluster of its own. `durable` keeps fsync, synchronous_commit and full_page_writes on, for
    /// crash trials; without it the tests trade crash safety for speed. With `tls` it speaks TLS as well, with
    /// the `certificates` made for it.
    public init(durable: Bool = false, tls: Bool = false) throws {
        let binaries = try PostgresBinaries.newest()
        location = .cluster(try PostgresCluster.start(binaries: binaries, durable: durable, tls: tls))
        psqlPath = binaries.path("psql")
    }

    private init(external conninfo: String) throws {
        location = .external(conninfo: conninfo)
        psqlPath = (try? PostgresBinaries.newest().path("psql")) ?? "psql"
    }

    deinit { stop() }

    /// A conninfo string for libpq that reaches `database` as the superuser `postgres` (or the external one),
    /// with `parameters` added over the server's own (`["user": "clerk", "password": "…"]`).
    public func url(database: String, with parameters: KeyValuePairs<String, String> = [:]) -> String {
        let base = switch location {
        case .cluster(let cluster):
            "host=\(cluster.socketDirectory) port=\(cluster.port) user=postgres dbname=\(Self.quoted(database))"
        case .external(let conninfo):
            Self.replacingDatabase(in: conninfo, with: database)
        }
        return Self.adding(parameters, to: base)
    }

    /// `database` as a postgresql:// URL, the form `--db` and RESELLERDESK_DB take (anything else is a SQLite
    /// file's path there): for the tests that run the binary on a PostgreSQL desk.
    public func uri(database: String) -> String {
        switch location {
        case .cluster(let cluster):
            var components = URLComponents()
            components.scheme = "postgresql"
            components.host = ""
            components.path = "/" + database
            components.queryItems = [URLQueryItem(name: "host", value: cluster.socketDirectory),
                                     URLQueryItem(name: "port", value: String(cluster.port)),
                                     URLQueryItem(name: "user", value: "postgres")]
            return components.string!
        case .external(let conninfo):
            precondition(Self.isURL(conninfo), "RESELLERDESK_TEST_PG must be a postgresql:// URL for the CLI tests")
            return Self.replacingDatabase(in: conninfo, with: database)
        }
    }

    /// On a cluster of the tests' own, a role in this group must sign in with its password (everyone else is
    /// trusted): for the tests of a refused sign-in.
    public static let passwordLoginRole = "password_login"

    /// Whether members of `passwordLoginRole` are refused without their password (not known of an external
    /// server).
    public var checksPasswords: Bool {
        if case .cluster = location { true } else { false }
    }

    /// What a client verifies a TLS server with (nil for a server without TLS, or an external one).
    public var certificates: TestCertificates? {
        if case .cluster(let cluster) = location { cluster.certificates } else { nil }
    }

    /// The TCP port on 127.0.0.1 (nil for an external server).
    public var port: Int? {
        if case .cluster(let cluster) = location { cluster.port } else { nil }
    }

    public func createDatabase(_ name: String, template: String? = nil) throws {
        let from = template.map { " TEMPLATE " + Self.identifier($0) } ?? ""
        try administer("CREATE DATABASE \(Self.identifier(name))\(from)")
    }

    /// Drops it even while clients are connected to it (they are disconnected).
    public func dropDatabase(_ name: String) throws {
        try administer("DROP DATABASE IF EXISTS \(Self.identifier(name)) WITH (FORCE)")
    }

    /// Runs `sql` with the real psql, an independent client, and returns what it printed (unaligned, tuples
    /// only); throws with psql's error when it fails.
    @discardableResult
    public func psql(_ sql: String, database: String) throws -> String {
        try PostgresProcess.run(psqlPath, ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                           "-d", url(database: database), "-c", sql])
    }

    /// Stops the server (as `pg_ctl restart -m fast` would) and starts it again; clients are disconnected.
    public func restart() throws {
        guard case .cluster(let cluster) = location else {
            throw PostgresServerError("an external server (RESELLERDESK_TEST_PG) is not restarted by the tests")
        }
        try cluster.restart()
    }

    /// Stops an own cluster and removes its folder; nothing for an external server.
    public func stop() {
        if case .cluster(let cluster) = location { cluster.stop() }
    }

    private func administer(_ sql: String) throws {
        try PGConnection(conninfo: url(database: "postgres")).query(sql)
    }

    private static func identifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A conninfo value in single quotes, as libpq's keyword form reads it.
    static func quoted(_ value: String) -> String {
        "'" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'") + "'"
    }

    /// Keywords added to a conninfo: as query items of a URL, else after it (libpq keeps the last value of a
    /// repeated keyword).
    static func adding(_ parameters: KeyValuePairs<String, String>, to conninfo: String) -> String {
        guard !parameters.isEmpty else { return conninfo }
        if isURL(conninfo), var components = URLComponents(string: conninfo) {
            components.queryItems = (components.queryItems ?? []) + parameters.map { URLQueryItem(name: $0, value: $1) }
            if let url = components.string { return url }
        }
        return ([conninfo] + parameters.map { "\($0)=\(quoted($1))" }).joined(separator: " ")
    }

    private static func isURL(_ conninfo: String) -> Bool {
        conninfo.hasPrefix("postgresql://") || conninfo.hasPrefix("postgres://")
    }

    /// The same conninfo for another database: the URL's path replaced, or a later dbname (libpq keeps the
    /// last value of a repeated keyword).
    static func replacingDatabase(in conninfo: String, with database: String) -> String {
        if isURL(conninfo), var components = URLComponents(string: conninfo) {
            components.path = "/" + database
            if let url = components.string { return url }
        }
        return conninfo + " dbname=" + quoted(database)
    }
}

public struct PostgresServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
