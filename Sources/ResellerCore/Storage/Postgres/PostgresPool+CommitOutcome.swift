import Foundation
import GRDB

/// A COMMIT whose answer never came: the server may have committed or not. Instead of telling the user "look at
/// the desk", the pool asks the server (`pg_xact_status`), which knows once the old session has ended.
extension PostgresPool {
    /// A write transaction as the server knows it: its id, the session (backend) running it, and the server's
    /// life when it began (`serverLife`).
    struct Write {
        let id: String
        let backend: Int64
        let serverLife: String
    }

    enum Outcome {
        case committed
        case rolledBack
        /// The server could not say within the time allowed: why, in a few words.
        case unknown(String)
    }

    /// What BEGIN's round trip asks of a write (`write(begun:readOnly:)` reads it).
    static let writeIdentity = "SELECT pg_current_xact_id()::text, pg_backend_pid(), \(serverLife)"

    /// Changes when the server restarts (its start time) or recovers from a crash without restarting (the
    /// postmaster reinitialises, and the statistics' reset time moves). An id that never reached the WAL is handed
    /// out again after a crash, so after one "committed" may be another transaction's.
    static let serverLife = "pg_postmaster_start_time()::text || ' ' || "
        + "coalesce((SELECT stats_reset FROM pg_stat_bgwriter)::text, '')"

    /// The write `BEGIN …; SELECT <writeIdentity>` began; nil for a read-only transaction.
    static func write(begun: PGResult, readOnly: Bool) throws(PGError) -> Write? {
        if readOnly { return nil }
        guard let row = begun.rows.first, row.count == 3, let id = String.fromDatabaseValue(row[0]),
              let backend = Int64.fromDatabaseValue(row[1]), let life = String.fromDatabaseValue(row[2]) else {
            throw PGError(sqlState: nil, message: "the server did not say which transaction began")
        }
        return Write(id: id, backend: backend, serverLife: life)
    }

    /// What became of `write`, asked on another connection at least once and until `deadline`. While its session
    /// lives the transaction is "in progress": either COMMIT is still being written, or COMMIT never arrived and
    /// the session waits, idle in the transaction, for a client that is gone (a link that died silently, which the
    /// server may not notice for hours). That session is ended, which rolls the transaction back; one that is
    /// committing is left to finish.
    func outcome(of write: Write, until deadline: ContinuousClock.Instant) -> Outcome {
        var pause = 10_000
        var why = "no answer"
        repeat {
            do {
                let (status, life) = try connection { c in
                    let row = try c.query("SELECT pg_xact_status($1::xid8), \(Self.serverLife)",
                                          [write.id.databaseValue]).rows[0]
                    let status = String.fromDatabaseValue(row[0]), life = String.fromDatabaseValue(row[1])
                    if status == "in progress" && life == write.serverLife {
                        try c.query("""
                            SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                            WHERE pid = $1 AND backend_xid = xid($2::xid8) AND state LIKE 'idle in transaction%'
                            """, [write.backend.databaseValue, write.id.databaseValue])
                    }
                    return (status, life)
                }
                if life != write.serverLife {
                    // Our transaction cannot outlive a restart: had its commit been written, its id would read
                    // committed; anything else means it was lost. But "committed" may be another's, given that id.
                    return status == "committed" ? .unknown("the server restarted since") : .rolledBack
                }
                switch status {
                case "committed": return .committed
                case "aborted": return .rolledBack
                case "in progress": pause = 10_000
                default: return .unknown("the server no longer remembers the transaction")   // NULL: too old
                }
            } catch let error as PGError where error.isConnectionLost {
                // The server itself is gone for now (a restart, a failover): wait longer each time.
                forgetIdleConnections()
                why = error.description
                pause = min(pause * 5, 250_000)
            } catch let error as PGError where error.sqlState == "22023" {
                // "transaction ID … is in the future": past a restart that handed out fewer ids than before; a
                // committed transaction's id is never handed out again, so ours did not commit.
                return .rolledBack
            } catch {
                return .unknown("\(error)")
            }
            usleep(UInt32(pause))
        } while ContinuousClock.now < deadline
        return .unknown(why)
    }
}
