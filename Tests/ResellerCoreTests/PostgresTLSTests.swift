import Foundation
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A desk reached over TLS, as docs/postgresql.md sets up the storefront hosts: `sslmode=verify-full` with the
/// desk's CA, against a real server speaking TLS with a certificate Debian's openssl made. The rest of the tests'
/// servers speak none.
/// It starts a server of its own, as the tests do unless they are given an external one.
@Suite(.postgresOnly, .enabled(if: (try? PostgresServer.shared.port) != nil))
struct PostgresTLSTests {
    /// One TLS server for the suite's tests; stopped when the test process ends.
    static let shared = Result { try PostgresServer(tls: true) }

    /// A new database on the TLS server, and its URL as `--db` and `storage.url` take it: the name checked is
    /// `host`, the address connected to `hostaddr` (the server listens on 127.0.0.1 alone).
    static func desk(host: String = "localhost", strangerCA: Bool = false) throws
        -> (database: String, url: String, server: PostgresServer) {
        let server = try shared.get()
        let port = try #require(server.port)
        let certificates = try #require(server.certificates)
        let database = "tls_" + UUID().uuidString.prefix(8).lowercased()
        try server.createDatabase(database)
        let url = "postgresql://postgres@\(host):\(port)/\(database)?hostaddr=127.0.0.1&sslmode=verify-full"
            + "&sslrootcert=\(strangerCA ? certificates.stranger : certificates.authority)"
        return (database, url, server)
    }

    @Test func aDeskIsMadeAndWrittenOverVerifiedTLS() throws {
        let desk = try Self.desk()
        defer { try? desk.server.dropDatabase(desk.database) }
        try PostgresStorage.initialize(url: desk.url)
        let store = try Store(location: desk.url)
        let service = ResellerService(store: store, settings: .test, clock: { Date() })
        var form = AccountForm()
        form.name = "Aegean Cloud Partners"
        form.email = "accounts@aegean.example"
        form.country = "GR"
        let account = try service.createAccount(form, by: staff)
        // Read back by psql over the socket, an independent client: the write arrived.
        #expect(try desk.server.psql("SELECT name FROM resellerdesk.accounts WHERE id = \(account.id)",
                                     database: desk.database) == "Aegean Cloud Partners\n")
        // And it arrived encrypted: the server's own view of the session the desk used.
        guard case .postgresql(let pool) = store.engine else { Issue.record("not a PostgreSQL store"); return }
        let tls = try pool.transaction(readOnly: true, isolation: .serializable) { session in
            try session.connection.query("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()").rows[0]
        }
        #expect(tls == [true.databaseValue, "TLSv1.3".databaseValue])
    }

    /// A certificate that does not check out is a refusal, said at once with libpq's reason and never retried
    /// (a retry would get the same answer after the 15 seconds of a lost server).
    @Test(arguments: [
        ("127.0.0.1", false, #"does not match host name "127.0.0.1""#),
        ("localhost", true, "certificate verify failed"),
    ])
    func aServerWhoseCertificateDoesNotCheckOutIsRefusedAtOnce(host: String, strangerCA: Bool, reason: String) throws {
        let desk = try Self.desk(host: host, strangerCA: strangerCA)
        defer { try? desk.server.dropDatabase(desk.database) }
        let started = ContinuousClock.now
        #expect {
            try PostgresStorage.initialize(url: desk.url)
        } throws: { error in
            let said = "\(error)"
            return said.contains(reason) && said.contains("TLS settings") && said.contains("nothing was saved")
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try desk.server.psql("SELECT count(*) FROM pg_namespace WHERE nspname = 'resellerdesk'",
                                     database: desk.database) == "0\n")
    }
}
