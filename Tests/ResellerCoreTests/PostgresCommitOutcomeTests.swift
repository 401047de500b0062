import Foundation
import GRDB
import Synchronization
import Testing
import DeskTestSupport
@testable import ResellerCore

/// A write whose link to the server drops while COMMIT is on its way is saved exactly once: the pool asks the
/// server, on another connection, what became of it. Until session 23 every such write was refused with "may or
/// may not have been saved; look at the desk", and the user had to find out.
/// The relay reaches the tests' own cluster on 127.0.0.1 (not an external server's).
@Suite(.postgresOnly, .enabled(if: (try? PostgresServer.shared.port) != nil))
struct PostgresCommitOutcomeTests {
    /// A database with one table, and a pool that reaches it through a relay cutting the link at the first COMMIT.
    struct Desk {
        let database: TempPostgresDatabase
        let cutter: CommitLinkCutter
        let pool: PostgresPool

        /// `login`: a role made for the test, neither superuser nor owner, as staff sign in.
        init(cut: CommitLinkCutter.Cut, turnsAwayAfterTheCut: Bool = false, budget: Duration = .seconds(15),
             login: String? = nil, on server: PostgresServer? = nil) throws {
            database = try TempPostgresDatabase(on: server)
            // In the desk's schema, where the pool's connections look (search_path).
            let schema = PostgresSchema.schema
            try database.psql("CREATE SCHEMA \(schema); CREATE TABLE \(schema).saves (n int NOT NULL)")
            if let login {
                try database.psql("""
                    CREATE ROLE \(login) LOGIN; GRANT USAGE ON SCHEMA \(schema) TO \(login);
                    GRANT SELECT, INSERT ON \(schema).saves TO \(login)
                    """)
            }
            let port = try #require(database.server.port, "the relay needs the tests' own cluster on 127.0.0.1")
            cutter = try CommitLinkCutter(toServerPort: port, cut: cut, turnsAwayAfterTheCut: turnsAwayAfterTheCut)
            pool = PostgresPool(conninfo: database.url(with: ["host": "127.0.0.1", "port": String(cutter.port),
                                                              "sslmode": "disable", "user": login ?? "postgres"]),
                                retryBudget: budget)
        }

        func count() throws -> String { try database.psql("SELECT count(*) FROM \(PostgresSchema.schema).saves") }

        /// Inserts a row; returns what the transaction returned and how many times its body ran.
        func save(isolation: WriteIsolation = .serializable) throws -> (answer: Int, runs: Int) {
            var runs = 0
            let answer = try pool.transaction(readOnly: false, isolation: isolation) { session in
                runs += 1
                try session.connection.query("INSERT INTO saves (n) VALUES (1)")
                return 42
            }
            return (answer, runs)
        }
    }

    @Test(arguments: [WriteIsolation.serializable, .lockedRows])
    func aCommitWhoseAnswerIsLostIsFoundSavedAndNotRunAgain(isolation: WriteIsolation) throws {
        let desk = try Desk(cut: .beforeTheAnswer)
        let saved = try desk.save(isolation: isolation)
        #expect(desk.cutter.hasCut)
        #expect(saved.answer == 42 && saved.runs == 1)
        #expect(try desk.count() == "1\n")
    }

    /// The link died silently: the server's session waits, idle in the transaction, and would for as long as TCP
    /// takes to notice (hours). The pool ends that session, which rolls the write back, and runs it again.
    /// As the superuser and as a plain login: a role may end its own sessions, and only those.
    @Test(arguments: [false, true])
    func aCommitThatNeverReachedTheServerIsRunAgainOnce(asAPlainLogin: Bool) throws {
        let login = "clerk_" + UUID().uuidString.prefix(8).lowercased()
        let desk = try Desk(cut: .beforeTheServer, login: asAPlainLogin ? login : nil)
        defer { if asAPlainLogin { _ = try? desk.database.psql("DROP OWNED BY \(login); DROP ROLE \(login)") } }
        let started = ContinuousClock.now
        let saved = try desk.save()
        #expect(desk.cutter.hasCut)
        #expect(saved.answer == 42 && saved.runs == 2)
        #expect(try desk.count() == "1\n")
        // Run again after the lost server's first pause (250 ms), not after the session timed out on its own.
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try desk.database.psql("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state LIKE 'idle in transaction%'
            """) == "0\n")
    }

    /// A write that ran longer than the retry budget is still asked about: the budget for asking counts from
    /// the lost COMMIT. It counted from the transaction's start, so a long write was never asked.
    @Test func aWriteLongerThanTheBudgetIsStillAskedAbout() throws {
        let desk = try Desk(cut: .beforeTheAnswer, budget: .seconds(1))
        let answer = try desk.pool.transaction(readOnly: false, isolation: .serializable) { session in
            try session.connection.query("INSERT INTO saves (n) VALUES (1)")
            usleep(1_300_000)
            return 7
        }
        #expect(desk.cutter.hasCut && answer == 7)
        #expect(try desk.count() == "1\n")
    }

    @Test func aReadOnlyTransactionWhoseCommitAnswerIsLostKeepsItsAnswer() throws {
        let desk = try Desk(cut: .beforeTheAnswer)
        var runs = 0
        let answer = try desk.pool.transaction(readOnly: true, isolation: .serializable) { session in
            runs += 1
            return try Int64.fromDatabaseValue(session.connection.query("SELECT count(*) FROM saves").rows[0][0])
        }
        #expect(desk.cutter.hasCut && answer == 0 && runs == 1)
    }

    /// A server that cannot be asked leaves the write's fate open, and the user is told so, with why: after
    /// asking for the whole budget, counted from the lost COMMIT (not from the transaction's start).
    @Test func aServerThatCannotBeAskedLeavesTheOutcomeOpenAndSaysSo() throws {
        let desk = try Desk(cut: .beforeTheAnswer, turnsAwayAfterTheCut: true, budget: .seconds(1))
        let started = ContinuousClock.now
        #expect {
            try desk.save()
        } throws: { error in
            let said = Store.describePostgres(error, url: "postgresql://desk.example/books").description
            return said.contains("could not say what it kept (connection to server")
                && said.contains("server closed the connection unexpectedly")
                && said.contains("the change may or may not have been saved") && !said.contains("\n")
        }
        #expect(desk.cutter.hasCut)
        #expect(desk.cutter.turnedAway >= 3, "asked \(desk.cutter.turnedAway) times")
        #expect(ContinuousClock.now - started >= .seconds(1))
        #expect(try desk.count() == "1\n")   // it was, as only the server knew
    }

    /// After a restart or a crash the server may have given the transaction's id to another transaction (an id
    /// that never reached the WAL is handed out again), so "committed" no longer says it was ours: the outcome
    /// stays open. Each on a server of its own (durable: a commit survives the crash), restarted or crashed
    /// while the relay turns the pool away.
    @Test(arguments: [false, true])
    func aServerThatRestartedSinceCannotVouchForTheCommit(crashes: Bool) throws {
        let server = try PostgresServer(durable: true)
        let desk = try Desk(cut: .beforeTheAnswer, turnsAwayAfterTheCut: true, on: server)
        let outcome = Mutex<Error?>(nil)
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            do { _ = try desk.save() } catch { outcome.withLock { $0 = error } }
            done.signal()
        }
        while desk.cutter.turnedAway == 0 { usleep(10_000) }
        if crashes {
            // A backend killed: the postmaster ends every session and recovers, without restarting itself.
            let pid = try server.psql("SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'",
                                      database: desk.database.name)
            #expect(kill(pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines))!, SIGKILL) == 0)
            try waitForServer(server, database: desk.database.name)
        } else {
            try server.restart()
        }
        desk.cutter.letThrough()
        done.wait()
        let said = outcome.withLock { $0 }.map { Store.describePostgres($0, url: "postgresql://desk.example/b") }
        #expect(said?.description.contains("could not say what it kept (the server restarted since)") == true,
                "\(String(describing: said))")
        #expect(try desk.count() == "1\n")   // committed before the restart: ours, but the server cannot tell
    }

    private func waitForServer(_ server: PostgresServer, database: String) throws {
        for _ in 0..<100 {
            if (try? server.psql("SELECT 1", database: database)) == "1\n" { return }
            usleep(100_000)
        }
        Issue.record("the server did not come back after the crash")
    }
}
