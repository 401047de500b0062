import Foundation
import Synchronization

/// How a PostgreSQL write transaction keeps its promises. SQLite has one writer at a time, so every write
/// there is both.
enum WriteIsolation: Sendable {
    /// SERIALIZABLE: the outcome is that of some one-at-a-time order, as on SQLite, whatever the body reads.
    /// A conflict with another host's transaction is retried from the start.
    case serializable
    /// READ COMMITTED: for the batch loops (billing, collections, outbox claims) that take their rows with
    /// `FOR NO KEY UPDATE [SKIP LOCKED]` and the numbering counter with its UPDATE, so two hosts share the work and
    /// wait on each other's counter instead of failing and retrying a whole batch.
    case lockedRows
}

/// The connections of one process to one database, reused: a connection costs a fork on the server. A broken
/// one (the server restarted, the network dropped) is closed, and the next transaction opens a new one.
final class PostgresPool: Sendable {
    let conninfo: String
    private let idle = Mutex<[PGConnection]>([])
    /// How long a transaction that keeps losing conflicts, or its connection before COMMIT, is run again before
    /// it is refused whole; also how long the server is asked what became of a COMMIT whose answer was lost. A
    /// budget of time, not a count: on a busy desk a short write can lose to one transaction after another for
    /// as long as a long one (a statement import) runs, and a count of 10 (about 2 s of waiting) was spent
    /// before it ended (the soak on a slow machine: a storefront order refused 503).
    let retryBudget: Duration

    init(conninfo: String, retryBudget: Duration = .seconds(15)) {
        self.conninfo = conninfo
        self.retryBudget = retryBudget
    }

    func connection<T>(_ body: (PGConnection) throws -> T) throws -> T {
        let connection = try idle.withLock { $0.popLast() } ?? open()
        defer {
            if !connection.isBroken && connection.transactionIsIdle {
                idle.withLock { if $0.count < 8 { $0.append(connection) } }
            }
        }
        return try body(connection)
    }

    /// A lost server leaves every idle connection dead too: the next transactions open fresh ones.
    func forgetIdleConnections() {
        idle.withLock { $0.removeAll() }
    }

    /// A new connection whose names resolve in the desk's schema: the database's own default (`storage init`
    /// sets it) is not copied with the database, nor does it hold for a role that sets its own.
    private func open() throws -> PGConnection {
        let connection = try PGConnection(conninfo: conninfo)
        try connection.execute(script: "SET search_path TO \(PostgresSchema.schema)")
        return connection
    }

    /// Runs `body` in one transaction and commits it. A serialization failure or deadlock, or a connection lost
    /// before COMMIT was sent, rolls back everything, so `body` runs again on a fresh snapshot (`prepare` first
    /// resets what the caller collected), until `retryBudget` is spent. A connection lost while committing is
    /// settled by asking the server, on another connection, what became of the transaction (`outcome(of:)`):
    /// committed, the result stands; rolled back, `body` runs again at once. When the server cannot say within
    /// `retryBudget` (unreachable, still committing, restarted since), it is an `UncertainCommit`.
    func transaction<T>(readOnly: Bool, isolation: WriteIsolation, prepare: () -> Void = {},
                        _ body: (PostgresSession) throws -> T) throws -> T {
        let begin = readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
            : isolation == .serializable ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL READ COMMITTED"
        // A write takes its transaction id as it begins, in the same round trip, to ask about if COMMIT's answer
        // is lost. Asked for just before COMMIT it would cost a round trip of its own; taken at BEGIN, a write
        // that changes nothing commits a transaction id too (a WAL record and its flush).
        let script = readOnly ? begin : begin + "; " + Self.writeIdentity
        let started = ContinuousClock.now
        var attempt = 0
        while true {
            attempt += 1
            prepare()
            do {
                return try connection { c in
                    let write = try Self.write(begun: c.execute(script: script), readOnly: readOnly)
                    let result: T
                    do {
                        result = try body(PostgresSession(c))
                    } catch {
                        if !c.isBroken { _ = try? c.execute(script: "ROLLBACK") }
                        throw error
                    }
                    do {
                        try c.execute(script: "COMMIT")
                    } catch let error as PGError where error.isConnectionLost {
                        // A read-only transaction has nothing to lose; a write's fate is the server's to tell.
                        guard let write else { return result }
                        switch outcome(of: write, until: ContinuousClock.now + retryBudget) {
                        case .committed: return result
                        case .rolledBack: throw RolledBack(error: error)
                        case .unknown(let why): throw PostgresPool.UncertainCommit(error: error, why: why)
                        }
                    }
                    return result
                }
            } catch let rolledBack as RolledBack {
                // The server has just answered that nothing was kept: run again at once.
                guard ContinuousClock.now - started < retryBudget else { throw rolledBack.error }
            } catch let error as PGError where Self.retryable(error) {
                // Conflicts come in bursts between the same transactions: wait a little, twice as long each time
                // (2 to 10 ms, then at most 64 to 320 ms, so a write that lost to a long one is tried again soon
                // after it ends). A lost server is given longer each time to come back (a restart, a failover).
                let microseconds = error.isConnectionLost ? 250_000 * min(attempt, 8)
                    : Int.random(in: 1_000...5_000) << min(attempt, 6)
                guard ContinuousClock.now - started + .microseconds(microseconds) < retryBudget else { throw error }
                if error.isConnectionLost { forgetIdleConnections() }
                usleep(UInt32(microseconds))
            }
        }
    }

    /// The connection was lost while COMMIT was on its way, and the server could not say whether it committed
    /// (`why`).
    struct UncertainCommit: Error {
        let error: PGError
        var why = "the server was not asked"
    }

    /// The connection was lost while COMMIT was on its way, and the server then said it kept nothing.
    private struct RolledBack: Error {
        let error: PGError
    }

    /// Nothing of the transaction was kept: a conflict, or a connection lost before COMMIT or during one the
    /// server then reported rolled back.
    static func retryable(_ error: PGError) -> Bool {
        error.isSerializationFailure || error.isDeadlock || error.isConnectionLost
    }
}

/// A connection is used by one thread at a time: the pool hands it over under its lock, and a transaction keeps
/// it to itself until it returns it.
extension PGConnection: @unchecked Sendable {}
